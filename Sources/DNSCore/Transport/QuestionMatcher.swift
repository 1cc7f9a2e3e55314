/// The question section of a query, located in its wire bytes, used to tell
/// whether a response answers that query (RFC 5452 §9.1: ID *and* question
/// must match before an answer may be believed; so must QR and the opcode, or a
/// NOTIFY or opcode-15 message would pass for an answer).
struct QuestionMatcher: Sendable {
    static let headerLength = 12

    /// QDCOUNT of the query: 0 or 1.
    let count: Int
    /// Offset just past QTYPE/QCLASS (the header length when `count` is 0).
    let end: Int

    /// Fails with a reason when the query cannot be matched against answers.
    /// Compression in the query is refused: nobody compresses a lone
    /// question, and following pointers would complicate the hot path.
    init(validating query: [UInt8]) throws(QuestionMatcher.Problem) {
        guard query.count >= Self.headerLength else {
            throw Problem("shorter than a DNS header (\(query.count) bytes)")
        }
        let qdcount = Int(query[4]) << 8 | Int(query[5])
        guard qdcount <= 1 else {
            throw Problem("QDCOUNT \(qdcount); only queries with at most one question can be matched to answers")
        }
        count = qdcount
        guard qdcount == 1 else {
            end = Self.headerLength
            return
        }
        var offset = Self.headerLength
        var nameLength = 0
        while true {
            guard offset < query.count else { throw Problem("question name runs past the end of the message") }
            let length = Int(query[offset])
            guard length & 0xC0 == 0 else { throw Problem("compressed or extended label in the question name") }
            nameLength += length + 1
            guard nameLength <= 255 else { throw Problem("question name longer than 255 bytes") }
            offset += 1 + length
            if length == 0 { break }
        }
        guard offset + 4 <= query.count else { throw Problem("question lacks QTYPE/QCLASS") }
        end = offset + 4
    }

    /// True when the question asks for a zone transfer (AXFR or IXFR): its answer is a
    /// stream of messages, not one.
    func asksForTransfer(_ query: [UInt8]) -> Bool {
        guard count == 1, end <= query.count else { return false }
        let type = UInt16(query[end - 4]) << 8 | UInt16(query[end - 3])
        return type == 252 || type == 251
    }

    /// True when `response` is a response (QR=1) with the query's opcode and carries this
    /// question (name compared case-insensitively, as DNS names are, since servers may
    /// echo 0x20-mixed case differently). The ID is the caller's to check: it differs per attempt.
    func matches(response: UnsafeRawBufferPointer, query: UnsafeRawBufferPointer) -> Bool {
        guard response.count >= Self.headerLength, response[2] & 0x80 != 0,
              (response[2] ^ query[2]) & Self.opcodeMask == 0 else { return false }
        let qdcount = Int(response[4]) << 8 | Int(response[5])
        guard qdcount == count else { return false }
        guard count == 1 else { return true }
        var offset = Self.headerLength
        while true {
            guard offset < response.count else { return false }
            let length = Int(response[offset])
            // A pointer here is legal DNS but never seen in practice for the
            // first name of a message; treating it as a mismatch keeps this simple.
            guard length == Int(query[offset]) else { return false }
            guard offset + 1 + length <= response.count else { return false }
            var index = offset + 1
            let labelEnd = index + length
            while index < labelEnd {
                if Self.foldCase(response[index]) != Self.foldCase(query[index]) { return false }
                index += 1
            }
            offset = labelEnd
            if length == 0 { break }
        }
        guard offset + 4 <= response.count else { return false }
        return response[offset] == query[offset] && response[offset + 1] == query[offset + 1]
            && response[offset + 2] == query[offset + 2] && response[offset + 3] == query[offset + 3]
    }

    /// The OPCODE bits of the header's third byte.
    static let opcodeMask: UInt8 = 0x78

    @inline(__always)
    private static func foldCase(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    struct Problem: Error {
        let detail: String
        init(_ detail: String) { self.detail = detail }
    }
}
