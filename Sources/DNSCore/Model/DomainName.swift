/// A domain name, kept in uncompressed wire form with its original case.
///
/// Equality and hashing ignore ASCII case (RFC 4343); `<` is the RFC 4034 §6.1
/// canonical order, so sorting names sorts a zone the way DNSSEC does.
public struct DomainName: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// Length-prefixed labels ending with the root's zero byte.
    public let wire: [UInt8]

    public static let root = DomainName(uncheckedWire: [0])

    init(uncheckedWire: [UInt8]) { self.wire = uncheckedWire }

    /// Accepts uncompressed wire form; rejects anything a server could not have sent.
    public init(wire: [UInt8]) throws {
        var index = 0
        while index < wire.count {
            let length = Int(wire[index])
            if length == 0 {
                guard index == wire.count - 1 else {
                    throw DNSCoreError(.invalidName, "name has bytes after its root label")
                }
                guard wire.count <= 255 else {
                    throw DNSCoreError(.invalidName, "name is longer than 255 octets")
                }
                self.wire = wire
                return
            }
            guard length <= 63 else {
                throw DNSCoreError(.invalidName, "label longer than 63 octets or compressed")
            }
            index += 1 + length
        }
        throw DNSCoreError(.invalidName, "name does not end with the root label")
    }

    /// Parses presentation format (`www.example.org.`, `\046` and `\.` escapes); relative
    /// names are completed with `origin` (the root when there is none).
    public init(_ text: String, origin: DomainName? = nil) throws {
        // An empty string is no name at all; silently reading it as the root would back up
        // or restore the root zone for a mistyped `--zone ""`.
        guard !text.isEmpty else {
            throw DNSCoreError(.invalidName, "empty name (the root zone is written '.')")
        }
        if text == "@" {
            self = origin ?? .root
            return
        }
        if text == "." {
            self = .root
            return
        }
        var wire: [UInt8] = []
        var label: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        var absolute = false
        func closeLabel() throws {
            guard !label.isEmpty else {
                throw DNSCoreError(.invalidName, "empty label in '\(text)'")
            }
            guard label.count <= 63 else {
                throw DNSCoreError(.invalidName, "label longer than 63 octets in '\(text)'")
            }
            wire.append(UInt8(label.count))
            wire.append(contentsOf: label)
            label.removeAll(keepingCapacity: true)
        }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "."):
                try closeLabel()
                if bytes.isEmpty { absolute = true }
            case UInt8(ascii: "\\"):
                guard let next = bytes.popFirst() else {
                    throw DNSCoreError(.invalidName, "dangling backslash in '\(text)'")
                }
                if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                    let digits = [next] + bytes.prefix(2)
                    guard digits.count == 3,
                          digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                          let value = Int(String(decoding: digits, as: UTF8.self)), value <= 255
                    else {
                        throw DNSCoreError(.invalidName, "bad \\DDD escape in '\(text)'")
                    }
                    bytes = bytes.dropFirst(2)
                    label.append(UInt8(value))
                } else {
                    label.append(next)
                }
            default:
                label.append(byte)
            }
        }
        if !label.isEmpty { try closeLabel() }
        if absolute || origin == nil {
            wire.append(0)
        } else if let origin {
            wire.append(contentsOf: origin.wire)
        }
        guard wire.count <= 255 else {
            throw DNSCoreError(.invalidName, "name longer than 255 octets: '\(text)'")
        }
        self.wire = wire
    }

    /// Labels from the leftmost to the rightmost, without the root's empty label.
    public var labels: [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var index = 0
        while index < wire.count, wire[index] != 0 {
            let length = Int(wire[index])
            result.append(wire[(index + 1)..<(index + 1 + length)])
            index += 1 + length
        }
        return result
    }

    public var labelCount: Int {
        var count = 0
        var index = 0
        while index < wire.count, wire[index] != 0 {
            count += 1
            index += 1 + Int(wire[index])
        }
        return count
    }

    public var isRoot: Bool { wire.count == 1 }

    /// The name without its leftmost label; the root's parent is `nil`.
    public var parent: DomainName? {
        guard !isRoot else { return nil }
        return DomainName(uncheckedWire: Array(wire[(1 + Int(wire[0]))...]))
    }

    public func lowercased() -> DomainName {
        DomainName(uncheckedWire: wire.map(Self.fold))
    }

    /// True when `self` equals `other` or lies below it.
    public func isSubdomain(of other: DomainName) -> Bool {
        guard wire.count >= other.wire.count else { return false }
        var index = 0
        // Walk label boundaries until the remaining suffix has the other name's length.
        while wire.count - index > other.wire.count {
            index += 1 + Int(wire[index])
        }
        guard wire.count - index == other.wire.count else { return false }
        return Self.foldedEqual(wire[index...], other.wire[...])
    }

    /// A name with `label` prepended, e.g. a random label under a zone.
    public func prepending(_ label: String) throws -> DomainName {
        try DomainName(label, origin: self)
    }

    public var description: String {
        if isRoot { return "." }
        var text = ""
        text.reserveCapacity(wire.count)
        for label in labels {
            for byte in label {
                switch byte {
                // NSD 4.6 misreads `\\.` (a label ending in an escaped backslash): `\092`
                // reads the same everywhere.
                case UInt8(ascii: "."), UInt8(ascii: "\""), UInt8(ascii: ";"),
                     UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "$"), UInt8(ascii: "@"):
                    text.append("\\")
                    text.append(Character(Unicode.Scalar(byte)))
                case UInt8(ascii: "\\"):
                    text.append("\\092")
                case 0x21...0x7E:
                    text.append(Character(Unicode.Scalar(byte)))
                default:
                    let digits = String(byte)
                    text.append("\\" + String(repeating: "0", count: 3 - digits.count) + digits)
                }
            }
            text.append(".")
        }
        return text
    }

    public static func == (lhs: DomainName, rhs: DomainName) -> Bool {
        lhs.wire.count == rhs.wire.count && foldedEqual(lhs.wire[...], rhs.wire[...])
    }

    public func hash(into hasher: inout Hasher) {
        // One combine over the folded bytes: per-byte combines dominate big zones' hashing.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: wire.count) { folded in
            for (index, byte) in wire.enumerated() { folded[index] = Self.fold(byte) }
            hasher.combine(bytes: UnsafeRawBufferPointer(folded))
        }
    }

    /// RFC 4034 §6.1: compare label by label from the right, each as lowercased octets.
    public static func < (lhs: DomainName, rhs: DomainName) -> Bool {
        canonicalCompare(lhs, rhs) < 0
    }

    public static func canonicalCompare(_ lhs: DomainName, _ rhs: DomainName) -> Int {
        let left = lhs.labelOffsets()
        let right = rhs.labelOffsets()
        var i = left.count - 1
        var j = right.count - 1
        while i >= 0, j >= 0 {
            let a = lhs.wire[(left[i] + 1)..<(left[i] + 1 + Int(lhs.wire[left[i]]))]
            let b = rhs.wire[(right[j] + 1)..<(right[j] + 1 + Int(rhs.wire[right[j]]))]
            var ia = a.startIndex
            var ib = b.startIndex
            while ia < a.endIndex, ib < b.endIndex {
                let x = fold(a[ia])
                let y = fold(b[ib])
                if x != y { return x < y ? -1 : 1 }
                ia += 1
                ib += 1
            }
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            i -= 1
            j -= 1
        }
        if i == j { return 0 }
        return i < j ? -1 : 1
    }

    private func labelOffsets() -> [Int] {
        var offsets: [Int] = []
        var index = 0
        while index < wire.count, wire[index] != 0 {
            offsets.append(index)
            index += 1 + Int(wire[index])
        }
        return offsets
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    static func foldedEqual(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { fold($0) == fold($1) }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension DomainName: ExpressibleByStringLiteral {
    /// For literals in code and tests only: a bad literal is a programming error.
    public init(stringLiteral value: String) {
        do { try self.init(value) } catch { fatalError("invalid domain name literal '\(value)': \(error)") }
    }
}
