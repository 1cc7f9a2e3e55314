// The sweep store's figures (bench/sweep-store): reading the TLD zone file, creating a run
// with its work list, and claiming + recording through it, for SQLite and PostgreSQL.
import DNSCore
import Foundation
import Model
import SweepStorage
#if canImport(Glibc)
import Glibc
#endif

final class Counting: SweepWorkListWriter, @unchecked Sendable {
    var delegations = 0
    var glue = 0
    func add(_ delegation: SweepDelegation) throws { delegations += 1 }
    func add(_ glue: SweepGlue) throws { self.glue += 1 }
}

func peakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

/// Claims `batch` at a time and records an OK result for each (every tenth WARNING), with
/// `claimers` stores at once; returns zones per second.
final class Split: @unchecked Sendable {
    let lock = NSLock()
    var claim = 0.0
    var record = 0.0
    func add(claim: Double = 0, record: Double = 0) { lock.lock(); self.claim += claim; self.record += record; lock.unlock() }
}

func drain(_ stores: [any SweepStore], run: Int64, batch: Int) async throws -> (zones: Int, seconds: Double) {
    var total = 0
    let split = Split()
    let elapsed = try await seconds {
        total = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    var done = 0
                    while true {
                        var items: [SweepItem] = []
                        split.add(claim: try await seconds {
                            items = try await store.claim(run: run, owner: "bench-\(index)", count: batch, lease: .seconds(120))
                        })
                        if items.isEmpty { return done }
                        let results = items.map { item in
                            SweepZoneResult(item: item, findings: item.sequence % 10 == 0
                                ? [Finding(check: .authAuthority, severity: .warning, reason: .lameRefused, zone: item.zone,
                                           server: item.delegation.nameServers.last, address: "127.53.22.1", transport: .udp)]
                                : [])
                        }
                        split.add(record: try await seconds {
                            _ = try await store.record(run: run, owner: "bench-\(index)", results: results)
                        })
                        done += items.count
                    }
                }
            }
            var sum = 0
            for try await done in group { sum += done }
            return sum
        }
    }
    print(String(format: "  (time in claim %.2f s, in record %.2f s, summed over claimers)", split.claim, split.record))
    return (total, elapsed)
}

guard let zoneFile = argument("--zone-file"), let directory = argument("--dir") else {
    FileHandle.standardError.write(Data("usage: SweepStoreBench --zone-file FILE --dir DIR [--postgresql URL] [--batch N]\n".utf8))
    exit(64)
}
let batch = Int(argument("--batch") ?? "500") ?? 500

let counting = Counting()
let readSeconds = try await seconds { try SweepWorkList.load(zoneFile: zoneFile, tld: nil, into: counting) }
print(String(format: "read: %d delegations, %d glue records from %@ in %.2f s (%.0f delegations/s), peak RSS %.0f MiB",
             counting.delegations, counting.glue, zoneFile, readSeconds, Double(counting.delegations) / readSeconds, peakMiB()))

var stores: [(String, () throws -> any SweepStore)] = [("sqlite", { try SQLiteSweepStore(path: directory + "/sweep.sqlite") })]
if let url = argument("--postgresql") { stores.append(("postgresql", { try PostgreSQLSweepStore(url: url) })) }

for (name, open) in stores {
    let store = try open()
    var run: SweepRun?
    let createSeconds = try await seconds {
        run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: zoneFile), started: Date()) { writer in
            try SweepWorkList.load(zoneFile: zoneFile, tld: nil, into: writer)
        }
    }
    let zones = run!.zones
    print(String(format: "%@ create: run %lld with %d zones (zone file read included) in %.2f s (%.0f zones/s)",
                 name, run!.id, zones, createSeconds, Double(zones) / createSeconds))
    let one = try await drain([store], run: run!.id, batch: batch)
    print(String(format: "%@ claim+record, 1 claimer, batches of %d: %d zones in %.2f s (%.0f zones/s)",
                 name, batch, one.zones, one.seconds, Double(one.zones) / one.seconds))
    _ = try await store.finish(run: run!.id, at: Date())

    let second = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: zoneFile), started: Date()) { writer in
        try SweepWorkList.load(zoneFile: zoneFile, tld: nil, into: writer)
    }
    let two = try await drain([try open(), try open()], run: second.id, batch: batch)
    let census = try await store.census(run: second.id)
    print(String(format: "%@ claim+record, 2 claimers, batches of %d: %d zones in %.2f s (%.0f zones/s); census %d done, %d WARNING",
                 name, batch, two.zones, two.seconds, Double(two.zones) / two.seconds, census.progress.done, census.statuses[.warning] ?? 0))
    let censusSeconds = try await seconds { _ = try await store.census(run: second.id) }
    print(String(format: "%@ census read (with the change against run %lld): %.3f s", name, run!.id, censusSeconds))
}
print(String(format: "peak RSS %.0f MiB", peakMiB()))
