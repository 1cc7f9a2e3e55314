import ServerControl
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

extension RestoreError {
    /// A resolver tool's failure (ServerControl) as this layer's: the environment failed.
    init(_ error: ServerControlError) {
        self.init(.environment, error.description)
    }

    /// Runs a ServerControl call, its failure turned into `.environment`.
    static func controlled<T>(_ body: () async throws -> T) async throws(RestoreError) -> T {
        do {
            return try await body()
        } catch let error as ServerControlError {
            throw RestoreError(error)
        } catch let error as RestoreError {
            throw error
        } catch {
            throw RestoreError(.environment, "\(error)")
        }
    }
}
