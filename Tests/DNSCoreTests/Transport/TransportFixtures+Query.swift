

extension TransportFixtures {
    /// Just enough DNS wire format for tests to build queries and read answers
    /// without depending on the codec under development elsewhere.
    enum Query {
        static func make(_ name: String, type: UInt16 = 1, qclass: UInt16 = 1, recursionDesired: Bool = true) -> [UInt8] {
            var bytes: [UInt8] = [0, 0, recursionDesired ? 0x01 : 0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
            for label in name.split(separator: ".") {
                bytes.append(UInt8(label.utf8.count))
                bytes.append(contentsOf: label.utf8)
            }
            bytes += [0, UInt8(type >> 8), UInt8(type & 0xFF), UInt8(qclass >> 8), UInt8(qclass & 0xFF)]
            return bytes
        }

        static func id(_ message: [UInt8]) -> UInt16 { UInt16(message[0]) << 8 | UInt16(message[1]) }
        static func isResponse(_ message: [UInt8]) -> Bool { message[2] & 0x80 != 0 }
        static func isTruncated(_ message: [UInt8]) -> Bool { message[2] & 0x02 != 0 }
        static func rcode(_ message: [UInt8]) -> UInt8 { message[3] & 0x0F }
        static func answerCount(_ message: [UInt8]) -> Int { Int(message[6]) << 8 | Int(message[7]) }

        /// The first answer's RDATA when it is an A record (answers start right
        /// after the single question and use a compression pointer for the owner).
        static func firstA(_ message: [UInt8]) -> String? {
            var offset = 12
            while message[offset] != 0 { offset += Int(message[offset]) + 1 }
            offset += 5
            guard answerCount(message) > 0 else { return nil }
            if message[offset] & 0xC0 == 0xC0 {
                offset += 2
            } else {
                while message[offset] != 0 { offset += Int(message[offset]) + 1 }
                offset += 1
            }
            let type = UInt16(message[offset]) << 8 | UInt16(message[offset + 1])
            let length = Int(message[offset + 8]) << 8 | Int(message[offset + 9])
            guard type == 1, length == 4 else { return nil }
            return message[(offset + 10)..<(offset + 14)].map(String.init).joined(separator: ".")
        }
    }
}
