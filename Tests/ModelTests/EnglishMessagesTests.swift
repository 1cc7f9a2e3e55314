import Testing
import Model

/// The English wording of the reasons issue 9 added or changed; the lab tests assert on
/// reasons and parameters, these on the sentence a person reads.
@Suite struct EnglishMessagesTests {
    @Test func aHiddenAAAAIsSaidPlainly() {
        let finding = Finding(check: .recCorrect, severity: .critical, reason: .resolverNodata,
                              parameters: ["name": .name("www.example.org."), "type": .text("AAAA"),
                                           "authoritative": .list(["AAAA 2001:db8::10"]), "resolver": .text("NOERROR")])
        #expect(finding.message == "www.example.org. AAAA: the resolver gives no AAAA (NODATA) where every authority "
            + "serves AAAA 2001:db8::10 (possible hijack or filtering)")
    }

    @Test func aFirstSightingSaysSoWithTheSerialsAge() {
        let finding = Finding(check: .authSerial, severity: .warning, reason: .serialLagUnknownDuration,
                              parameters: ["serial": .serial(2_024_050_101), "reference": .serial(2_024_060_102),
                                           "distance": .integer(10_001), "firstSighting": .flag(true),
                                           "serialAge": .seconds(31 * 86_400)])
        #expect(finding.message == "serial 2024050101 is 10001 behind 2024060102, for an unknown time (first sighting of "
            + "2024060102); serial 2024050101 looks 31 days old (YYYYMMDDnn)")
    }

    @Test func reachableOnlyWithoutEDNS() {
        let finding = Finding(check: .authReachUDP, severity: .ok, reason: .udpTimeout,
                              parameters: ["error": .text("timeout after 2 attempts (UDP) from 192.0.2.1"),
                                           "answersWithoutEDNS": .flag(true)])
        #expect(finding.message == "answers only without EDNS: a UDP question with EDNS got no answer "
            + "(timeout after 2 attempts (UDP) from 192.0.2.1)")
    }

    @Test func aLowerBoundLagSaysAtLeast() {
        let finding = Finding(check: .authSerial, severity: .warning, reason: .serialLag,
                              parameters: ["serial": .serial(5), "reference": .serial(6), "distance": .integer(1),
                                           "lag": .seconds(7200), "tolerance": .seconds(3600), "expire": .seconds(604_800),
                                           "lagIsLowerBound": .flag(true)])
        #expect(finding.message == "serial 5 is 1 behind 6, lagging for at least 120 min (tolerance 60 min, expire 10080 min)")
    }
}
