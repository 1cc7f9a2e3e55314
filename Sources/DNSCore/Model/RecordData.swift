#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Typed views of the rdata of the types the checks read. Each returns nil when the
/// record is of another type or its rdata is malformed.
extension ResourceRecord {
    /// The address of an A or AAAA record in its usual text form.
    public var address: String? {
        switch type {
        case .a where rdata.count == 4:
            return rdata.map(String.init).joined(separator: ".")
        case .aaaa where rdata.count == 16:
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let ok = rdata.withUnsafeBytes { raw in
                inet_ntop(AF_INET6, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
            }
            return ok ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        default:
            return nil
        }
    }

    /// The name an NS, CNAME, DNAME or PTR record points to; an MX's exchange.
    public var target: DomainName? {
        var reader = WireReader(rdata)
        switch type {
        case .ns, .cname, .dname, .ptr:
            return try? reader.name()
        case .mx, .kx, .afsdb:
            guard (try? reader.uint16()) != nil else { return nil }
            return try? reader.name()
        case .srv:
            guard (try? reader.bytes(6)) != nil else { return nil }
            return try? reader.name()
        default:
            return nil
        }
    }

    public var soa: SOAData? {
        guard type == .soa else { return nil }
        return try? SOAData(rdata: rdata)
    }

    public var rrsig: RRSIGData? {
        guard type == .rrsig else { return nil }
        return try? RRSIGData(rdata: rdata)
    }

    public var dnskey: DNSKEYData? {
        guard type == .dnskey || type == .cdnskey else { return nil }
        return try? DNSKEYData(rdata: rdata)
    }

    public var ds: DSData? {
        guard type == .ds || type == .cds else { return nil }
        return try? DSData(rdata: rdata)
    }
}

public struct SOAData: Hashable, Sendable {
    public var primary: DomainName
    public var mailbox: DomainName
    public var serial: SOASerial
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    public var minimum: UInt32

    init(rdata: [UInt8]) throws {
        var reader = WireReader(rdata)
        primary = try reader.name()
        mailbox = try reader.name()
        serial = SOASerial(try reader.uint32())
        refresh = try reader.uint32()
        retry = try reader.uint32()
        expire = try reader.uint32()
        minimum = try reader.uint32()
    }
}

public struct RRSIGData: Hashable, Sendable {
    public var typeCovered: RRType
    public var algorithm: UInt8
    public var labels: UInt8
    public var originalTTL: UInt32
    /// Seconds since the epoch, modulo 2^32 (RFC 4034 §3.1.5).
    public var expiration: UInt32
    public var inception: UInt32
    public var keyTag: UInt16
    public var signer: DomainName
    public var signature: [UInt8]

    init(rdata: [UInt8]) throws {
        var reader = WireReader(rdata)
        typeCovered = RRType(try reader.uint16())
        algorithm = try reader.uint8()
        labels = try reader.uint8()
        originalTTL = try reader.uint32()
        expiration = try reader.uint32()
        inception = try reader.uint32()
        keyTag = try reader.uint16()
        signer = try reader.name()
        signature = reader.rest()
    }
}

public struct DNSKEYData: Hashable, Sendable {
    public var flags: UInt16
    public var `protocol`: UInt8
    public var algorithm: UInt8
    public var publicKey: [UInt8]
    /// RFC 4034 Appendix B key tag, over the whole rdata.
    public let keyTag: UInt16

    public var isZoneKey: Bool { flags & 0x0100 != 0 }
    public var isSecureEntryPoint: Bool { flags & 0x0001 != 0 }
    public var isRevoked: Bool { flags & 0x0080 != 0 }

    init(rdata: [UInt8]) throws {
        var reader = WireReader(rdata)
        flags = try reader.uint16()
        `protocol` = try reader.uint8()
        algorithm = try reader.uint8()
        publicKey = reader.rest()
        var accumulator: UInt32 = 0
        for (index, byte) in rdata.enumerated() {
            accumulator += index & 1 == 0 ? UInt32(byte) << 8 : UInt32(byte)
        }
        accumulator += (accumulator >> 16) & 0xFFFF
        keyTag = UInt16(accumulator & 0xFFFF)
    }
}

public struct DSData: Hashable, Sendable {
    public var keyTag: UInt16
    public var algorithm: UInt8
    public var digestType: UInt8
    public var digest: [UInt8]

    init(rdata: [UInt8]) throws {
        var reader = WireReader(rdata)
        keyTag = try reader.uint16()
        algorithm = try reader.uint8()
        digestType = try reader.uint8()
        digest = reader.rest()
    }
}
