/// The census increments of a batch of results, added up before a store writes them, so
/// a batch costs one upsert per distinct key rather than one per zone. Keys come out
/// sorted: concurrent writers then lock aggregate rows in the same order and cannot
/// deadlock each other.
public struct SweepTally: Hashable, Sendable {
    public struct ReasonKey: Hashable, Sendable, Comparable {
        public let check: CheckID
        public let reason: Reason
        public let severity: Severity

        public static func < (lhs: ReasonKey, rhs: ReasonKey) -> Bool {
            (lhs.check.rawValue, lhs.reason.rawValue, lhs.severity.rawValue)
                < (rhs.check.rawValue, rhs.reason.rawValue, rhs.severity.rawValue)
        }
    }

    public private(set) var statuses: [Severity: Int] = [:]
    /// (zones, findings) per reason.
    public private(set) var reasons: [ReasonKey: (zones: Int, findings: Int)] = [:]
    /// (zones, broken) per operator.
    public private(set) var operators: [String: (zones: Int, broken: Int)] = [:]

    public init() {}

    public init(_ results: some Sequence<SweepZoneResult>) {
        for result in results { add(result) }
    }

    public mutating func add(_ result: SweepZoneResult) {
        statuses[result.status, default: 0] += 1
        var perReason: [ReasonKey: Int] = [:]
        for finding in result.findings where finding.severity != .ok {
            perReason[ReasonKey(check: finding.check, reason: finding.reason, severity: finding.severity), default: 0] += 1
        }
        for (key, findings) in perReason {
            let old = reasons[key] ?? (0, 0)
            reasons[key] = (old.zones + 1, old.findings + findings)
        }
        let broken = result.status != .ok
        for name in Set(result.nameServers.map(NameServerOperator.of)) {
            let old = operators[name] ?? (0, 0)
            operators[name] = (old.zones + 1, old.broken + (broken ? 1 : 0))
        }
    }

    public var sortedStatuses: [(Severity, Int)] { statuses.sorted { $0.key.rawValue < $1.key.rawValue } }
    public var sortedReasons: [(ReasonKey, zones: Int, findings: Int)] {
        reasons.sorted { $0.key < $1.key }.map { ($0.key, $0.value.zones, $0.value.findings) }
    }
    public var sortedOperators: [(String, zones: Int, broken: Int)] {
        operators.sorted { $0.key < $1.key }.map { ($0.key, $0.value.zones, $0.value.broken) }
    }

    public static func == (lhs: SweepTally, rhs: SweepTally) -> Bool {
        lhs.statuses == rhs.statuses
            && lhs.sortedReasons.elementsEqual(rhs.sortedReasons) { $0.0 == $1.0 && $0.zones == $1.zones && $0.findings == $1.findings }
            && lhs.sortedOperators.elementsEqual(rhs.sortedOperators) { $0.0 == $1.0 && $0.zones == $1.zones && $0.broken == $1.broken }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(statuses)
        hasher.combine(reasons.count)
        hasher.combine(operators.count)
    }
}
