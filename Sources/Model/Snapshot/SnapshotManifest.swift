public import Foundation

/// The JSON manifest written beside every snapshot zone file: where the copy came from,
/// what verification found, and until when a validating resolver can use it.
public struct SnapshotManifest: Codable, Sendable, Hashable {
    public static let schemaVersion = 1

    public enum Method: String, Codable, Sendable {
        /// A full zone transfer from an authoritative server.
        case axfr
        /// The critical names queried one by one: a partial zone.
        case harvest
    }

    public struct Verification: Codable, Sendable, Hashable {
        /// True only when every check below passed: only such a snapshot may become `latest`.
        public var passed: Bool
        public var problems: [String]
        /// Notes that do not fail the snapshot (e.g. "NS set changed").
        public var notes: [String]
        /// `valid`, `unsigned`, or what is wrong.
        public var dnssec: String
        /// `valid`, `absent`, `unsupported`, or what is wrong.
        public var zonemd: String
        public var recordsAdded: Int
        public var recordsRemoved: Int

        public init(passed: Bool, problems: [String], notes: [String], dnssec: String, zonemd: String,
                    recordsAdded: Int, recordsRemoved: Int) {
            self.passed = passed
            self.problems = problems
            self.notes = notes
            self.dnssec = dnssec
            self.zonemd = zonemd
            self.recordsAdded = recordsAdded
            self.recordsRemoved = recordsRemoved
        }
    }

    public var schema: Int
    public var zone: String
    public var serial: UInt32
    /// The zone file's name inside the zone's directory.
    public var file: String
    public var sha256: String
    public var recordCount: Int
    public var method: Method
    public var sourceServer: String
    public var sourceAddress: String
    public var started: Date
    public var finished: Date
    public var signed: Bool
    /// The earliest RRSIG expiration: a validating resolver rejects the copy after it.
    public var usableUntil: Date?
    public var verification: Verification
    /// The apex NS set and the parent's DS set when the snapshot was taken: a change
    /// between snapshots is worth a look (hijack, key roll).
    public var nameServers: [String]?
    public var delegationSigner: [String]?
    /// False when the parent's DS could not be fetched and the copy was kept anyway
    /// (`--no-chain-check`): its DNSSEC, or lack of it, is not anchored. Absent for the
    /// root zone and for manifests written before the field existed.
    public var chainChecked: Bool?

    public init(zone: String, serial: UInt32, file: String, sha256: String, recordCount: Int, method: Method,
                sourceServer: String, sourceAddress: String, started: Date, finished: Date, signed: Bool,
                usableUntil: Date?, verification: Verification) {
        self.schema = Self.schemaVersion
        self.zone = zone
        self.serial = serial
        self.file = file
        self.sha256 = sha256
        self.recordCount = recordCount
        self.method = method
        self.sourceServer = sourceServer
        self.sourceAddress = sourceAddress
        self.started = started
        self.finished = finished
        self.signed = signed
        self.usableUntil = usableUntil
        self.verification = verification
    }

    /// The snapshot's identifier: its file name without `.zone`.
    public var id: String { file.hasSuffix(".zone") ? String(file.dropLast(5)) : file }

    /// Servable to a validating resolver at `date`: verified, and signatures still valid.
    public func isServable(at date: Date = Date()) -> Bool {
        verification.passed && (usableUntil.map { $0 > date } ?? true)
    }

    public static let encoder: JSONEncoder = {
        JSONOutput.encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
