/// Why a restore did not start or could not finish. `kind` decides the command's exit
/// status; `message` says what and where.
public struct RestoreError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// A name, path, address or option that cannot be used (exit 3).
        case badInput = "bad-input"
        /// The snapshot failed verification, was tampered with or has expired (exit 2).
        case refused
        /// The combination is not implemented (e.g. a harvested snapshot for BIND; exit 3).
        case unsupported
        /// The resolver's tools or files did not cooperate before anything was changed (exit 3).
        case environment
        /// Another dnsward restore holds the resolver's directory; nothing was changed (exit 3).
        case busy
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
