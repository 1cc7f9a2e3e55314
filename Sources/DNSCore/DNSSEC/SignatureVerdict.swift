public import Foundation

/// What checking one RRSIG against a DNSKEY set found.
public struct SignatureVerdict: Hashable, Sendable, CustomStringConvertible {
    public enum Status: String, Hashable, Sendable, Codable {
        case valid
        case expired
        case notYetValid = "not-yet-valid"
        /// The signature does not verify under any key with its key tag.
        case bogus
        case noMatchingKey = "no-matching-key"
        case unsupportedAlgorithm = "unsupported-algorithm"
        case malformed
    }

    public let status: Status
    public let keyTag: UInt16?
    public let signer: DomainName?
    public let inception: Date?
    public let expiration: Date?
    /// ldns's own words for a failure.
    public let detail: String?

    public var isValid: Bool { status == .valid }

    public var description: String {
        var text = status.rawValue
        if let keyTag { text += " (key tag \(keyTag)" + (signer.map { ", signer \($0)" } ?? "") + ")" }
        if let expiration { text += ", expires \(expiration.formatted(.iso8601))" }
        if let detail, status != .valid { text += ": \(detail)" }
        return text
    }
}
