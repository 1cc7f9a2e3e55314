/// Bounds on one zone transfer, past which it is stopped: a server that trickles records
/// or never ends must not hold a snapshot, or fill the disk, for ever. Bytes count the
/// wire (each message with its two-byte length prefix).
public struct TransferLimits: Sendable, Hashable, CustomStringConvertible {
    public var maxRecords: Int
    public var maxBytes: Int
    public var maxDuration: Duration
    /// How the limits were chosen, for the message that says why a transfer stopped.
    public var basis: String

    public init(maxRecords: Int, maxBytes: Int, maxDuration: Duration, basis: String = "") {
        self.maxRecords = maxRecords
        self.maxBytes = maxBytes
        self.maxDuration = maxDuration
        self.basis = basis
    }

    /// The caps that hold whatever the last good copy was: no real zone a backup host
    /// keeps comes near them, an endless transfer reaches them in minutes.
    public static let absolute = TransferLimits(
        maxRecords: 20_000_000, maxBytes: 4 << 30, maxDuration: .seconds(3600), basis: "absolute caps")

    public var description: String {
        "\(maxRecords) records, \(maxBytes) bytes, \(maxDuration.seconds) s" + (basis.isEmpty ? "" : " (\(basis))")
    }
}
