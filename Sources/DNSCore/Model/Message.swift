/// A DNS message: header, the four sections, and EDNS decoded out of the additional
/// section. Encoding and decoding go through ldns (`Message(wire:)`, `wire()`).
public struct Message: Hashable, Sendable {
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let qr = Flags(rawValue: 1 << 15)
        public static let aa = Flags(rawValue: 1 << 10)
        public static let tc = Flags(rawValue: 1 << 9)
        public static let rd = Flags(rawValue: 1 << 8)
        public static let ra = Flags(rawValue: 1 << 7)
        public static let ad = Flags(rawValue: 1 << 5)
        public static let cd = Flags(rawValue: 1 << 4)

        static let named: [(Flags, String)] = [
            (.qr, "qr"), (.aa, "aa"), (.tc, "tc"), (.rd, "rd"), (.ra, "ra"), (.ad, "ad"), (.cd, "cd"),
        ]

        /// dig's spelling: `qr aa rd`.
        public var names: [String] { Self.named.filter { contains($0.0) }.map(\.1) }
    }

    public var id: UInt16
    public var opcode: UInt8
    public var flags: Flags
    /// The full response code, EDNS extended bits included.
    public var rcode: ResponseCode
    public var question: [Question]
    public var answer: [ResourceRecord]
    public var authority: [ResourceRecord]
    /// Additional records without the OPT pseudo-record, which lives in `edns`.
    public var additional: [ResourceRecord]
    public var edns: EDNS?

    public init(
        id: UInt16 = 0, opcode: UInt8 = 0, flags: Flags = [], rcode: ResponseCode = .noError,
        question: [Question] = [], answer: [ResourceRecord] = [], authority: [ResourceRecord] = [],
        additional: [ResourceRecord] = [], edns: EDNS? = nil
    ) {
        self.id = id
        self.opcode = opcode
        self.flags = flags
        self.rcode = rcode
        self.question = question
        self.answer = answer
        self.authority = authority
        self.additional = additional
        self.edns = edns
    }

    /// A query as a stub or an iterating checker sends it.
    public static func query(
        _ name: DomainName, _ type: RRType, rrClass: RRClass = .in,
        recursionDesired: Bool = false, edns: EDNS? = EDNS(), checkingDisabled: Bool = false
    ) -> Message {
        var flags: Flags = []
        if recursionDesired { flags.insert(.rd) }
        if checkingDisabled { flags.insert(.cd) }
        return Message(flags: flags, question: [Question(name: name, type: type, rrClass: rrClass)], edns: edns)
    }

    /// Records of `type` owned by `name` in the answer section.
    public func answers(_ type: RRType, for name: DomainName? = nil) -> [ResourceRecord] {
        answer.filter { $0.type == type && (name == nil || $0.owner == name) }
    }

    /// True for a referral: no answer, not authoritative, NS records in the authority section.
    public var isReferral: Bool {
        rcode == .noError && !flags.contains(.aa) && answer.isEmpty && authority.contains { $0.type == .ns }
    }
}
