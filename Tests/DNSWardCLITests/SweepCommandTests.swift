import DNSCore
import DNSWardTestKit
import Foundation
import Model
import Platform
import SweepStorage
import Testing

/// `dnsward sweep` against the sweep lab (1,000 delegations on five NSD, faults in known
/// numbers): the census it stores equals expected.json, the lab's own statement of what
/// it was built with.
@Suite(.lab, .sweepLab, .serialized, .timeLimit(.minutes(10))) struct SweepCommandTests {
    struct Truth {
        let json: [String: Any]
        var zoneFile: String { json["zone_file"] as! String }
        var faults: [String: [String: Any]] { json["faults"] as! [String: [String: Any]] }
        var statuses: [String: Int] { (json["statuses"] as! [String: Int]).filter { $0.value > 0 } }
        var operators: [String: [String: Int]] { json["operators"] as! [String: [String: Int]] }

        static func load() throws -> Truth {
            let data = try Data(contentsOf: URL(fileURLWithPath: SweepLab.expectedPath))
            return Truth(json: try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        }

        func zones(_ kind: String) throws -> [String] {
            try String(contentsOfFile: SweepLab.directory + "/faults/\(kind).txt", encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    /// Every count of expected.json: per status, per fault (zones and findings), per operator.
    static func expectCensus(_ census: SweepCensus, _ truth: Truth, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(census.progress.isComplete, sourceLocation: sourceLocation)
        #expect(census.progress.total == SweepLab.count, sourceLocation: sourceLocation)
        #expect(Dictionary(uniqueKeysWithValues: census.statuses.filter { $0.value > 0 }.map { ($0.key.rawValue, $0.value) }) == truth.statuses,
                sourceLocation: sourceLocation)
        for (kind, spec) in truth.faults {
            let zones = spec["zones"] as! Int
            for finding in spec["findings"] as! [[String: Any]] {
                let check = CheckID(finding["check"] as! String)
                let reason = Reason(finding["reason"] as! String)
                let counted = census.reasons.filter { $0.check == check && $0.reason == reason }
                #expect(counted.reduce(0) { $0 + $1.zones } == zones, "\(kind): \(check) \(reason)", sourceLocation: sourceLocation)
                #expect(counted.reduce(0) { $0 + $1.findings } == zones * (finding["per_zone"] as! Int), "\(kind): \(reason) findings",
                        sourceLocation: sourceLocation)
                #expect(counted.allSatisfy { $0.severity.rawValue == finding["severity"] as! String }, "\(kind)", sourceLocation: sourceLocation)
            }
        }
        // Nothing else is wrong anywhere: every problem the census counts is one of the lab's.
        let known = Set(truth.faults.values.flatMap { ($0["findings"] as! [[String: Any]]).map { $0["reason"] as! String } })
        let unexpected = census.reasons.filter { $0.severity != .ok && !known.contains($0.reason.rawValue) }
        #expect(unexpected.isEmpty, "\(unexpected)", sourceLocation: sourceLocation)
        let counted = census.operators.filter { $0.zones > 1 }
        #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.name, ["zones": $0.zones, "broken": $0.broken]) }) == truth.operators,
                sourceLocation: sourceLocation)
    }

    @Test func aSweepOfTheLabCountsEveryFaultItWasBuiltWith() async throws {
        let truth = try Truth.load()
        let directory = try TemporaryDirectory()
        let storePath = directory.path + "/sweep.sqlite"
        let metrics = directory.path + "/sweep.prom"
        let result = try await DNSWardBinary.run(["sweep", "--from-zone", truth.zoneFile, "--history", storePath,
                                                  "--rate-per-server", "1000", "--prometheus", metrics,
                                                  "--report", directory.path + "/census.html", "--lang", "zh"])
        #expect(result.status == 2, "\(result.standardOutput)\(result.standardError)")
        let line = try #require(result.standardOutput.split(separator: "\n").first)
        #expect(line.hasPrefix("DNSWARD CRITICAL - "), "\(line)")
        #expect(line.contains("\(SweepLab.count) of \(SweepLab.count) zones of sweep."), "\(line)")

        let store = try SQLiteSweepStore(path: storePath)
        let run = try #require(try await store.runs(tld: "sweep.").first)
        #expect(run.finished != nil)
        let census = try await store.census(run: run.id)
        Self.expectCensus(census, truth)
        // The findings stored are the faulty zones' and only theirs (no OK finding is kept).
        let lame = try truth.zones("lame")[0]
        let findings = try await store.findings(run: run.id, zone: lame, limit: 100)
        #expect(findings.map(\.reason) == [.lameRefused], "\(findings)")
        let healthy = try truth.zones("hosting")[0]
        #expect(try await store.findings(run: run.id, zone: healthy, limit: 100).isEmpty)

        let page = try String(contentsOfFile: directory.path + "/census.html", encoding: .utf8)
        #expect(page.contains("按问题") && page.contains("lame-refused") && page.contains("hosting1.sweep."))

        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(text.contains("dnsward_sweep_zones_done{run=\"\(run.id)\",tld=\"sweep.\",host=\""), "\(text)")
        #expect(text.contains("dnsward_sweep_census_zones{run=\"\(run.id)\",tld=\"sweep.\",status=\"CRITICAL\"} \(truth.statuses["CRITICAL"]!)"),
                "\(text)")
        let promtool = try await Promtool.checkMetrics(text)
        #expect(promtool.status == 0, "\(promtool.standardOutput)\(promtool.standardError)")
    }

    @Test func aListOfNamesIsSweptFromTheParentsReferrals() async throws {
        let truth = try Truth.load()
        let directory = try TemporaryDirectory()
        let list = directory.path + "/zones.txt"
        let kinds = ["hosting", "in-bailiwick", "signed"] + truth.faults.keys.sorted()
        let names = try kinds.flatMap { try truth.zones($0) }
        #expect(names.count == SweepLab.count)
        try ("# the lab's zones, relative and absolute\n" + names.enumerated().map { $0 % 2 == 0 ? String($1.dropLast(".sweep.".count)) : $1 }
            .joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let storePath = directory.path + "/sweep.sqlite"
        let result = try await DNSWardBinary.run(["sweep", "--zones", list, "--tld", "sweep.", "--parent", "127.53.20.1",
                                                  "--history", storePath, "--rate-per-server", "1000"])
        #expect(result.status == 2, "\(result.standardOutput)\(result.standardError)")
        let store = try SQLiteSweepStore(path: storePath)
        let run = try #require(try await store.runs(tld: "sweep.").first)
        #expect(run.source.kind == .zoneList)
        Self.expectCensus(try await store.census(run: run.id), truth)
    }

    /// kill -9 twice mid-sweep, resumed each time: at the end every zone is done once, none
    /// skipped, and the census is the lab's (a zone counted twice or lost would change it).
    @Test func aSweepKilledTwiceAndResumedCountsEveryZoneOnce() async throws {
        let truth = try Truth.load()
        let directory = try TemporaryDirectory()
        let storePath = directory.path + "/sweep.sqlite"
        // Slow (40 questions a second per address, ~10 s in all), small batches and a short
        // lease: kills land mid-run, with batches committed and others leased.
        let slow = ["--history", storePath, "--rate-per-server", "40", "--batch", "40", "--workers", "64", "--lease", "2"]
        var done: [Int] = []
        var runID: Int64?
        for round in 0..<3 {
            let arguments = round == 0 ? ["sweep", "--from-zone", truth.zoneFile] + slow
                                       : ["sweep", "--resume", String(try #require(runID))] + slow
            let process = try Subprocess.start(DNSWardBinary.path, arguments)
            if round < 2 {
                try await Task.sleep(for: .seconds(3))
                #expect(process.isRunning, "round \(round): \(process.outputSoFar)")
                process.signal(SIGKILL)
                let killed = await process.finished(timeout: .seconds(10))
                #expect(killed.status != 0)
                let store = try SQLiteSweepStore(path: storePath)
                let run = try #require(try await store.runs(tld: "sweep.").first)
                runID = run.id
                let progress = try await store.progress(run: run.id)
                #expect(progress.done < progress.total, "round \(round) finished before its kill")
                done.append(progress.done)
            } else {
                let last = await process.finished(timeout: .seconds(120))
                #expect(last.status == 2, "\(last.standardOutput)\(last.standardError)")
            }
        }
        #expect(done.count == 2 && done[0] > 0 && done[1] > done[0], "progress per kill: \(done)")
        let store = try SQLiteSweepStore(path: storePath)
        let run = try #require(runID)
        let census = try await store.census(run: run)
        Self.expectCensus(census, truth)
        let statuses = try await store.statuses(run: run, limit: 10 * SweepLab.count)
        #expect(statuses.count == SweepLab.count)
        #expect(Set(statuses.map(\.zone)).count == SweepLab.count)
        #expect(census.statuses.values.reduce(0, +) == SweepLab.count, "each zone counted once")
    }

    /// Ctrl-C: the zones in flight are recorded, the rest given back at once (no lease left to
    /// wait out), exit 3 naming the run; --resume then finishes it with the lab's census.
    @Test func ctrlCGivesTheRestBackAndResumeFinishes() async throws {
        let truth = try Truth.load()
        let directory = try TemporaryDirectory()
        let storePath = directory.path + "/sweep.sqlite"
        let slow = ["--history", storePath, "--rate-per-server", "40", "--batch", "40", "--workers", "64", "--lease", "600"]
        let process = try Subprocess.start(DNSWardBinary.path, ["sweep", "--from-zone", truth.zoneFile] + slow)
        try await Task.sleep(for: .seconds(3))
        process.signal(SIGINT)
        let stopped = await process.finished(timeout: .seconds(60))
        #expect(stopped.status == 3, "\(stopped.standardOutput)\(stopped.standardError)")
        #expect(stopped.standardOutput.contains("stopped: continue with --resume 1"), "\(stopped.standardOutput)")
        let store = try SQLiteSweepStore(path: storePath)
        let progress = try await store.progress(run: 1)
        #expect(progress.leased == 0, "given back, not left to a 600 s lease")
        #expect(progress.done > 0 && progress.done < progress.total, "\(progress)")

        let resumed = try await DNSWardBinary.run(["sweep", "--resume", "1"] + slow)
        #expect(resumed.status == 2, "\(resumed.standardOutput)\(resumed.standardError)")
        Self.expectCensus(try await store.census(run: 1), truth)
    }

    /// One claim of the whole list, checked slower than its 1 s lease: renewals keep it, so no
    /// result is refused and the census is whole.
    @Test func aBatchLongerThanItsLeaseKeepsItByRenewal() async throws {
        let truth = try Truth.load()
        let directory = try TemporaryDirectory()
        let storePath = directory.path + "/sweep.sqlite"
        let metrics = directory.path + "/sweep.prom"
        let result = try await DNSWardBinary.run(["sweep", "--from-zone", truth.zoneFile, "--history", storePath,
                                                  "--rate-per-server", "100", "--batch", "\(SweepLab.count)", "--lease", "1",
                                                  "--prometheus", metrics])
        #expect(result.status == 2, "\(result.standardOutput)\(result.standardError)")
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        func value(_ family: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix(family + "{") }.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
        }
        #expect(value("dnsward_sweep_seconds").map { $0 > 2 } == true, "slower than two leases: \(text)")
        #expect(value("dnsward_sweep_lease_renewals").map { $0 >= 2 } == true, "\(text)")
        #expect(value("dnsward_sweep_lease_losses") == 0, "\(text)")
        #expect(value("dnsward_sweep_zones_done") == Double(SweepLab.count), "\(text)")
        let store = try SQLiteSweepStore(path: storePath)
        Self.expectCensus(try await store.census(run: try #require(try await store.runs(tld: "sweep.").first).id), truth)
    }

    /// Two hosts' processes against one PostgreSQL split one TLD: together every zone once
    /// and the lab's census, each about half. Then again with one of them killed -9 mid-run:
    /// the other takes its zones back once their lease runs out, and nothing is lost.
    @Test func twoProcessesShareOneTLDThroughPostgreSQLAndSurviveAKill() async throws {
        let truth = try Truth.load()
        let directory = try TemporaryDirectory()
        try await withPostgreSQL { url in
            let slow = ["--database", url, "--rate-per-server", "60", "--batch", "40", "--workers", "64", "--lease", "2"]
            func metric(_ path: String, _ family: String) -> Int? {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
                return text.split(separator: "\n").first { $0.hasPrefix(family + "{") }
                    .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }.map { Int($0) }
            }
            func startPair(round: Int) async throws -> (Subprocess.Running, Subprocess.Running, Int64) {
                let first = try Subprocess.start(DNSWardBinary.path, ["sweep", "--from-zone", truth.zoneFile,
                                                                      "--prometheus", directory.path + "/a\(round).prom"] + slow)
                let store = try PostgreSQLSweepStore(url: url)
                var run: SweepRun?
                for _ in 0..<200 where run == nil {
                    run = try await store.runs(tld: "sweep.").first { $0.finished == nil }
                    if run == nil { try await Task.sleep(for: .milliseconds(50)) }
                }
                let id = try #require(run?.id, "the first process created no run: \(first.outputSoFar)")
                let second = try Subprocess.start(DNSWardBinary.path, ["sweep", "--resume", String(id),
                                                                       "--prometheus", directory.path + "/b\(round).prom"] + slow)
                return (first, second, id)
            }

            let (a, b, shared) = try await startPair(round: 0)
            let resultA = await a.finished(timeout: .seconds(120))
            let resultB = await b.finished(timeout: .seconds(120))
            #expect(resultA.status == 2, "\(resultA.standardOutput)\(resultA.standardError)")
            #expect(resultB.status == 2, "\(resultB.standardOutput)\(resultB.standardError)")
            let store = try PostgreSQLSweepStore(url: url)
            Self.expectCensus(try await store.census(run: shared), truth)
            let doneA = try #require(metric(directory.path + "/a0.prom", "dnsward_sweep_zones_done"))
            let doneB = try #require(metric(directory.path + "/b0.prom", "dnsward_sweep_zones_done"))
            #expect(doneA + doneB == SweepLab.count, "\(doneA) + \(doneB)")
            #expect(doneA >= SweepLab.count / 5 && doneB >= SweepLab.count / 5, "each about half: \(doneA), \(doneB)")

            let (c, d, second) = try await startPair(round: 1)
            try await Task.sleep(for: .seconds(2))
            #expect(d.isRunning, "\(d.outputSoFar)")
            d.signal(SIGKILL)
            _ = await d.finished(timeout: .seconds(10))
            let resultC = await c.finished(timeout: .seconds(120))
            #expect(resultC.status == 2, "\(resultC.standardOutput)\(resultC.standardError)")
            let census = try await store.census(run: second)
            Self.expectCensus(census, truth)
            let statuses = try await store.statuses(run: second, limit: 10 * SweepLab.count)
            #expect(Set(statuses.map(\.zone)).count == SweepLab.count && statuses.count == SweepLab.count)
            // Against the first sweep: the same zones broken, none new, none fixed.
            let change = try #require(census.change)
            #expect(change.previousRun == shared)
            #expect(change[.stillBroken] == SweepLab.count - truth.statuses["OK"]!)
            #expect(change[.newlyBroken] == 0 && change[.fixed] == 0)
        }
    }

    @Test func aZoneFileThatCannotBeReadLeavesNoRunAndSaysWhere() async throws {
        let directory = try TemporaryDirectory()
        let zoneFile = directory.path + "/broken.zone"
        try "$ORIGIN sweep.\n@ 3600 IN SOA ns1 h 1 1 1 1 1\nd1 IN NS ns1.d1\nd1 IN BOGUS what\n".write(toFile: zoneFile, atomically: true, encoding: .utf8)
        let storePath = directory.path + "/sweep.sqlite"
        let result = try await DNSWardBinary.run(["sweep", "--from-zone", zoneFile, "--history", storePath])
        #expect(result.status == 3)
        #expect(result.standardOutput.hasPrefix("DNSWARD UNKNOWN - "), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("broken.zone"), "\(result.standardOutput)")
        #expect(try await SQLiteSweepStore(path: storePath).runs(tld: nil).isEmpty)

        let neither = try await DNSWardBinary.run(["sweep", "--history", storePath])
        #expect(neither.status == 3)
        #expect(neither.standardOutput.contains("--from-zone"), "\(neither.standardOutput)")
    }
}
