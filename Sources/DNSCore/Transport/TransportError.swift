import Glibc
import Platform

/// Why an exchange produced no answer.
///
/// The codes are deliberately coarse and stable because checks branch on
/// them ("server down" vs "server silent" vs "path broken"); the raw errno is
/// kept alongside for the details.
public struct TransportError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A struct rather than an enum so new codes can be added without
    /// breaking exhaustive switches elsewhere in the code base.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        /// No acceptable answer before the deadline of the last attempt.
        public static let timeout = Code(rawValue: "timeout")
        /// ICMP port unreachable on a connected UDP socket, or ECONNREFUSED on TCP connect.
        public static let refused = Code(rawValue: "refused")
        /// ECONNRESET/EPIPE, or the peer closed TCP before a full answer.
        public static let reset = Code(rawValue: "reset")
        /// ENETUNREACH/EHOSTUNREACH.
        public static let networkUnreachable = Code(rawValue: "networkUnreachable")
        /// The query bytes are not a DNS message the transport can match answers to.
        public static let malformedQuery = Code(rawValue: "malformedQuery")
        /// The query does not fit the transport (UDP datagram or TCP's 16-bit length).
        public static let messageTooLarge = Code(rawValue: "messageTooLarge")
        /// The calling task was cancelled or the transport shut down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Any other errno.
        public static let system = Code(rawValue: "system")
        /// The server lies outside the target allow-list (`TargetPolicy`); nothing was sent.
        public static let targetNotAllowed = Code(rawValue: "targetNotAllowed")

        public var description: String { rawValue }
    }

    public let code: Code
    public let server: ServerAddress
    public let transport: TransportProtocol
    /// The errno behind the failure where there is one.
    public let errno: Int32?
    /// Attempts made on `transport` before giving up (only UDP retries).
    public let attempts: Int
    /// Free-form context, e.g. what is wrong with a malformed query.
    public let detail: String?
    /// Messages from the server that were dropped while this exchange waited: too short,
    /// not a response, or another ID, question or opcode. A server answering only junk
    /// thereby shows as more than silent.
    public let ignoredAnswers: Int

    public init(
        code: Code,
        server: ServerAddress,
        transport: TransportProtocol,
        errno: Int32? = nil,
        attempts: Int = 1,
        detail: String? = nil,
        ignoredAnswers: Int = 0
    ) {
        self.code = code
        self.server = server
        self.transport = transport
        self.errno = errno
        self.attempts = attempts
        self.detail = detail
        self.ignoredAnswers = ignoredAnswers
    }

    public var description: String {
        let proto = transport.description
        var text: String
        switch code {
        case .timeout:
            text = "timeout after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(proto)) from \(server)"
        case .refused where transport == .udp:
            text = "refused (ICMP port unreachable) by \(server) over UDP"
        case .refused:
            text = "connection refused by \(server) over \(proto)"
        case .reset:
            text = errno == nil
                ? "connection closed by \(server) over \(proto) before a full answer"
                : "connection reset by \(server) over \(proto)"
        case .networkUnreachable:
            text = "network unreachable to \(server) over \(proto)"
        case .malformedQuery:
            text = "malformed query for \(server)"
        case .messageTooLarge:
            text = "query too large for \(proto) to \(server)"
        case .cancelled:
            text = "query to \(server) over \(proto) cancelled"
        case .targetNotAllowed:
            return "\(server) is outside the target allow-list \(detail ?? "?"): nothing was sent over \(proto)"
        default:
            text = "system error talking to \(server) over \(proto)"
        }
        if let detail { text += ": \(detail)" }
        if let errno, code == .system || code == .networkUnreachable {
            text += " (\(Self.errnoText(errno)))"
        }
        if ignoredAnswers > 0 {
            text += "; \(ignoredAnswers) malformed answer\(ignoredAnswers == 1 ? "" : "s") ignored"
        }
        return text
    }

    static func errnoText(_ value: Int32) -> String {
        "\(Platform.errnoText(value)), errno \(value)"
    }

    /// Maps a socket errno to a code. Which errno means "refused" depends on
    /// the operation, so callers that know better pass the code directly.
    static func code(forErrno value: Int32) -> Code {
        switch value {
        case ECONNREFUSED: return .refused
        case ECONNRESET, EPIPE: return .reset
        case ENETUNREACH, EHOSTUNREACH: return .networkUnreachable
        case EMSGSIZE: return .messageTooLarge
        case ETIMEDOUT: return .timeout
        default: return .system
        }
    }
}
