import DNSWardTestKit
import Foundation
import Platform
import Testing

/// cron/: the wrapper keeps runs of one job apart, stops a hung one, passes the exit
/// status on and writes the metrics; the crontab and the systemd units run the same jobs;
/// the alerting rules check and pass their unit tests, over metrics dnsward writes.
@Suite struct CronTests {
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    static var wrapper: String { repository.appendingPathComponent("cron/dnsward-run").path }

    /// A stand-in for dnsward: logs its start and end with the time, sleeps, exits as told.
    static let fake = """
        #!/usr/bin/env bash
        printf 'start %s %s %s\\n' "$1" "$EPOCHREALTIME" "$*" >> "$FAKE_LOG"
        sleep "${FAKE_SLEEP:-0}"
        printf 'end %s %s\\n' "$1" "$EPOCHREALTIME" >> "$FAKE_LOG"
        echo "fake output line"
        exit "${FAKE_EXIT:-0}"
        """

    struct World {
        let directory: TemporaryPath
        var log: String { directory.path + "/fake.log" }
        var textfiles: String { directory.path + "/textfile" }

        init() throws {
            directory = try TemporaryPath()
            try FileManager.default.createDirectory(atPath: textfiles, withIntermediateDirectories: true)
            // Written close-on-exec: a child another test forks meanwhile must not inherit the
            // open file, or running it fails with ETXTBSY ("Text file busy", exit 126).
            try DurableFile.write(Array(CronTests.fake.utf8), to: directory.path + "/dnsward", mode: 0o755)
        }

        func start(_ job: String, sleep: Double = 0, exit: Int = 0, timeout: Int? = nil, _ arguments: [String] = []) throws -> Subprocess.Running {
            var environment = ["DNSWARD=\(directory.path)/dnsward", "DNSWARD_LOCK_DIR=\(directory.path)/locks",
                               "DNSWARD_TEXTFILE_DIR=\(textfiles)", "DNSWARD_RUN_ECHO=1", "FAKE_LOG=\(log)",
                               "FAKE_SLEEP=\(sleep)", "FAKE_EXIT=\(exit)"]
            if let timeout { environment.append("DNSWARD_TIMEOUT=\(timeout)") }
            return try Subprocess.start("/usr/bin/env", environment + ["bash", CronTests.wrapper, job] + arguments)
        }

        var logLines: [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aSecondRunStartedAtTheSameTimeExitsCleanlyWithoutOverlapping() async throws {
        let world = try World()
        let first = try world.start("probe", sleep: 2, ["--deadline", "240"])
        let second = try world.start("probe", sleep: 2, ["--deadline", "240"])
        let results = await [first.finished(timeout: .seconds(30)), second.finished(timeout: .seconds(30))]
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map { "\($0.status) \($0.standardError)" })")
        let skipped = results.filter { $0.standardError.contains("skipped: the previous probe run still holds") }
        #expect(skipped.count == 1, "exactly one run gives way: \(results.map(\.standardError))")
        // One run of the job, start and end, never two at once.
        let lines = world.logLines
        #expect(lines.filter { $0.hasPrefix("start probe") }.count == 1 && lines.filter { $0.hasPrefix("end probe") }.count == 1,
                "\(lines)")
        // The run got the textfile collector's file, and its output went to the log.
        #expect(lines.first?.hasSuffix("probe --deadline 240 --prometheus \(world.textfiles)/dnsward-probe.prom") == true, "\(lines)")
        let ran = try #require(results.first { !$0.standardError.contains("skipped") })
        #expect(ran.standardError.contains("dnsward-probe") && ran.standardError.contains("fake output line"))
        let metrics = try String(contentsOfFile: world.textfiles + "/dnsward-cron-probe.prom", encoding: .utf8)
        #expect(metrics.contains("dnsward_cron_last_exit_code{job=\"probe\"} 0\n"))
        #expect(metrics.contains("dnsward_cron_last_duration_seconds{job=\"probe\"} 2."))
    }

    @Test(.timeLimit(.minutes(1)))
    func theSkippedRunEndsWhileTheFirstStillRuns() async throws {
        let world = try World()
        let first = try world.start("snapshot", sleep: 3)
        let deadline = ContinuousClock.now + .seconds(10)
        while !world.logLines.contains(where: { $0.hasPrefix("start snapshot") }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let second = await (try world.start("snapshot", sleep: 3)).finished(timeout: .seconds(10))
        let secondEnded = Date().timeIntervalSince1970
        #expect(second.status == 0 && second.standardError.contains("skipped"))
        // Another job is not held up by this one's lock.
        let other = await (try world.start("verify")).finished(timeout: .seconds(10))
        #expect(other.status == 0 && !other.standardError.contains("skipped"))
        #expect(await first.finished(timeout: .seconds(10)).status == 0)
        // The second run was over before the first one's job ended: it did not wait for it.
        let end = try #require(world.logLines.first { $0.hasPrefix("end snapshot") }?.split(separator: " ").last.flatMap { Double($0) })
        #expect(secondEnded < end, "the second run waited for the first")
        #expect(world.logLines.filter { $0.hasPrefix("start snapshot") }.count == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func theExitStatusPassesAndATimeoutStopsTheJob() async throws {
        let world = try World()
        let critical = await (try world.start("drill", exit: 2)).finished(timeout: .seconds(10))
        #expect(critical.status == 2)
        #expect(try String(contentsOfFile: world.textfiles + "/dnsward-cron-drill.prom", encoding: .utf8)
            .contains("dnsward_cron_last_exit_code{job=\"drill\"} 2\n"))
        let hung = await (try world.start("report", sleep: 30, timeout: 1)).finished(timeout: .seconds(20))
        #expect(hung.status == 124, "\(hung.standardError)")
        #expect(hung.standardError.contains("timeout: dnsward report stopped after 1 s"))
        // report writes no metrics of its own: no --prometheus was added.
        #expect(world.logLines.first { $0.hasPrefix("start report") }?.contains("--prometheus") == false)
        let bad = await (try world.start("../etc")).finished(timeout: .seconds(10))
        #expect(bad.status == 64)
    }

    /// dnsward.cron and the systemd units run the same jobs with the same arguments, and
    /// the probe's deadline is under its interval.
    @Test func theCrontabAndTheTimersRunTheSameJobs() throws {
        let cron = try String(contentsOf: Self.repository.appendingPathComponent("cron/dnsward.cron"), encoding: .utf8)
        let runs = cron.split(separator: "\n").compactMap { line -> String? in
            guard !line.hasPrefix("#"), let range = line.range(of: "/usr/local/lib/dnsward/dnsward-run ") else { return nil }
            return String(line[range.upperBound...])
        }
        #expect(runs.count == 6)
        let units = Self.repository.appendingPathComponent("cron/systemd")
        var exec: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: units.path) where name.hasSuffix(".service") {
            let text = try String(contentsOf: units.appendingPathComponent(name), encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
            exec.append(String(line.dropFirst("ExecStart=/usr/local/lib/dnsward/dnsward-run ".count)))
            #expect(FileManager.default.fileExists(atPath: units.appendingPathComponent(name.replacingOccurrences(of: ".service", with: ".timer")).path))
        }
        #expect(Set(exec) == Set(runs))
        for job in ["probe", "snapshot", "verify", "drill", "report"] {
            #expect(runs.contains { $0.hasPrefix(job + " ") }, "no \(job) job")
        }
        let probe = try #require(runs.first { $0.hasPrefix("probe ") })
        #expect(cron.contains("*/5 * * * *") && probe.contains("--deadline 240"))
    }

    static var promtool: String? {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/promtool") ? "/usr/bin/promtool" : nil
    }

    @Test func theAlertingRulesCheckAndPassTheirTests() async throws {
        let promtool = try #require(Self.promtool, "promtool not installed: apt-get install prometheus")
        let rules = Self.repository.appendingPathComponent("cron/prometheus/dnsward.rules.yml").path
        let check = try await Subprocess.run(promtool, ["check", "rules", rules])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("SUCCESS: 17 rules found"))
        let test = try await Subprocess.run(promtool, ["test", "rules", rules.replacingOccurrences(of: ".rules.yml", with: ".rules.test.yml")])
        #expect(test.status == 0, "\(test.standardOutput)\(test.standardError)")
    }

    /// Each alert asks for a metric dnsward (or the wrapper) writes: a renamed metric must
    /// not leave a rule that can never fire.
    @Test func everyMetricOfTheRulesIsWritten() throws {
        let rules = try String(contentsOf: Self.repository.appendingPathComponent("cron/prometheus/dnsward.rules.yml"), encoding: .utf8)
        let names = Set(rules.matches(of: /dnsward_[a-z_]+/).map { String($0.output) })
        #expect(names.count >= 12)
        let wrapper = try String(contentsOfFile: Self.wrapper, encoding: .utf8)
        var written = ""
        let sources = Self.repository.appendingPathComponent("Sources")
        for case let file as String in FileManager.default.enumerator(atPath: sources.path)! where file.hasSuffix(".swift") {
            written += try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        }
        for name in names {
            #expect(written.contains("\"\(name)\"") || wrapper.contains("\n\(name){"), "no dnsward code writes \(name)")
        }
    }
}

/// A directory removed when the value goes away.
final class TemporaryPath: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "dnsward-cron-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
