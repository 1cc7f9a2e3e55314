import DNSCore
import DNSWardTestKit
import Foundation
import Model
import SweepStorage

/// The two stores the protocol tests run against, each fresh: a new SQLite file, or a
/// PostgreSQL server of the test's own (`withPostgreSQL`).
enum StoreKind: String, CaseIterable, Sendable {
    case sqlite
    case postgresql

    /// `body` gets a way to open another store on the same database (another host).
    func with(_ body: (_ open: () throws -> any SweepStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = NSTemporaryDirectory() + "dnsward-sweep-test-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/sweep.sqlite"
            try await body { try SQLiteSweepStore(path: path) }
        case .postgresql:
            try await withPostgreSQL { url in
                try await body { try PostgreSQLSweepStore(url: url) }
            }
        }
    }
}


/// Collects what a loader adds, for tests that read sources.
final class Loaded: SweepWorkListWriter, @unchecked Sendable {
    var delegations: [SweepDelegation] = []
    var glue: [SweepGlue] = []
    func add(_ delegation: SweepDelegation) throws { delegations.append(delegation) }
    func add(_ glue: SweepGlue) throws { self.glue.append(glue) }
}

enum Work {
    /// `count` zones `zNNNNN.sweep.`, NS at one of three operators (in-bailiwick with glue
    /// for every tenth zone), a DS for every fifth.
    static func delegations(_ count: Int) -> [SweepDelegation] {
        (0..<count).map { index in
            let zone = String(format: "z%05d.sweep.", index)
            let servers = index % 10 == 0 ? ["ns1.\(zone)", "ns2.\(zone)"]
                : ["ns1.hosting\(index % 3).example.", "ns2.hosting\(index % 3).example."]
            return SweepDelegation(zone: zone, nameServers: servers, ds: index % 5 == 0 ? ["12345 13 2 ABCDEF"] : [])
        }
    }

    static func load(_ delegations: [SweepDelegation]) -> @Sendable (any SweepWorkListWriter) throws -> Void {
        { writer in
            for delegation in delegations {
                try writer.add(delegation)
                if delegation.nameServers.first?.hasSuffix(delegation.zone) == true {
                    for (offset, name) in delegation.nameServers.enumerated() {
                        try writer.add(SweepGlue(name: name, address: "127.53.30.\(offset + 1)"))
                    }
                }
            }
        }
    }

    /// A made-up result: every seventh zone lame at one server (WARNING), every eleventh
    /// unreachable and lame (CRITICAL), the rest OK with an OK finding that must not be kept.
    static func result(_ item: SweepItem) -> SweepZoneResult {
        let index = Int(item.zone.dropFirst().prefix(5))!
        var findings = [Finding(check: .authAuthority, severity: .ok, reason: .authorityOK, zone: item.zone)]
        if index % 7 == 0 {
            findings.append(Finding(check: .authAuthority, severity: .warning, reason: .lameRefused,
                                    parameters: ["rcode": .text("REFUSED")], zone: item.zone,
                                    server: item.delegation.nameServers.last, address: "127.53.30.2", transport: .udp))
        }
        if index % 11 == 0 {
            findings.append(Finding(check: .authReachUDP, severity: .critical, reason: .udpTimeout,
                                    parameters: ["attempts": .integer(2)], zone: item.zone,
                                    server: item.delegation.nameServers.first, address: "127.53.2.3", transport: .udp))
            findings.append(Finding(check: .authReachTCP, severity: .critical, reason: .tcpTimeout, zone: item.zone,
                                    server: item.delegation.nameServers.first, address: "127.53.2.3", transport: .tcp))
        }
        return SweepZoneResult(item: item, findings: findings)
    }

    static func expectedStatus(_ index: Int) -> Severity {
        index % 11 == 0 ? .critical : index % 7 == 0 ? .warning : .ok
    }
}
