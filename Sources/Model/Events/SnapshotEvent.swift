public import Foundation

/// What happened to a zone's backup: a snapshot taken, refused or failed, or a copy checked
/// by `verify`. The CLI records one per zone and run in the history, so the report can say
/// when the last good copy was taken and until when it can be served.
public struct SnapshotEvent: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A snapshot verified and became `latest`.
        case taken
        /// A snapshot was written but refused (kept apart in `refused/`).
        case refused
        /// No copy at all: no server transferred, TSIG failed, the disk failed.
        case failed
        /// `verify` checked the copy `latest` points at.
        case verified
    }

    public var time: Date
    public var zone: String
    public var kind: Kind
    /// The snapshot's id (`20261124T211500Z-2026112401`), when there is one.
    public var snapshot: String?
    public var serial: UInt32?
    /// `axfr` or `harvest`.
    public var method: String?
    public var records: Int?
    public var signed: Bool?
    /// The earliest RRSIG expiration: a validating resolver rejects the copy after it.
    public var usableUntil: Date?
    /// For `verified`: `servable`, `expiring`, `expired` or `failed` (`verify`'s verdict).
    public var status: String?
    /// Why it was refused or failed, or what verify found, in English.
    public var detail: String?

    public init(time: Date, zone: String, kind: Kind, snapshot: String? = nil, serial: UInt32? = nil, method: String? = nil,
                records: Int? = nil, signed: Bool? = nil, usableUntil: Date? = nil, status: String? = nil, detail: String? = nil) {
        self.time = time
        self.zone = zone
        self.kind = kind
        self.snapshot = snapshot
        self.serial = serial
        self.method = method
        self.records = records
        self.signed = signed
        self.usableUntil = usableUntil
        self.status = status
        self.detail = detail
    }
}
