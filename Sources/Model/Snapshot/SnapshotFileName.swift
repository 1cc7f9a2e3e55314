/// The names of snapshot files: `<UTC time>-<serial>.zone` (`20261124T212014Z-2026112401.zone`),
/// `-<n>` before `.zone` when that name is already taken (same second, same serial), and
/// the manifest `<same>.json` beside it. Only names of exactly this shape are dnsward's:
/// anything else a manifest names (`../../victim.txt`) is never read or removed.
public struct SnapshotFileName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `yyyyMMdd'T'HHmmss'Z'`
    public let time: String
    public let serial: UInt32
    /// 1 for the first copy of a second and serial, 2, 3, ... for later ones.
    public let sequence: Int

    public init(time: String, serial: UInt32, sequence: Int = 1) {
        self.time = time
        self.serial = serial
        self.sequence = sequence
    }

    /// Parses a zone file's name (`.zone`) or a manifest's (`.json`); nil when it is not
    /// one dnsward writes.
    public init?(parsing name: String) {
        let base: Substring
        if name.hasSuffix(".zone") || name.hasSuffix(".json") {
            base = name.dropLast(5)
        } else {
            return nil
        }
        let parts = base.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let time = parts[0]
        let digits: ClosedRange<UInt8> = 0x30...0x39
        let timeBytes = Array(time.utf8)
        guard timeBytes.count == 16, timeBytes[8] == UInt8(ascii: "T"), timeBytes[15] == UInt8(ascii: "Z"),
              timeBytes[0..<8].allSatisfy(digits.contains), timeBytes[9..<15].allSatisfy(digits.contains) else { return nil }
        guard let serial = Self.number(parts[1]), serial <= Int(UInt32.max) else { return nil }
        var sequence = 1
        if parts.count == 3 {
            guard let value = Self.number(parts[2]), value >= 2, value <= 1_000_000 else { return nil }
            sequence = value
        }
        self.init(time: String(time), serial: UInt32(serial), sequence: sequence)
    }

    /// Decimal digits without a leading zero (what `\(n)` prints), else nil.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 10, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              text == "0" || !text.hasPrefix("0") else { return nil }
        return Int(text)
    }

    public var base: String { "\(time)-\(serial)" + (sequence > 1 ? "-\(sequence)" : "") }
    public var zoneFile: String { base + ".zone" }
    public var manifestFile: String { base + ".json" }
    public var description: String { zoneFile }

    /// The next name for the same second and serial.
    public var next: SnapshotFileName { SnapshotFileName(time: time, serial: serial, sequence: sequence + 1) }

    /// Oldest first: by time, then by the order copies of one second were taken.
    public static func < (lhs: SnapshotFileName, rhs: SnapshotFileName) -> Bool {
        (lhs.time, lhs.sequence, lhs.serial) < (rhs.time, rhs.sequence, rhs.serial)
    }
}
