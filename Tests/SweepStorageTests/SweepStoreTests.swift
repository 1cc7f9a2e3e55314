import DNSCore
import Foundation
import Model
import SweepStorage
import Testing

/// The `SweepStore` protocol, held to the same tests against SQLite and a real PostgreSQL
/// server: exactly-once coverage under concurrent claimers, leases that bring a dead
/// claimer's batch back, results of a lost lease refused, the census and the change
/// against the previous run.
// Serialized: each PostgreSQL case starts a server of its own, and eight at once would take
// the machine's two cores from the load-sensitive suites running beside them.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SweepStoreTests {
    @Test(arguments: StoreKind.allCases)
    func twoConcurrentClaimersCoverEveryZoneExactlyOnce(kind: StoreKind) async throws {
        try await kind.with { open in
            let delegations = Work.delegations(3_000)
            let creator = try open()
            let run = try await creator.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: "/lab/sweep.zone"),
                                                  started: Date(), load: Work.load(delegations))
            #expect(run.zones == 3_000)

            // Two stores: two connections (PostgreSQL) or two SQLite handles on one file, as two hosts.
            let hosts = [try open(), try open()]
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (index, store) in hosts.enumerated() {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await store.claim(run: run.id, owner: "host-\(index)", count: 37, lease: .seconds(60))
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.sequence)
                            let commit = try await store.record(run: run.id, owner: "host-\(index)", results: batch.map(Work.result))
                            #expect(commit.accepted == batch.count && commit.rejected.isEmpty)
                        }
                    }
                }
                var all: [[Int64]] = []
                for try await mine in group { all.append(mine) }
                return all
            }
            let everything = claimed.flatMap { $0 }
            #expect(everything.count == 3_000, "a zone claimed twice or missed")
            #expect(Set(everything) == Set(1...3_000))
            #expect(claimed.allSatisfy { !$0.isEmpty }, "both claimers got work: \(claimed.map(\.count))")

            let census = try await creator.census(run: run.id)
            #expect(census.progress == SweepProgress(total: 3_000, done: 3_000, leased: 0))
            let expected = Dictionary(grouping: 0..<3_000, by: Work.expectedStatus).mapValues(\.count)
            #expect(census.statuses == expected)
            #expect(census.zones(.authAuthority, .lameRefused) == (0..<3_000).filter { $0 % 7 == 0 }.count)
            #expect(census.zones(.authReachUDP, .udpTimeout) == (0..<3_000).filter { $0 % 11 == 0 }.count)
            #expect(census.zones(.authAuthority, .authorityOK) == 0, "OK findings are not counted as problems")
            #expect(try await creator.finish(run: run.id, at: Date()))
            #expect(try await creator.run(id: run.id)?.finished != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDeadClaimersBatchComesBackAfterItsLeaseAndItsLateResultsAreRefused(kind: StoreKind) async throws {
        try await kind.with { open in
            let store = try open()
            let run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: "/lab/sweep.zone"),
                                                started: Date(), load: Work.load(Work.delegations(500)))
            let claimed = ContinuousClock.now
            let dead = try await open().claim(run: run.id, owner: "dead", count: 100, lease: .seconds(3))
            #expect(dead.count == 100)

            // One claim, well inside the dead claimer's lease even on a loaded machine.
            let survivor = try open()
            let rest = try await survivor.claim(run: run.id, owner: "alive", count: 500, lease: .seconds(60))
            let waiting = try await store.progress(run: run.id)
            try #require(ContinuousClock.now - claimed < .seconds(3), "the machine was too slow to test inside the lease")
            #expect(rest.count == 400, "the dead claimer's live lease kept its 100 zones out")
            #expect(Set(rest.map(\.sequence)).isDisjoint(with: dead.map(\.sequence)))
            #expect(waiting.done == 0 && waiting.leased == 500)
            _ = try await survivor.record(run: run.id, owner: "alive", results: rest.map(Work.result))
            #expect(try await store.finish(run: run.id, at: Date()) == false)

            try await Task.sleep(until: claimed + .milliseconds(3_500))
            let back = try await survivor.claim(run: run.id, owner: "alive", count: 500, lease: .seconds(60))
            #expect(back.map(\.sequence) == dead.map(\.sequence), "the expired batch comes back, whole, in order")
            #expect(try await survivor.record(run: run.id, owner: "alive", results: back.map(Work.result)).accepted == 100)

            // The "dead" claimer was only slow: its results arrive after it lost the lease.
            let late = try await store.record(run: run.id, owner: "dead", results: dead.map(Work.result))
            #expect(late.accepted == 0 && late.rejected.count == 100)
            let census = try await store.census(run: run.id)
            #expect(census.progress.isComplete)
            #expect(census.statuses.values.reduce(0, +) == 500, "every zone counted once")
            #expect(census.zones(.authAuthority, .lameRefused) == (0..<500).filter { $0 % 7 == 0 }.count)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aCommittedBatchIsNeverClaimedAgain(kind: StoreKind) async throws {
        try await kind.with { open in
            let store = try open()
            let run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: "/z"), started: Date(),
                                                load: Work.load(Work.delegations(20)))
            let batch = try await store.claim(run: run.id, owner: "a", count: 10, lease: .milliseconds(200))
            _ = try await store.record(run: run.id, owner: "a", results: batch.map(Work.result))
            try await Task.sleep(for: .milliseconds(400))
            let next = try await store.claim(run: run.id, owner: "b", count: 20, lease: .seconds(60))
            #expect(next.map(\.sequence) == Array(11...20))
            // Recording a done zone again (a duplicate delivery) changes nothing.
            let again = try await store.record(run: run.id, owner: "a", results: batch.map(Work.result))
            #expect(again.accepted == 0)
            #expect(try await store.progress(run: run.id).done == 10)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func releasedAndRenewedLeases(kind: StoreKind) async throws {
        try await kind.with { open in
            let store = try open()
            let run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: "/z"), started: Date(),
                                                load: Work.load(Work.delegations(30)))
            let held = try await store.claim(run: run.id, owner: "a", count: 10, lease: .seconds(1))
            #expect(try await store.renew(run: run.id, owner: "a", lease: .seconds(60)) == 10)
            try await Task.sleep(for: .milliseconds(1_300))
            // Renewed: still a's after the first lease would have run out.
            #expect(try await store.claim(run: run.id, owner: "b", count: 30, lease: .seconds(60)).count == 20)
            #expect(try await store.release(run: run.id, owner: "a") == 10)
            let freed = try await store.claim(run: run.id, owner: "c", count: 30, lease: .seconds(60))
            #expect(freed.map(\.sequence) == held.map(\.sequence))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func itemsCarryTheirNameServersDSAndGlue(kind: StoreKind) async throws {
        try await kind.with { open in
            let store = try open()
            let run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: "/z"), started: Date()) { writer in
                try writer.add(SweepDelegation(zone: "a.sweep.", nameServers: ["ns1.a.sweep.", "ns.host.sweep."],
                                               ds: ["12345 13 2 49FD46E6C4B45C55D4AC", "12345 13 4 AABB"]))
                try writer.add(SweepGlue(name: "ns1.a.sweep.", address: "127.53.30.1"))
                try writer.add(SweepGlue(name: "ns1.a.sweep.", address: "::1"))
                // Sibling glue: under another delegation, shared by every zone it serves.
                try writer.add(SweepDelegation(zone: "host.sweep.", nameServers: ["ns.host.sweep."]))
                try writer.add(SweepGlue(name: "ns.host.sweep.", address: "127.53.30.9"))
                try writer.add(SweepGlue(name: "ns.host.sweep.", address: "127.53.30.9"))
                try writer.add(SweepDelegation(zone: "listed.sweep."))
            }
            #expect(run.zones == 3)
            let items = try await store.claim(run: run.id, owner: "a", count: 10, lease: .seconds(60))
            #expect(items.map(\.sequence) == [1, 2, 3])
            #expect(items[0].delegation == SweepDelegation(zone: "a.sweep.", nameServers: ["ns1.a.sweep.", "ns.host.sweep."],
                                                           ds: ["12345 13 2 49FD46E6C4B45C55D4AC", "12345 13 4 AABB"]))
            #expect(items[0].glue == ["ns1.a.sweep.": ["127.53.30.1", "::1"], "ns.host.sweep.": ["127.53.30.9"]])
            #expect(items[1].glue == ["ns.host.sweep.": ["127.53.30.9"]])
            #expect(items[2].delegation.nameServers.isEmpty && items[2].glue.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aZoneListedTwiceIsRefusedByNameAndLeavesNoRun(kind: StoreKind) async throws {
        try await kind.with { open in
            let store = try open()
            let error = await #expect(throws: SweepStoreError.self) {
                _ = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneList, path: "/z"), started: Date()) { writer in
                    for index in 0..<25_000 { try writer.add(SweepDelegation(zone: "z\(index).sweep.")) }
                    try writer.add(SweepDelegation(zone: "z7.sweep."))
                }
            }
            #expect(error?.reason.contains("twice") == true)
            #expect(error?.reason.contains("z7.sweep.") == true, "\(String(describing: error))")
            #expect(try await store.runs(tld: "sweep.").isEmpty, "a failed load leaves nothing")
            // A loader's own error rolls back the same way.
            struct Broken: Error {}
            await #expect(throws: (any Error).self) {
                _ = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneList, path: "/z"), started: Date()) { writer in
                    try writer.add(SweepDelegation(zone: "a.sweep."))
                    throw Broken()
                }
            }
            #expect(try await store.runs(tld: nil).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func findingsRoundTripWithoutTheOKOnes(kind: StoreKind) async throws {
        try await kind.with { open in
            let store = try open()
            let run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: "/z"), started: Date(),
                                                load: Work.load(Work.delegations(12)))
            let items = try await store.claim(run: run.id, owner: "a", count: 12, lease: .seconds(60))
            _ = try await store.record(run: run.id, owner: "a", results: items.map(Work.result))
            let zero = try await store.findings(run: run.id, zone: "z00000.sweep.", limit: 100)
            // z00000: lame (0 % 7) and unreachable (0 % 11); its OK finding is not kept.
            #expect(zero.map(\.reason) == [.lameRefused, .udpTimeout, .tcpTimeout])
            let lame = try #require(zero.first)
            #expect(lame.check == .authAuthority && lame.severity == .warning && lame.address == "127.53.30.2")
            #expect(lame.transport == .udp && lame.parameters["rcode"] == .text("REFUSED"))
            #expect(lame.message == Finding(check: .authAuthority, severity: .warning, reason: .lameRefused,
                                            parameters: ["rcode": .text("REFUSED")]).message)
            #expect(try await store.findings(run: run.id, zone: "z00001.sweep.", limit: 100).isEmpty)
            // Lame: z00000, z00007; unreachable (two findings each): z00000, z00011.
            #expect(try await store.findings(run: run.id, zone: nil, limit: 100).count == 2 + 2 * 2)
            let statuses = try await store.statuses(run: run.id, limit: 100)
            #expect(statuses.count == 12 && statuses[0].zone == "z00000.sweep." && statuses[0].status == .critical)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theCensusCountsOperatorsAndTheChangeSinceThePreviousRun(kind: StoreKind) async throws {
        try await kind.with { open in
            let store = try open()
            func sweep(_ statuses: [String: Severity], started: Date) async throws -> Int64 {
                let zones = statuses.keys.sorted()
                let run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneList, path: "/z"), started: started) { writer in
                    for zone in zones { try writer.add(SweepDelegation(zone: zone, nameServers: ["ns1.dns.example.co.uk.", "ns.other.sweep."])) }
                }
                let items = try await store.claim(run: run.id, owner: "a", count: 100, lease: .seconds(60))
                let results = items.map { item in
                    let status = statuses[item.zone]!
                    let findings = status == .ok ? [] : [Finding(check: .authDNSSEC, severity: status, reason: .dsNoKey, zone: item.zone)]
                    return SweepZoneResult(item: item, findings: findings)
                }
                _ = try await store.record(run: run.id, owner: "a", results: results)
                _ = try await store.finish(run: run.id, at: started.addingTimeInterval(60))
                return run.id
            }
            let first = try await sweep(["a.sweep.": .critical, "b.sweep.": .ok, "c.sweep.": .warning, "d.sweep.": .critical],
                                        started: Date(timeIntervalSince1970: 1_800_000_000))
            #expect(try await store.census(run: first).change == nil, "no earlier run")
            // a fixed, b newly broken, c still broken, d undelegated, e new and broken.
            let second = try await sweep(["a.sweep.": .ok, "b.sweep.": .critical, "c.sweep.": .critical, "e.sweep.": .warning],
                                         started: Date(timeIntervalSince1970: 1_800_086_400))
            let census = try await store.census(run: second)
            #expect(census.change?.previousRun == first)
            #expect(census.change?.counts == [.newlyBroken: 2, .fixed: 1, .stillBroken: 1, .gone: 1])
            #expect(try await store.changes(run: second, kind: .newlyBroken, limit: 10) == ["b.sweep.", "e.sweep."])
            #expect(try await store.changes(run: second, kind: .fixed, limit: 10) == ["a.sweep."])
            #expect(try await store.changes(run: second, kind: .stillBroken, limit: 10) == ["c.sweep."])
            #expect(try await store.changes(run: second, kind: .gone, limit: 10) == ["d.sweep."])
            #expect(census.operators == [OperatorCount(name: "example.co.uk.", zones: 4, broken: 3),
                                         OperatorCount(name: "other.sweep.", zones: 4, broken: 3)])
            #expect(census.reasons.first == ReasonCount(check: .authDNSSEC, reason: .dsNoKey, severity: .critical,
                                                        zones: 2, findings: 2), "worst first")
            #expect(census.statuses == [.ok: 1, .critical: 2, .warning: 1])
            #expect(try await store.runs(tld: "sweep.").map(\.id) == [second, first])
        }
    }
}
