import DNSCore
extension Sequence where Element == Finding {
    /// Worst first, then by check, zone, server, address, transport and message, so output
    /// does not depend on the order the probe's tasks finished in. Keys are built once and
    /// indices sorted: a run over ten thousand zones has over a hundred thousand findings,
    /// too many to compare field by field while moving them.
    public func sortedWorstFirst() -> [Finding] {
        let findings = Array(self)
        let keys = findings.map { finding in
            // \u{1} sorts below every character a field holds, so a shorter field sorts first.
            [String(9 - finding.severity.rank), finding.check.rawValue, finding.zone ?? "", finding.server ?? "",
             finding.address ?? "", finding.transport?.rawValue ?? "", finding.message].joined(separator: "\u{1}")
        }
        return findings.indices.sorted { keys[$0] < keys[$1] }.map { findings[$0] }
    }
}
