public import Foundation

/// The English rendering of every reason: the one place a finding's `message` comes from.
/// Other languages (the report's) follow the same keys and parameters.
public enum EnglishMessages {
    /// The message for `reason` with `p`; nil for a code this version does not know.
    public static func render(_ reason: Reason, _ p: FindingParameters) -> String? {
        switch reason {
        case .notDelegated: "zone is not delegated: \(p.text("detail"))"
        case .delegationUnresolved: "cannot follow the delegation: \(p.text("error"))"
        case .parentNoDelegation: "parent server (\(p.text("parent"))) gave no delegation: \(p.text("answer"))"
        case .parentsDisagree:
            "parent servers disagree: this one delegates to \(p.text("names")), another to \(p.text("reference"))"
        case .childNSUnanswered: "no server of the zone answered its apex NS query authoritatively"
        case .nsSetMismatch:
            "parent and child NS sets differ: parent only [\(p.text("parentOnly"))], child only [\(p.text("childOnly"))]"
        case .nsUnexpected: "delegation is \(p.text("delegation")), configuration expects \(p.text("expected"))"
        case .glueMismatch:
            "glue for \(p.text("nameServer")) is [\(p.text("glue"))] but the zone says [\(p.text("authoritative"))]"
        case .delegationOK: "delegated by \(p.text("parent")) to \(p.text("nameServers")); child agrees"

        case .noAddress: "no name server of the zone has an address"
        case .udpTimeout, .udpRefused, .udpUnreachable, .udpFailed:
            p.flag("answersWithoutEDNS")
                ? "answers only without EDNS: a UDP question with EDNS got no answer (\(p.text("error")))"
                : "no answer over UDP: \(p.text("error"))"
        case .udpTruncated:
            "answers over UDP only truncated (TC=1), although the whole answer is \(p.integer("size")) bytes, within the "
                + "\(p.integer("offered")) offered: every client must ask again over TCP"
        case .udpMismatchedAnswers:
            "answers over UDP, but \(p.integer("ignored")) message(s) that did not match the question (wrong ID) came first "
                + "and were ignored: a broken server or middlebox, or someone racing to spoof answers (RFC 5452)"
        case .udpOK: "all \(p.integer("count")) addresses answer over UDP"
        case .tcpTimeout, .tcpRefused, .tcpReset, .tcpUnreachable, .tcpFailed:
            p.flag("answersWithoutEDNS")
                ? "answers only without EDNS: a TCP question with EDNS got no answer (\(p.text("error")))"
                : (p.flag("udpWorks") ? "TCP fails where UDP works (RFC 7766): " : "no answer over TCP: ") + p.text("error")
        case .tcpOK: "all \(p.integer("count")) addresses answer over TCP"

        case .lameRefused, .lameServfail, .lameRcode: "lame: answers \(p.text("rcode"))"
        case .lameReferral: "lame: answers with a referral instead of the zone"
        case .lameNoAA: "lame: answer without the AA flag"
        case .lameNoSOA: "lame: no SOA for \(p.text("zone")) in the answer"
        case .authorityOK: "all answering addresses are authoritative"

        case .serialLag:
            "serial \(p.text("serial")) is \(distance(p)) behind \(p.text("reference")), lagging for "
                + (p.flag("lagIsLowerBound") ? "at least " : "")
                + "\(minutes(p.seconds("lag"))) min (tolerance \(minutes(p.seconds("tolerance"))) min, "
                + "expire \(minutes(p.seconds("expire"))) min)" + age(p)
        case .serialLagUnknownDuration:
            "serial \(p.text("serial")) is \(distance(p)) behind \(p.text("reference")), for an unknown time ("
                + (p.flag("firstSighting") ? "first sighting of \(p.text("reference"))"
                    : p.has("referenceFirstSeen")
                        ? "\(p.text("reference")) already served when history began watching, \(p.text("referenceFirstSeen"))"
                        : "no history") + ")" + age(p)
        case .serialOK: "serial \(p.text("serial")) on all \(p.integer("count")) authoritative addresses"

        case .latencyHigh:
            "SOA round trip \(milliseconds(p.seconds("rtt"))) (warning > \(milliseconds(p.seconds("warning"))), "
                + "critical > \(milliseconds(p.seconds("critical"))))"
        case .latencyOK: "slowest SOA round trip \(milliseconds(p.seconds("rtt")))"

        case .dataDiffersEqualSerials:
            "\(p.text("name")) \(p.text("type")) differs between servers with equal serials: \(p.list("variants").joined(separator: " vs "))"
        case .dataDiffers:
            "\(p.text("name")) \(p.text("type")) differs between servers: \(p.list("variants").joined(separator: " vs "))"
        case .dataOK: "\(p.integer("count")) critical records identical on every server"

        case .diversityLow: p.list("problems").map { diversityProblem($0, p) }.joined(separator: "; ") + " (RFC 2182)"
        case .diversityOK: "\(p.integer("nameCount")) names on \(p.integer("addressCount")) addresses in distinct networks"

        case .ednsDropped, .ednsNoncompliant: p.list("problems").map(ednsProblem).joined(separator: "; ")
        case .ednsOK: "EDNS handled correctly by all answering addresses"

        case .unsigned: "unsigned delegation (no DS at \(p.text("parent")))"
        case .dsNoKey: "no DNSKEY matches the parent's DS (key tags \(p.text("keyTags")))"
        case .rrsigExpired, .rrsigInvalid: p.list("problems").joined(separator: "; ")
        case .rrsigExpiring:
            "signatures expire \(p.text("expiry")), within \(Int(p.seconds("window") / 86_400)) days"
        case .dnskeyDiffers: "DNSKEY RRset differs between servers: \(p.list("variants").joined(separator: " vs "))"
        case .dnskeyMissing: "DS at the parent, but no server returned the DNSKEY and signed SOA"
        case .dnssecOK:
            "chain of trust valid on every server; earliest signature expiry \(p.has("expiry") ? p.text("expiry") : "unknown")"

        case .axfrOpen:
            "AXFR open to this vantage point: the whole zone is exposed (first message: \(p.integer("records")) records)"
        case .axfrOpenExpected: "AXFR open to this vantage point, as configured (backups)"
        case .axfrRefused: "AXFR refused (noted: a backup must harvest instead): \(p.text("detail"))"
        case .axfrUnavailable: "AXFR not available: \(p.text("detail"))"

        case .resolverUnreachable: "\(p.text("name")) SOA over \(p.text("transport")): \(p.text("error"))"
        case .resolverNoRecursion: "\(p.text("name")) SOA over \(p.text("transport")): answer without RA (recursion not available)"
        case .resolverRcode: "\(p.text("name")) SOA over \(p.text("transport")): answers \(p.text("rcode"))"
        case .resolverOK: "answers over UDP and TCP (\(p.has("rtt") ? milliseconds(p.seconds("rtt")) : "?"))"

        case .resolverNoAnswer: "\(p.text("name")) \(p.text("type")): no answer (\(p.text("error")))"
        case .hijack:
            "\(p.text("name")) \(p.text("type")): resolver gives [\(p.text("resolver"))], no authority serves that "
                + "(possible hijack or poisoning)"
        case .resolverNodata:
            "\(p.text("name")) \(p.text("type")): the resolver gives no \(p.text("type")) (NODATA) where "
                + (p.list("authoritative").count > 1 ? "the authorities serve " : "every authority serves ")
                + "\(p.list("authoritative").joined(separator: " | ")) (possible hijack or filtering)"
        case .resolverFalseNXDomain:
            "\(p.text("name")) \(p.text("type")): resolver says NXDOMAIN, the authorities serve data (possible hijack or poisoning)"
        case .resolverDataForNXDomain:
            "\(p.text("name")) \(p.text("type")): authorities say NXDOMAIN, the resolver gives [\(p.text("resolver"))] "
                + "(possible hijack or poisoning)"
        case .resolverAnswerRcode:
            "\(p.text("name")) \(p.text("type")): resolver answers \(p.text("rcode")) (possible hijack or poisoning)"
        case .resolverNotSubset:
            "\(p.text("name")) \(p.text("type")): resolver gives [\(p.text("resolver"))], not within what the authorities "
                + "serve (possible hijack or poisoning)"
        case .resolverEmpty: "\(p.text("name")) \(p.text("type")): empty answer (possible hijack or poisoning)"
        case .resolverCorrect: "every critical record matches the authorities"

        case .nxdomainRedirect:
            "\(p.text("name")) \(p.text("type")): authorities say NXDOMAIN, the resolver answers "
                + "\(p.list("answer").joined(separator: ", ")) (NXDOMAIN redirection)"
        case .nxdomainOK: "NXDOMAIN passed through unchanged"

        case .notValidating: "\(p.text("name")) SOA not validated: \(p.text("detail"))"
        case .canaryAccepted: "broken-signature canary \(p.text("canary")) answered \(p.text("answer")): the resolver does not validate"
        case .validatingOK: "\(p.text("name")) SOA validated (AD set)"
        case .canaryRefused: "broken-signature canary \(p.text("canary")) refused (SERVFAIL)"

        case .fallbackSwitched:
            "no authority answered for \(p.integer("consecutiveDown")) runs: snapshot \(p.text("snapshot")) put into service"
                + (p.has("seconds") ? String(format: " in %.2f s", p.seconds("seconds")) : "")
        case .fallbackSwitchFailed:
            "no authority answered for \(p.integer("consecutiveDown")) runs, and the backup could not be put into service: "
                + p.text("error")
        case .fallbackUndone:
            "authorities answered for \(p.integer("consecutiveUp")) runs: backup \(p.text("snapshot")) taken out of service"
        case .fallbackUndoFailed: "authorities answer again, but the backup could not be taken out of service: \(p.text("error"))"
        case .fallbackActive:
            "served from backup \(p.text("snapshot")) since \(p.has("since") ? p.text("since") : "?")"
                + (p.flag("authoritiesAnswer")
                    ? " (authorities answer: \(p.integer("consecutiveUp"))/\(p.integer("afterRecoveries")) runs)" : "")
        case .fallbackCounting:
            "no authority answered (\(p.integer("consecutiveDown"))/\(p.integer("afterFailures")) runs before the switch)"
        case .fallbackArmed: "authorities answer; backup armed"
        case .fallbackError: "fallback switch: \(p.text("error"))"

        case .deadlineZone: "deadline of \(Int(p.seconds("deadline"))) s reached before this zone's checks finished"
        case .deadlineResolvers: "deadline of \(Int(p.seconds("deadline"))) s reached before the resolver checks finished"
        case .historyFailed: "cannot write history: \(p.text("error"))"
        case .metricsFailed: "cannot write metrics to \(p.text("path")): \(p.text("error"))"
        default: nil
        }
    }

    public static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.1f ms", seconds * 1000)
    }

    static func minutes(_ seconds: Double) -> Int {
        Int(seconds / 60)
    }

    private static func distance(_ p: FindingParameters) -> String {
        p.has("distance") ? p.text("distance") : "incomparable"
    }

    /// "; serial 2024050101 looks 31 days old" for date-shaped (YYYYMMDDnn) serials.
    private static func age(_ p: FindingParameters) -> String {
        guard p.has("serialAge") else { return "" }
        return "; serial \(p.text("serial")) looks \(Int(p.seconds("serialAge") / 86_400)) days old (YYYYMMDDnn)"
    }

    private static func diversityProblem(_ code: String, _ p: FindingParameters) -> String {
        switch code {
        case "one-name": "only \(p.integer("nameCount")) name server name"
        case "one-address": "only \(p.integer("addressCount")) distinct address"
        case "one-ipv4-prefix": "all IPv4 addresses in one /\(p.integer("ipv4Prefix"))"
        case "one-ipv6-prefix": "all IPv6 addresses in one /\(p.integer("ipv6Prefix"))"
        default: code
        }
    }

    /// EDNS problems are `code` or `code:argument` (`version1-rcode:NOERROR`).
    static func ednsProblem(_ problem: String) -> String {
        let parts = problem.split(separator: ":", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1] : ""
        switch parts.first ?? "" {
        case "no-opt": return "no OPT record in the answer to an EDNS query"
        case "version1-rcode": return "EDNS version 1 answered \(argument), not BADVERS"
        case "version1-version": return "EDNS version 1 answer does not carry version 0"
        case "option-echoed": return "unknown EDNS option echoed back"
        case "option-rcode": return "unknown EDNS option answered \(argument)"
        case "flag-kept": return "unknown EDNS flag not cleared"
        case "flag-rcode": return "unknown EDNS flag answered \(argument)"
        case "do-not-echoed": return "DO bit not echoed"
        case "no-answer": return argument
        case "drops-edns": return "drops queries with EDNS (an OPT record) but answers without it (RFC 6891 §7)"
        default: return problem
        }
    }
}
