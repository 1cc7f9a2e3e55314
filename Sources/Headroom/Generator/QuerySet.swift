public import DNSCore

/// Every query of a run, encoded once into one contiguous buffer. The generator only
/// copies a query's bytes and patches its ID; nothing is encoded while load runs.
///
/// Queries are kept sorted by length: consecutive queries then tend to have equal sizes,
/// which is what a UDP GSO send (equal-sized segments) needs.
public struct QuerySet: Sendable {
    /// Where the questions came from, for the result (`file lab/queries.txt`, ...).
    public let origin: String
    let wire: [UInt8]
    let offsets: [Int]
    let lengths: [Int]
    /// Length of the question section (name + type + class), which an answer must echo.
    let questionLengths: [Int]
    public let longest: Int

    public var count: Int { lengths.count }

    public var meanSize: Double {
        lengths.isEmpty ? 0 : Double(lengths.reduce(0, +)) / Double(lengths.count)
    }

    /// Encodes each question as a standard query (ID 0, patched when sent).
    public init(questions: [Question], origin: String, recursionDesired: Bool = true, edns: EDNS? = EDNS()) throws {
        guard !questions.isEmpty else {
            throw HeadroomError(.input, "\(origin): no queries")
        }
        var encoded: [[UInt8]] = []
        encoded.reserveCapacity(questions.count)
        var questionLengths: [Int] = []
        for question in questions {
            let message = Message.query(question.name, question.type, rrClass: question.rrClass,
                                        recursionDesired: recursionDesired, edns: edns)
            let bytes = try message.wire()
            guard bytes.count <= Self.maximumLength else {
                throw HeadroomError(.input, "\(origin): query for \(question) is \(bytes.count) bytes (at most \(Self.maximumLength))")
            }
            encoded.append(bytes)
            questionLengths.append(question.name.wire.count + 4)
        }
        let order = encoded.indices.sorted { (encoded[$0].count, $0) < (encoded[$1].count, $1) }
        var wire: [UInt8] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        var sortedQuestionLengths: [Int] = []
        for index in order {
            offsets.append(wire.count)
            lengths.append(encoded[index].count)
            sortedQuestionLengths.append(questionLengths[index])
            wire += encoded[index]
        }
        self.origin = origin
        self.wire = wire
        self.offsets = offsets
        self.lengths = lengths
        self.questionLengths = sortedQuestionLengths
        self.longest = lengths.max() ?? 0
    }

    /// A name of 255 octets, type, class and an OPT record fit; anything longer is not a
    /// query a server would parse.
    static let maximumLength = 512
}
