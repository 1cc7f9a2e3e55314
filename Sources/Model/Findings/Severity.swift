/// How bad a finding is, in the monitoring-plugin convention (exit codes 0-3).
///
/// Ordering for "the worst decides": OK < WARNING < UNKNOWN < CRITICAL. A run with a
/// critical finding and a check that could not run is CRITICAL: the known failure is the
/// actionable one. With no critical finding, UNKNOWN beats WARNING.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case ok = "OK"
    case warning = "WARNING"
    case critical = "CRITICAL"
    case unknown = "UNKNOWN"

    /// The monitoring-plugin exit code.
    public var exitCode: Int32 {
        switch self {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        case .unknown: 3
        }
    }

    /// 0 for OK up to 3 for CRITICAL: the order in which the worst decides.
    public var rank: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .unknown: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}
