import DNSCore
import Headroom

enum HeadroomFixtures {
    static func queries(_ lines: String = "www.healthy.test A\nmail.healthy.test AAAA\nhealthy.test MX\n") throws -> QuerySet {
        try QuerySet(questions: QueryFile.questions(text: lines, name: "fixture"), origin: "fixture")
    }
}
