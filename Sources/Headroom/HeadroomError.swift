/// The one error type of the headroom feature: a stable code to branch on and a reason
/// naming what and where.
public struct HeadroomError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A query file, zone or setting that cannot be used.
        public static let input = Code("input")
        /// The target is not loopback and not in `headroom.allow`.
        public static let notAllowed = Code("not-allowed")
        /// Sockets, threads or the kernel refused.
        public static let system = Code("system")
        /// Server counters could not be read.
        public static let counters = Code("counters")
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
