/// A counter that could not be read: which server, and why, in words an operator can act on.
public struct ServerControlError: Error, Sendable, CustomStringConvertible {
    public let source: String
    public let reason: String

    public init(_ source: String, _ reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
