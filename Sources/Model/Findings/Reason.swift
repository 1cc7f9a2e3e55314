/// Why a finding has its severity, as a stable code (`serial-lag`, `lame-refused`, ...).
/// With the finding's parameters it is all a renderer needs: the English `message` and
/// the report's other languages are produced from the pair, never parsed out of prose.
/// Codes are never renamed once published, because history keeps them.
public struct Reason: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
    public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// A finding read from a history written before reasons existed: only its stored
    /// English message is known.
    public static let legacy = Reason("legacy")

    // AUTH-DELEGATION
    public static let notDelegated = Reason("not-delegated")
    public static let delegationUnresolved = Reason("delegation-unresolved")
    public static let parentNoDelegation = Reason("parent-no-delegation")
    public static let parentsDisagree = Reason("parents-disagree")
    public static let childNSUnanswered = Reason("child-ns-unanswered")
    public static let nsSetMismatch = Reason("ns-set-mismatch")
    public static let nsUnexpected = Reason("ns-unexpected")
    public static let glueMismatch = Reason("glue-mismatch")
    public static let delegationOK = Reason("delegation-ok")

    // AUTH-REACH-UDP / AUTH-REACH-TCP
    public static let noAddress = Reason("no-address")
    public static let udpTimeout = Reason("udp-timeout")
    public static let udpRefused = Reason("udp-refused")
    public static let udpUnreachable = Reason("udp-unreachable")
    public static let udpFailed = Reason("udp-failed")
    /// Answered over UDP only with TC=1 although the answer fits the offered buffer.
    public static let udpTruncated = Reason("udp-truncated")
    /// Answered over UDP after messages that did not match the question (wrong ID).
    public static let udpMismatchedAnswers = Reason("udp-mismatched-answers")
    public static let udpOK = Reason("udp-ok")
    public static let tcpTimeout = Reason("tcp-timeout")
    public static let tcpRefused = Reason("tcp-refused")
    public static let tcpReset = Reason("tcp-reset")
    public static let tcpUnreachable = Reason("tcp-unreachable")
    public static let tcpFailed = Reason("tcp-failed")
    public static let tcpOK = Reason("tcp-ok")

    // AUTH-AUTHORITY
    public static let lameRefused = Reason("lame-refused")
    public static let lameServfail = Reason("lame-servfail")
    public static let lameRcode = Reason("lame-rcode")
    public static let lameReferral = Reason("lame-referral")
    public static let lameNoAA = Reason("lame-no-aa")
    public static let lameNoSOA = Reason("lame-no-soa")
    public static let authorityOK = Reason("authority-ok")

    // AUTH-SERIAL
    public static let serialLag = Reason("serial-lag")
    public static let serialLagUnknownDuration = Reason("serial-lag-unknown-duration")
    public static let serialOK = Reason("serial-ok")

    // AUTH-LATENCY
    public static let latencyHigh = Reason("latency-high")
    public static let latencyOK = Reason("latency-ok")

    // AUTH-DATA
    public static let dataDiffersEqualSerials = Reason("data-differs-equal-serials")
    public static let dataDiffers = Reason("data-differs")
    public static let dataOK = Reason("data-ok")

    // AUTH-DIVERSITY
    public static let diversityLow = Reason("diversity-low")
    public static let diversityOK = Reason("diversity-ok")

    // AUTH-EDNS
    public static let ednsDropped = Reason("edns-dropped")
    public static let ednsNoncompliant = Reason("edns-noncompliant")
    public static let ednsOK = Reason("edns-ok")

    // AUTH-DNSSEC
    public static let unsigned = Reason("unsigned")
    public static let dsNoKey = Reason("ds-no-key")
    public static let rrsigExpired = Reason("rrsig-expired")
    public static let rrsigInvalid = Reason("rrsig-invalid")
    public static let rrsigExpiring = Reason("rrsig-expiring")
    public static let dnskeyDiffers = Reason("dnskey-differs")
    public static let dnskeyMissing = Reason("dnskey-missing")
    public static let dnssecOK = Reason("dnssec-ok")

    // AUTH-AXFR
    public static let axfrOpen = Reason("axfr-open")
    public static let axfrOpenExpected = Reason("axfr-open-expected")
    public static let axfrRefused = Reason("axfr-refused")
    public static let axfrUnavailable = Reason("axfr-unavailable")

    // REC-REACH
    public static let resolverUnreachable = Reason("resolver-unreachable")
    public static let resolverNoRecursion = Reason("resolver-no-recursion")
    public static let resolverRcode = Reason("resolver-rcode")
    public static let resolverOK = Reason("resolver-ok")

    // REC-CORRECT
    public static let resolverNoAnswer = Reason("resolver-no-answer")
    public static let hijack = Reason("hijack")
    public static let resolverNodata = Reason("resolver-nodata")
    public static let resolverFalseNXDomain = Reason("resolver-false-nxdomain")
    public static let resolverDataForNXDomain = Reason("resolver-data-for-nxdomain")
    public static let resolverAnswerRcode = Reason("resolver-answer-rcode")
    public static let resolverNotSubset = Reason("resolver-not-subset")
    public static let resolverEmpty = Reason("resolver-empty")
    public static let resolverCorrect = Reason("resolver-correct")

    // REC-NXDOMAIN
    public static let nxdomainRedirect = Reason("nxdomain-redirect")
    public static let nxdomainOK = Reason("nxdomain-ok")

    // REC-DNSSEC
    public static let notValidating = Reason("not-validating")
    public static let canaryAccepted = Reason("canary-accepted")
    public static let validatingOK = Reason("validating-ok")
    public static let canaryRefused = Reason("canary-refused")

    // BACKUP-FALLBACK
    public static let fallbackSwitched = Reason("fallback-switched")
    public static let fallbackSwitchFailed = Reason("fallback-switch-failed")
    public static let fallbackUndone = Reason("fallback-undone")
    public static let fallbackUndoFailed = Reason("fallback-undo-failed")
    public static let fallbackActive = Reason("fallback-active")
    public static let fallbackCounting = Reason("fallback-counting")
    public static let fallbackArmed = Reason("fallback-armed")
    public static let fallbackError = Reason("fallback-error")

    // PROBE
    public static let deadlineZone = Reason("deadline-zone")
    public static let deadlineResolvers = Reason("deadline-resolvers")
    public static let historyFailed = Reason("history-failed")
    public static let metricsFailed = Reason("metrics-failed")
}
