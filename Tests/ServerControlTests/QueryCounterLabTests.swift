import DNSCore
import DNSWardTestKit
import ServerControl
import Testing

/// The servers' own query counters, read from the running lab servers: each must rise by
/// at least the queries we sent between two readings.
@Suite(.lab, .serialized)
struct QueryCounterLabTests {
    static func send(_ count: Int, to server: ServerAddress, name: DomainName = "www.healthy.test.", recursion: Bool = false) async throws {
        let client = DNSClient(options: QueryOptions(timeout: .milliseconds(500), udpRetries: 1))
        for _ in 0..<count {
            let response = try await client.query(name, .a, at: server, recursionDesired: recursion)
            #expect(response.message.rcode == .noError)
        }
    }

    static func counts(_ counter: any QueryCounter, after count: Int, to server: ServerAddress,
                       name: DomainName = "www.healthy.test.", recursion: Bool = false) async throws -> (UInt64, UInt64) {
        let before = try await counter.queriesReceived()
        try await send(count, to: server, name: name, recursion: recursion)
        let after = try await counter.queriesReceived()
        return (before, after)
    }

    @Test func unboundTotalNumQueries() async throws {
        let counter = try UnboundQueryCounter(configPath: Lab.resolverConfig)
        let (before, after) = try await Self.counts(counter, after: 25, to: Lab.resolver, recursion: true)
        #expect(after >= before + 25, "unbound: \(before) then \(after)")
    }

    @Test func knotModStatsQueries() async throws {
        let counter = try KnotQueryCounter(configPath: Lab.authBConfig)
        let (before, after) = try await Self.counts(counter, after: 25, to: Lab.authB)
        #expect(after >= before + 25, "knot: \(before) then \(after)")
    }

    @Test func aWrongControlConfigurationIsAnErrorNamingIt() async throws {
        let counter = try NSDQueryCounter(configPath: "/nonexistent/nsd.conf")
        await #expect {
            try await counter.queriesReceived()
        } throws: { error in
            "\(error)".contains("nsd-control -c /nonexistent/nsd.conf")
        }
    }
}

/// NSD's counters, from a private NSD: reading them makes NSD 4.6 replace its server
/// process, which would cut the transfers other suites run against the lab's NSD.
@Suite(.serialized)
struct NSDCounterTests {
    @Test func nsdNumQueries() async throws {
        try await withCountedNSD { nsd in
            let counter = try NSDQueryCounter(configPath: nsd.configPath)
            let (before, after) = try await QueryCounterLabTests.counts(counter, after: 25, to: nsd.address, name: "www.counted.test.")
            #expect(after >= before + 25, "nsd: \(before) then \(after)")
        }
    }

    @Test func aRateOverAnIntervalIsTheDifferenceOverTheTime() async throws {
        try await withCountedNSD { nsd in
            let counter = try NSDQueryCounter(configPath: nsd.configPath)
            let rate = try await CounterRate.measure(counter, over: .milliseconds(300))
            #expect(rate.seconds >= 0.3)
            #expect(rate.second >= rate.first)
            #expect(abs(rate.queriesPerSecond - Double(rate.second - rate.first) / rate.seconds) < 1e-9)
        }
    }
}

/// The rate arithmetic on counters that move as scripted.
struct CounterRateTests {
    final class Scripted: QueryCounter, @unchecked Sendable {
        private var values: [UInt64]
        init(_ values: [UInt64]) { self.values = values }
        var label: String { "scripted" }
        func queriesReceived() async throws -> UInt64 { values.removeFirst() }
    }

    @Test func twoReadingsGiveTheRate() async throws {
        let rate = try await CounterRate.measure(Scripted([1_000, 1_600]), over: .milliseconds(200))
        #expect(rate.second - rate.first == 600)
        #expect(rate.queriesPerSecond > 600 / rate.seconds - 1e-9 && rate.queriesPerSecond < 600 / 0.2 + 1e-9)
    }

    @Test func aCounterThatWentDownIsAnError() async throws {
        await #expect(throws: ServerControlError.self) {
            try await CounterRate.measure(Scripted([1_000, 10]), over: .milliseconds(10))
        }
    }
}

/// BIND's statistics channel, from a real named on loopback.
@Suite(.serialized)
struct BINDStatisticsTests {
    @Test func opcodesQueryCountsTheQueries() async throws {
        try await withBINDResolver { _ in
            let channel = BINDStatisticsChannel(address: BINDResolver.statisticsAddress)
            let before = try await channel.queriesReceived()
            let client = DNSClient(options: QueryOptions(timeout: .milliseconds(500), udpRetries: 1))
            for _ in 0..<20 {
                _ = try await client.query("resolver.arpa.", .soa, at: BINDResolver.address)
            }
            let after = try await channel.queriesReceived()
            #expect(after >= before + 20, "bind: \(before) then \(after)")
        }
    }
}

/// The documents as the servers print them; zero counters are left out by BIND.
struct CounterParsingTests {
    @Test func bindOmitsZeroCounters() throws {
        #expect(try BINDStatisticsChannel.queries(json: #"{"json-stats-version":"1.7","opcodes":{"QUERY":42,"NOTIFY":1}}"#) == 42)
        #expect(try BINDStatisticsChannel.queries(json: #"{"json-stats-version":"1.7","opcodes":{"NOTIFY":1}}"#) == 0)
        #expect(try BINDStatisticsChannel.queries(json: #"{"json-stats-version":"1.7"}"#) == 0)
        #expect(throws: ServerControlError.self) { try BINDStatisticsChannel.queries(json: "<html>") }
        #expect(throws: ServerControlError.self) { try BINDStatisticsChannel.queries(json: #"{"opcodes":{"QUERY":"many"}}"#) }
    }

    @Test func knotFallsBackToTheProtocolCounters() throws {
        #expect(try KnotQueryCounter.parse("mod-stats.server-operation[query] = 7\nmod-stats.request-protocol[udp4] = 9\n") == 7)
        #expect(try KnotQueryCounter.parse("mod-stats.request-protocol[udp4] = 9\nmod-stats.request-protocol[tcp4] = 2\n") == 11)
        #expect(throws: ServerControlError.self) { try KnotQueryCounter.parse("server.zone-count = 10\n") }
    }
}
