internal import CLDNS

extension Message {
    /// Decodes wire bytes with ldns; anything ldns rejects is an `invalidMessage` error,
    /// never a crash: these bytes come from the network.
    public init(wire bytes: [UInt8]) throws {
        guard bytes.count >= 12 else {
            throw DNSCoreError(.invalidMessage, "message of \(bytes.count) bytes is shorter than a header")
        }
        var packet: UnsafeMutablePointer<ldns_pkt>?
        let status = bytes.withUnsafeBufferPointer { buffer in
            ldns_wire2pkt(&packet, buffer.baseAddress, buffer.count)
        }
        try LDNSStatus.check(status, .invalidMessage, "malformed DNS message")
        guard let packet else { throw DNSCoreError(.invalidMessage, "ldns returned no message") }
        defer { ldns_pkt_free(packet) }
        try self.init(packet: packet)
    }

    init(packet: UnsafeMutablePointer<ldns_pkt>) throws {
        var flags: Flags = []
        if ldns_pkt_qr(packet) != 0 { flags.insert(.qr) }
        if ldns_pkt_aa(packet) != 0 { flags.insert(.aa) }
        if ldns_pkt_tc(packet) != 0 { flags.insert(.tc) }
        if ldns_pkt_rd(packet) != 0 { flags.insert(.rd) }
        if ldns_pkt_ra(packet) != 0 { flags.insert(.ra) }
        if ldns_pkt_ad(packet) != 0 { flags.insert(.ad) }
        if ldns_pkt_cd(packet) != 0 { flags.insert(.cd) }

        var edns: EDNS?
        var rcode = UInt16(ldns_pkt_get_rcode(packet).rawValue)
        if ldns_pkt_edns(packet) != 0 {
            var options: [EDNSOption] = []
            if let data = ldns_pkt_edns_data(packet), let bytes = ldns_rdf_data(data) {
                options = try EDNSOption.decode(Array(UnsafeBufferPointer(start: bytes, count: ldns_rdf_size(data))))
            }
            let extended = ldns_pkt_edns_extended_rcode(packet)
            rcode |= UInt16(extended) << 4
            edns = EDNS(
                udpPayloadSize: ldns_pkt_edns_udp_size(packet), extendedRcode: extended,
                version: ldns_pkt_edns_version(packet), dnssecOK: ldns_pkt_edns_do(packet) != 0,
                unknownFlags: ldns_pkt_edns_unassigned(packet), options: options)
        }

        self.init(
            id: ldns_pkt_id(packet), opcode: UInt8(ldns_pkt_get_opcode(packet).rawValue), flags: flags,
            rcode: ResponseCode(rcode),
            question: try Self.questions(ldns_pkt_question(packet)),
            answer: try Self.records(ldns_pkt_answer(packet)),
            authority: try Self.records(ldns_pkt_authority(packet)),
            additional: try Self.records(ldns_pkt_additional(packet)),
            edns: edns)
    }

    private static func records(_ list: UnsafeMutablePointer<ldns_rr_list>?) throws -> [ResourceRecord] {
        guard let list else { return [] }
        let count = ldns_rr_list_rr_count(list)
        var result: [ResourceRecord] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let rr = ldns_rr_list_rr(list, index) else { continue }
            result.append(try LDNSRecord.record(from: rr))
        }
        return result
    }

    private static func questions(_ list: UnsafeMutablePointer<ldns_rr_list>?) throws -> [Question] {
        guard let list else { return [] }
        return try (0..<ldns_rr_list_rr_count(list)).compactMap { index in
            guard let rr = ldns_rr_list_rr(list, index) else { return nil }
            return Question(
                name: try LDNSRecord.name(ldns_rr_owner(rr)), type: RRType(UInt16(ldns_rr_get_type(rr).rawValue)),
                rrClass: RRClass(UInt16(ldns_rr_get_class(rr).rawValue)))
        }
    }

    /// Encodes with ldns (names compressed in the answer sections as ldns does).
    public func wire() throws -> [UInt8] {
        try withPacket { try Self.wire(of: $0) }
    }

    /// The message as an ldns packet, for the calls that need one (TSIG signing); freed
    /// after `body`.
    func withPacket<T>(_ body: (UnsafeMutablePointer<ldns_pkt>) throws -> T) throws -> T {
        guard let packet = ldns_pkt_new() else { throw DNSCoreError(.encoding, "out of memory") }
        defer { ldns_pkt_free(packet) }
        try fill(packet)
        return try body(packet)
    }

    static func wire(of packet: UnsafeMutablePointer<ldns_pkt>) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        try LDNSStatus.check(ldns_pkt2wire(&output, packet, &size), .encoding, "cannot encode message")
        guard let output else { throw DNSCoreError(.encoding, "ldns returned no wire data") }
        defer { cldns_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    private func fill(_ packet: UnsafeMutablePointer<ldns_pkt>) throws {
        ldns_pkt_set_id(packet, id)
        ldns_pkt_set_qr(packet, ldnsBool(flags.contains(.qr)))
        ldns_pkt_set_aa(packet, ldnsBool(flags.contains(.aa)))
        ldns_pkt_set_tc(packet, ldnsBool(flags.contains(.tc)))
        ldns_pkt_set_rd(packet, ldnsBool(flags.contains(.rd)))
        ldns_pkt_set_ra(packet, ldnsBool(flags.contains(.ra)))
        ldns_pkt_set_ad(packet, ldnsBool(flags.contains(.ad)))
        ldns_pkt_set_cd(packet, ldnsBool(flags.contains(.cd)))
        ldns_pkt_set_opcode(packet, ldns_pkt_opcode(rawValue: UInt32(opcode)))
        ldns_pkt_set_rcode(packet, UInt8(rcode.rawValue & 0x0F))

        for entry in question {
            guard let rr = ldns_rr_new() else { throw DNSCoreError(.encoding, "out of memory") }
            ldns_rr_set_owner(rr, LDNSRecord.dname(entry.name))
            ldns_rr_set_type(rr, ldns_rr_type(rawValue: UInt32(entry.type.rawValue)))
            ldns_rr_set_class(rr, ldns_rr_class(rawValue: UInt32(entry.rrClass.rawValue)))
            ldns_rr_set_question(rr, ldnsBool(true))
            _ = ldns_pkt_push_rr(packet, LDNS_SECTION_QUESTION, rr)
        }
        for (section, records) in [(LDNS_SECTION_ANSWER, answer), (LDNS_SECTION_AUTHORITY, authority),
                                   (LDNS_SECTION_ADDITIONAL, additional)] {
            for record in records {
                _ = ldns_pkt_push_rr(packet, section, try LDNSRecord(record).cloneForTransfer())
            }
        }
        if let edns {
            ldns_pkt_set_edns_udp_size(packet, edns.udpPayloadSize)
            ldns_pkt_set_edns_version(packet, edns.version)
            ldns_pkt_set_edns_do(packet, ldnsBool(edns.dnssecOK))
            ldns_pkt_set_edns_unassigned(packet, edns.unknownFlags)
            ldns_pkt_set_edns_extended_rcode(packet, UInt8(rcode.rawValue >> 4))
            if !edns.options.isEmpty {
                let bytes = EDNSOption.encode(edns.options)
                let rdf = bytes.withUnsafeBufferPointer { buffer in
                    ldns_rdf_new_frm_data(LDNS_RDF_TYPE_UNKNOWN, buffer.count, buffer.baseAddress)
                }
                ldns_pkt_set_edns_data(packet, rdf)
            }
        }
    }
}
