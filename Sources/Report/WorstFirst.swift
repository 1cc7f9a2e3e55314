import DNSCore

extension Sequence where Element == Finding {
    /// Worst first, then by check, zone, server, address and message, so the order (and the
    /// JSON built from it) does not depend on the order the probe's tasks finished in.
    func sortedWorstFirst() -> [Finding] {
        sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            let left = [lhs.check.rawValue, lhs.zone ?? "", lhs.server ?? "", lhs.address ?? "",
                        lhs.transport?.rawValue ?? "", lhs.message]
            let right = [rhs.check.rawValue, rhs.zone ?? "", rhs.server ?? "", rhs.address ?? "",
                         rhs.transport?.rawValue ?? "", rhs.message]
            return left.lexicographicallyPrecedes(right)
        }
    }
}
