public import Foundation

/// A TSIG key (RFC 8945) for zone transfers from servers that require one.
public struct TSIGKey: Sendable, Hashable, CustomStringConvertible {
    public static let algorithms = ["hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"]

    public let name: DomainName
    public let algorithm: String
    /// The shared secret in base64, as in server configurations.
    public let secret: String

    public init(name: DomainName, algorithm: String = "hmac-sha256", secret: String) throws {
        let algorithm = algorithm.lowercased()
        guard Self.algorithms.contains(algorithm) else {
            throw DNSCoreError(.invalidArgument, "unknown TSIG algorithm '\(algorithm)' (\(Self.algorithms.joined(separator: ", ")))")
        }
        guard let bytes = Data(base64Encoded: secret), !bytes.isEmpty else {
            throw DNSCoreError(.invalidArgument, "TSIG secret of \(name) is not base64")
        }
        self.name = name
        self.algorithm = algorithm
        self.secret = secret
    }

    /// `ALGORITHM:NAME:SECRET`, dig's `-y` notation (the algorithm may be left out).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 2: try self.init(name: try DomainName(parts[0]), secret: parts[1])
        case 3: try self.init(name: try DomainName(parts[1]), algorithm: parts[0], secret: parts[2])
        default:
            throw DNSCoreError(.invalidArgument, "TSIG key must be ALGORITHM:NAME:SECRET")
        }
    }

    /// Never the secret.
    public var description: String { "\(algorithm):\(name)" }
}
