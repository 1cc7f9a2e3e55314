internal import CLDNS

/// Signs a query and verifies the chain of answers (RFC 8945 §5.3.1: each answer's MAC
/// covers the previous MAC), with ldns doing the HMAC arithmetic.
final class TSIGSession {
    private let key: TSIGKey
    private let keyName: String
    private let algorithmName: String
    private var previousMAC: UnsafeMutablePointer<ldns_rdf>?
    private var answersVerified = 0

    init(key: TSIGKey) {
        self.key = key
        keyName = key.name.lowercased().description
        // ldns names algorithms as domain names, with the final dot.
        algorithmName = key.algorithm == "hmac-md5" ? "hmac-md5.sig-alg.reg.int." : key.algorithm + "."
    }

    deinit { if let previousMAC { ldns_rdf_deep_free(previousMAC) } }

    func sign(_ message: Message) throws -> [UInt8] {
        try message.withPacket { packet in
            let status = ldns_pkt_tsig_sign(packet, keyName, key.secret, 300, algorithmName, nil)
            try LDNSStatus.check(status, .encoding, "cannot sign the query with TSIG key \(key)")
            remember(packet)
            return try Message.wire(of: packet)
        }
    }

    /// Verifies one answer against the running MAC and decodes it.
    func verify(_ wire: [UInt8]) throws -> Message {
        var packet: UnsafeMutablePointer<ldns_pkt>?
        let status = wire.withUnsafeBufferPointer { ldns_wire2pkt(&packet, $0.baseAddress, $0.count) }
        try LDNSStatus.check(status, .invalidMessage, "malformed DNS message")
        guard let packet else { throw DNSCoreError(.invalidMessage, "ldns returned no message") }
        defer { ldns_pkt_free(packet) }
        guard let tsig = ldns_pkt_tsig(packet) else {
            let rcode = ResponseCode(UInt16(ldns_pkt_get_rcode(packet).rawValue))
            throw DNSCoreError(.tsig, "answer without a TSIG signature (rcode \(rcode)) to a query signed with key \(key): the server did not authenticate it")
        }
        // The TSIG error field (RFC 8945 §5.2.2): the server could not check our signature.
        if let field = ldns_rr_rdf(tsig, 5), ldns_rdf_size(field) >= 2 {
            let code = ldns_rdf2native_int16(field)
            if code != 0 { throw DNSCoreError(.tsig, "the server rejected TSIG key \(key): \(Self.errorText(code))") }
        }
        let valid = wire.withUnsafeBufferPointer {
            // Answers after the first digest only the TSIG timers (RFC 8945 §5.3.1).
            ldns_pkt_tsig_verify_next(packet, $0.baseAddress, $0.count, keyName, key.secret, previousMAC,
                                      answersVerified > 0 ? 1 : 0)
        }
        guard valid != 0 else {
            throw DNSCoreError(.tsig, "the TSIG signature of the answer does not verify with key \(key) (a different secret, or a forged answer)")
        }
        answersVerified += 1
        remember(packet)
        return try Message(packet: packet)
    }

    static func errorText(_ code: UInt16) -> String {
        switch code {
        case 16: "BADSIG (the signature does not verify: the secret differs)"
        case 17: "BADKEY (the server does not know this key name and algorithm)"
        case 18: "BADTIME (the clocks differ by more than the allowed fudge)"
        case 22: "BADTRUNC (truncated MAC refused)"
        default: "TSIG error \(code)"
        }
    }

    private func remember(_ packet: UnsafeMutablePointer<ldns_pkt>) {
        guard let tsig = ldns_pkt_tsig(packet), let mac = ldns_rr_rdf(tsig, 3) else { return }
        if let previousMAC { ldns_rdf_deep_free(previousMAC) }
        previousMAC = ldns_rdf_clone(mac)
    }
}
