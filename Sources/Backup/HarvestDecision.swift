import DNSCore

/// Whether a harvest may stand in when no transfer produced a copy. Never with a TSIG key
/// (the harvest would be unauthenticated), never after a TSIG failure, and never when a
/// transfer began and broke off (a server that does transfer the zone has a fault to fix).
/// A harvest that is allowed here still cannot replace a full copy as `latest` unless the
/// request says so (`SnapshotJudgement`).
enum HarvestDecision {
    /// The reason for the partial copy when a harvest may go ahead; otherwise throws the
    /// failure as it is: `.tsig` for authentication, `.transfer` for the rest.
    static func reason(for attempts: [TransferAttempt], request: SnapshotRequest) throws -> String {
        let zone = request.zone
        let lines = attempts.map(\.line).joined(separator: "; ")
        let authentication = attempts.filter { $0.outcome == .authentication }
        if !authentication.isEmpty {
            throw DNSCoreError(.tsig, "TSIG authentication of the transfer of \(zone) failed: "
                + authentication.map(\.line).joined(separator: "; ")
                + (authentication.count < attempts.count ? "; other servers: " + attempts.filter { $0.outcome != .authentication }.map(\.line).joined(separator: "; ") : "")
                + "; nothing is harvested without the key's protection")
        }
        guard !attempts.isEmpty else {
            throw DNSCoreError(.transfer, "no server address to transfer \(zone) from")
        }
        if request.tsig != nil {
            throw DNSCoreError(.transfer, "no server transferred \(zone): \(lines); a TSIG key is configured, so no unauthenticated harvest stands in")
        }
        guard request.allowHarvest else {
            throw DNSCoreError(.transfer, "no server transferred \(zone): \(lines)")
        }
        if attempts.contains(where: { $0.outcome == .failed }) {
            throw DNSCoreError(.transfer, "no server transferred \(zone): \(lines); not harvested: a transfer that breaks off or goes wrong is a fault to fix, not a refusal")
        }
        let refused = attempts.allSatisfy { $0.outcome == .refused }
        return (refused ? "AXFR refused by every server: " : "no AXFR: ")
            + attempts.map { "\($0.server) \($0.address) \($0.reason)" }.joined(separator: "; ")
    }
}
