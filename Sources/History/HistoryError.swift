/// A history database that cannot be opened, read or written. It names the file, because
/// the message lands in cron mail where nobody knows which configuration was used.
public struct HistoryError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "history database \(path): \(reason)" }
}
