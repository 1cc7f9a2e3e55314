import Foundation
import Glibc
import DNSWardTestKit
import Testing
@testable import DNSCore

/// Everything here talks to real servers on loopback (127.60.0.0/16, ::1).
/// Serialized because several tests measure time, and the machine is small.
@Suite("DNSTransport", .serialized)
struct DNSTransportTests {
    static let basicAnswers = """
    ENTRY_BEGIN
    MATCH opcode qtype qname
    ADJUST copy_id
    REPLY QR AA NOERROR
    SECTION QUESTION
    www.example.test. IN A
    SECTION ANSWER
    www.example.test. 300 IN A 192.0.2.1
    ENTRY_END

    ENTRY_BEGIN
    MATCH opcode qtype qname UDP
    ADJUST copy_id
    REPLY QR AA TC NOERROR
    SECTION QUESTION
    tc.example.test. IN A
    ENTRY_END

    ENTRY_BEGIN
    MATCH opcode qtype qname TCP
    ADJUST copy_id
    REPLY QR AA NOERROR
    SECTION QUESTION
    tc.example.test. IN A
    SECTION ANSWER
    tc.example.test. 300 IN A 192.0.2.2
    ENTRY_END

    ; No copy_id: the reply carries the data file's ID, not the query's.
    ENTRY_BEGIN
    MATCH opcode qtype qname
    REPLY QR AA NOERROR
    SECTION QUESTION
    wrongid.example.test. IN A
    SECTION ANSWER
    wrongid.example.test. 300 IN A 192.0.2.3
    ENTRY_END

    ENTRY_BEGIN
    MATCH opcode qtype qname
    ADJUST copy_id sleep=1
    REPLY QR AA NOERROR
    SECTION QUESTION
    slow.example.test. IN A
    SECTION ANSWER
    slow.example.test. 300 IN A 192.0.2.4
    ENTRY_END

    """

    /// Answers anything with the right ID but a different question.
    static let wrongQuestionAnswers = """
    ENTRY_BEGIN
    MATCH opcode
    ADJUST copy_id
    REPLY QR AA NOERROR
    SECTION QUESTION
    other.example.test. IN A
    SECTION ANSWER
    other.example.test. 300 IN A 192.0.2.9
    ENTRY_END

    """

    static let quick = QueryOptions(timeout: .milliseconds(300), udpRetries: 0)

    private func expectFailure(
        _ transport: DNSTransport, _ query: [UInt8], _ server: ServerAddress, _ options: QueryOptions,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> TransportError? {
        do {
            let response = try await transport.exchange(query, with: server, options: options)
            Issue.record("expected a failure, got \(response.bytes.count) bytes", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func answersOverUDP() async throws {
        let server = try await TransportFixtures.Testns.start(Self.basicAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        let query = TransportFixtures.Query.make("www.example.test")
        let response = try await transport.exchange(query, with: try server.address(), options: Self.quick)
        #expect(response.transport == .udp)
        #expect(!response.truncatedFallback)
        #expect(response.server == (try server.address()))
        #expect(TransportFixtures.Query.isResponse(response.bytes))
        #expect(TransportFixtures.Query.firstA(response.bytes) == "192.0.2.1")
        #expect(response.rtt > .zero && response.rtt < .milliseconds(300))
        let statistics = transport.statistics
        #expect(statistics.sent == 1 && statistics.received == 1 && statistics.ignoredAnswers == 0)
    }

    @Test func sendsAFreshRandomIDEachTime() async throws {
        let server = try await TransportFixtures.Testns.start(Self.basicAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        var query = TransportFixtures.Query.make("www.example.test")
        query[0] = 0xAB
        query[1] = 0xCD
        var ids = Set<UInt16>()
        for _ in 0..<20 {
            let response = try await transport.exchange(query, with: try server.address(), options: Self.quick)
            ids.insert(TransportFixtures.Query.id(response.bytes))
        }
        // 20 draws from 65536 values: a repeat is possible but very unlikely, 2 would mean no randomness.
        #expect(ids.count >= 18)
    }

    @Test func matchesQuestionCaseInsensitively() async throws {
        let server = try await TransportFixtures.Testns.start(Self.basicAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        let response = try await transport.exchange(TransportFixtures.Query.make("WwW.ExAmPlE.TeSt"), with: try server.address(),
                                                    options: Self.quick)
        #expect(TransportFixtures.Query.firstA(response.bytes) == "192.0.2.1")
    }

    @Test func answersOverTCP() async throws {
        let server = try await TransportFixtures.Testns.start(Self.basicAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        var options = Self.quick
        options.transport = .tcp
        let response = try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: try server.address(),
                                                    options: options)
        #expect(response.transport == .tcp)
        #expect(!response.truncatedFallback)
        #expect(TransportFixtures.Query.firstA(response.bytes) == "192.0.2.1")
    }

    @Test func fallsBackToTCPOnTruncation() async throws {
        let server = try await TransportFixtures.Testns.start(Self.basicAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        let query = TransportFixtures.Query.make("tc.example.test")
        let response = try await transport.exchange(query, with: try server.address(), options: Self.quick)
        #expect(response.transport == .tcp)
        #expect(response.truncatedFallback)
        #expect(!TransportFixtures.Query.isTruncated(response.bytes))
        #expect(TransportFixtures.Query.firstA(response.bytes) == "192.0.2.2")
        #expect(transport.statistics.truncated == 1)
        #expect(transport.statistics.sent == 2)

        var noFallback = Self.quick
        noFallback.tcpFallbackOnTruncation = false
        let truncated = try await transport.exchange(query, with: try server.address(), options: noFallback)
        #expect(truncated.transport == .udp)
        #expect(!truncated.truncatedFallback)
        #expect(TransportFixtures.Query.isTruncated(truncated.bytes))
    }

    @Test func tellsTimeoutFromRefused() async throws {
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let query = TransportFixtures.Query.make("www.example.test")

        let silent = try TransportFixtures.Loopback.udp(host: "127.60.2.1")
        defer { silent.close() }
        let started = ContinuousClock.now
        let timeout = await expectFailure(transport, query, silent.address,
                                          QueryOptions(timeout: .milliseconds(200), udpRetries: 1))
        let waited = ContinuousClock.now - started
        #expect(timeout?.code == .timeout)
        #expect(timeout?.attempts == 2)
        #expect(timeout?.transport == .udp)
        #expect(timeout?.description == "timeout after 2 attempts (UDP) from \(silent.address)")
        #expect(waited >= .milliseconds(390) && waited < .seconds(5))
        #expect(transport.statistics.timeouts == 1)
        #expect(transport.statistics.sent == 2)

        let closed = try TransportFixtures.Loopback.closedPort(host: "127.60.2.2")
        let refusedStart = ContinuousClock.now
        let refused = await expectFailure(transport, query, closed, QueryOptions(timeout: .seconds(2)))
        #expect(refused?.code == .refused)
        #expect(refused?.errno == ECONNREFUSED)
        #expect(refused?.description == "refused (ICMP port unreachable) by \(closed) over UDP")
        #expect(ContinuousClock.now - refusedStart < .seconds(1))

        var tcp = QueryOptions(timeout: .seconds(2))
        tcp.transport = .tcp
        let tcpRefused = await expectFailure(transport, query, closed, tcp)
        #expect(tcpRefused?.code == .refused)
        #expect(tcpRefused?.transport == .tcp)
        #expect(tcpRefused?.description == "connection refused by \(closed) over TCP")
    }

    @Test func refusalFailsEveryQueryWaitingOnTheSocket() async throws {
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let closed = try TransportFixtures.Loopback.closedPort(host: "127.60.2.3")
        let codes = await withTaskGroup(of: TransportError.Code?.self) { group in
            for index in 0..<10 {
                group.addTask {
                    do throws(TransportError) {
                        _ = try await transport.exchange(TransportFixtures.Query.make("q\(index).example.test"), with: closed,
                                                         options: QueryOptions(timeout: .seconds(2), udpRetries: 0))
                        return nil
                    } catch {
                        return error.code
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(codes.count == 10)
        #expect(codes.allSatisfy { $0 == .refused })
    }

    @Test func tcpTimeoutAndReset() async throws {
        let transport = DNSTransport()
        defer { transport.shutdown() }
        var tcp = QueryOptions(timeout: .milliseconds(300))
        tcp.transport = .tcp
        let query = TransportFixtures.Query.make("www.example.test")

        // Connects via the backlog, then silence.
        let mute = try TransportFixtures.Loopback.tcpListener(host: "127.60.2.4")
        let timeout = await expectFailure(transport, query, mute.address, tcp)
        mute.close()
        #expect(timeout?.code == .timeout)
        #expect(timeout?.transport == .tcp)

        // A server that reads the query and resets the connection. Its own thread does it,
        // so neither the reset nor the query's deadline waits on this task being scheduled.
        let resetting = try TransportFixtures.ResettingServer(host: "127.60.2.5")
        tcp.timeout = .seconds(10)
        let reset = await expectFailure(transport, query, resetting.address, tcp)
        await resetting.stop()
        #expect(resetting.readWholeQuery)
        #expect(reset?.code == .reset)
        #expect(reset?.errno == ECONNRESET)
        #expect(reset?.transport == .tcp)
    }

    @Test func ignoresAnswerWithWrongID() async throws {
        let server = try await TransportFixtures.Testns.start(Self.basicAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        let failure = await expectFailure(transport, TransportFixtures.Query.make("wrongid.example.test"), try server.address(),
                                          QueryOptions(timeout: .milliseconds(300), udpRetries: 1))
        #expect(failure?.code == .timeout)
        #expect(failure?.attempts == 2)
        #expect(failure?.ignoredAnswers == 2)
        #expect(transport.statistics.ignoredAnswers == 2)
        #expect(transport.statistics.received == 2)
    }

    /// A TCP connection whose query has ended is reset, not closed in order: an orderly
    /// close leaves it in TIME_WAIT on our side for a minute, and a run over 50,000 zones
    /// filled the whole ephemeral port range with them. The responder waits for the client
    /// to hang up, so after an orderly close the client's end would be in TIME_WAIT.
    @Test func answeredTCPConnectionsLeaveNoTimeWait() async throws {
        try await withScriptedResponder(host: "127.60.5.3", script: { query in [ScriptedResponder.reply(to: query)] }) { server in
            let transport = DNSTransport()
            defer { transport.shutdown() }
            var tcp = Self.quick
            tcp.timeout = .seconds(2)
            tcp.transport = .tcp
            for _ in 0..<3 {
                let response = try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: server, options: tcp)
                #expect(response.transport == .tcp && TransportFixtures.Query.isResponse(response.bytes))
            }
            // /proc/net/tcp: "sl local rem st ...", addresses as little-endian hex:port.
            let remote = "03053C7F:" + String(format: "%04X", server.port)
            let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
            let timeWait = table.split(separator: "\n").filter { line in
                let fields = line.split(separator: " ")
                return fields.count > 3 && fields[2] == remote && fields[3] == "06"
            }
            #expect(timeWait.isEmpty, "\(timeWait)")
        }
    }

    /// Query after query to one server over TCP rides one connection (RFC 7766 §6.2.1):
    /// a run over ten thousand zones no longer opens one per question.
    @Test func tcpQueriesToOneServerShareAConnection() async throws {
        try await withScriptedResponder(host: "127.60.5.4", script: { query in [ScriptedResponder.reply(to: query)] }) { server in
            let transport = DNSTransport()
            defer { transport.shutdown() }
            var tcp = Self.quick
            tcp.timeout = .seconds(5)   // a loaded test machine, not the feature, would miss 2 s
            tcp.transport = .tcp
            for name in ["a.example.test", "b.example.test", "c.example.test", "d.example.test"] {
                let query = TransportFixtures.Query.make(name)
                let response = try await transport.exchange(query, with: server, options: tcp)
                #expect(response.transport == .tcp && TransportFixtures.Query.isResponse(response.bytes))
                #expect(response.bytes[12...] == query[12...], "the answer to this question, not an earlier one")
            }
            #expect(transport.statistics.tcpConnections == 1)
        }
    }

    /// A server that closes a connection as its next query arrives (its idle timeout racing
    /// our write) has not refused that query: it is asked again on a new connection.
    @Test func aReusedConnectionTheServerClosesIsReplacedNotFailed() async throws {
        try await withScriptedResponder(host: "127.60.5.5", queriesPerConnection: 1,
                                        script: { query in [ScriptedResponder.reply(to: query)] }) { server in
            let transport = DNSTransport()
            defer { transport.shutdown() }
            var tcp = Self.quick
            tcp.timeout = .seconds(5)   // a loaded test machine, not the feature, would miss 2 s
            tcp.transport = .tcp
            for name in ["a.example.test", "b.example.test", "c.example.test"] {
                let response = try await transport.exchange(TransportFixtures.Query.make(name), with: server, options: tcp)
                #expect(TransportFixtures.Query.isResponse(response.bytes))
            }
            #expect(transport.statistics.tcpConnections == 3, "one per answer: every reuse met a close")
            #expect(transport.statistics.timeouts == 0)
        }
    }

    /// After the first message of a transfer the rest of the zone follows on that
    /// connection: the next query gets a connection of its own. A refused transfer is one
    /// message, and its connection carries on.
    @Test(arguments: [(rcode: UInt8(0), connections: 2), (rcode: UInt8(5), connections: 1)])
    func aTransferKeepsItsConnectionUnlessRefused(rcode: UInt8, connections: Int) async throws {
        try await withScriptedResponder(host: "127.60.5.6", script: { query in
            var reply = ScriptedResponder.reply(to: query)
            if query.count > 4, query[query.count - 3] == 252 { reply[3] = rcode }
            return [reply]
        }) { server in
            let transport = DNSTransport()
            defer { transport.shutdown() }
            var tcp = Self.quick
            tcp.timeout = .seconds(5)   // a loaded test machine, not the feature, would miss 2 s
            tcp.transport = .tcp
            let axfr = try await transport.exchange(TransportFixtures.Query.make("example.test", type: 252), with: server, options: tcp)
            #expect(TransportFixtures.Query.rcode(axfr.bytes) == rcode)
            let next = try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: server, options: tcp)
            #expect(TransportFixtures.Query.isResponse(next.bytes) && next.bytes[12...] == TransportFixtures.Query.make("www.example.test")[12...])
            #expect(transport.statistics.tcpConnections == connections)
        }
    }

    /// An answer with the right ID and question but another opcode (15 here, NOTIFY or
    /// UPDATE elsewhere) is no answer to a QUERY: ignored like a wrong ID, over UDP and TCP.
    @Test func ignoresAnswerWithAnotherOpcode() async throws {
        try await withScriptedResponder(host: "127.60.5.1", script: { query in
            let name = String(decoding: query[12...], as: UTF8.self)
            return [ScriptedResponder.reply(to: query, opcode: name.contains("good") ? nil : 15)]
        }) { server in
            let transport = DNSTransport()
            defer { transport.shutdown() }
            // The same server answers properly when the opcode is right.
            let good = try await transport.exchange(TransportFixtures.Query.make("good.example.test"), with: server, options: Self.quick)
            #expect(TransportFixtures.Query.isResponse(good.bytes))

            let udp = await expectFailure(transport, TransportFixtures.Query.make("www.example.test"), server,
                                          QueryOptions(timeout: .milliseconds(300), udpRetries: 1))
            #expect(udp?.code == .timeout)
            #expect(udp?.ignoredAnswers == 2)
            #expect(udp?.description == "timeout after 2 attempts (UDP) from \(server); 2 malformed answers ignored")

            var tcp = Self.quick
            tcp.transport = .tcp
            let overTCP = await expectFailure(transport, TransportFixtures.Query.make("www.example.test"), server, tcp)
            #expect(overTCP?.code == .timeout)
            #expect(overTCP?.ignoredAnswers == 1)
            #expect(overTCP?.description == "timeout after 1 attempt (TCP) from \(server); 1 malformed answer ignored")
        }
    }

    /// A server answering only junk is not merely silent: the timeout says how much it sent.
    @Test func countsMalformedAnswersPerQuery() async throws {
        try await withScriptedResponder(host: "127.60.5.2", script: { query in
            var notAResponse = query
            notAResponse[2] &= 0x7F
            var otherID = ScriptedResponder.reply(to: query)
            otherID[0] ^= 0xFF
            return [[0xDE, 0xAD, 0xBE, 0xEF, 0x00], notAResponse, otherID]
        }) { server in
            let transport = DNSTransport()
            defer { transport.shutdown() }
            let failure = await expectFailure(transport, TransportFixtures.Query.make("www.example.test"), server, Self.quick)
            #expect(failure?.code == .timeout)
            #expect(failure?.ignoredAnswers == 3)
            #expect(failure?.description == "timeout after 1 attempt (UDP) from \(server); 3 malformed answers ignored")
            // Counted per query: the next one starts from zero.
            let again = await expectFailure(transport, TransportFixtures.Query.make("www.example.test"), server, Self.quick)
            #expect(again?.ignoredAnswers == 3)
        }
    }

    @Test func ignoresAnswerWithWrongQuestion() async throws {
        let server = try await TransportFixtures.Testns.start(Self.wrongQuestionAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        let query = TransportFixtures.Query.make("www.example.test")
        let udp = await expectFailure(transport, query, try server.address(), Self.quick)
        #expect(udp?.code == .timeout)
        #expect(transport.statistics.ignoredAnswers == 1)

        // Over TCP the stray answer is skipped too; the server then hangs up.
        var tcp = Self.quick
        tcp.transport = .tcp
        let overTCP = await expectFailure(transport, query, try server.address(), tcp)
        #expect(overTCP?.code == .reset || overTCP?.code == .timeout)
        #expect(transport.statistics.ignoredAnswers == 2)
    }

    @Test func acceptsLateAnswerToEarlierAttempt() async throws {
        let server = try await TransportFixtures.Testns.start(Self.basicAnswers)
        defer { server.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        // The server sleeps 1 s before answering; the first attempt times out
        // at 0.7 s and the answer to it lands during the second attempt.
        let response = try await transport.exchange(
            TransportFixtures.Query.make("slow.example.test"), with: try server.address(),
            options: QueryOptions(timeout: .milliseconds(700), udpRetries: 1))
        #expect(TransportFixtures.Query.firstA(response.bytes) == "192.0.2.4")
        #expect(response.rtt >= .milliseconds(900))
        #expect(transport.statistics.sent == 2)
    }

    @Test func worksOverIPv6() async throws {
        let nsd = try await TransportFixtures.NSD.start(host: "::1")
        defer { nsd.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let query = TransportFixtures.Query.make("www.example.test")

        let udp = try await transport.exchange(query, with: nsd.address, options: Self.quick)
        #expect(udp.transport == .udp)
        #expect(TransportFixtures.Query.firstA(udp.bytes) == "192.0.2.80")

        var tcpOptions = Self.quick
        tcpOptions.transport = .tcp
        let tcp = try await transport.exchange(query, with: nsd.address, options: tcpOptions)
        #expect(tcp.transport == .tcp)
        #expect(TransportFixtures.Query.firstA(tcp.bytes) == "192.0.2.80")

        let closed = try TransportFixtures.Loopback.closedPort(host: "::1")
        let refused = await expectFailure(transport, query, closed, Self.quick)
        #expect(refused?.code == .refused)
    }

    @Test func answersManyConcurrentQueries() async throws {
        let nsd = try await TransportFixtures.NSD.start(host: "127.60.3.1")
        defer { nsd.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        let count = 200
        let address = nsd.address
        let answers = await withTaskGroup(of: String?.self) { group in
            for index in 0..<count {
                group.addTask {
                    // Mixed names make a mix-up between queries visible.
                    let name = index.isMultiple(of: 2) ? "www.example.test" : "ns.example.test"
                    let response = try? await transport.exchange(TransportFixtures.Query.make(name), with: address,
                                                                 options: QueryOptions(timeout: .seconds(2)))
                    guard let response else { return nil }
                    return "\(index % 2) \(TransportFixtures.Query.firstA(response.bytes) ?? "none")"
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(answers.count == count)
        #expect(answers.filter { $0 == "0 192.0.2.80" }.count == count / 2)
        #expect(answers.filter { $0 == "1 127.60.0.53" }.count == count / 2)
        #expect(transport.statistics.ignoredAnswers == 0)
    }

    @Test func keepsAnsweringAcrossSocketRotation() async throws {
        let nsd = try await TransportFixtures.NSD.start(host: "127.60.3.2")
        defer { nsd.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        // Well past UDPServerPool.usesPerSocket, so several sockets are
        // retired while queries are still in flight on them.
        let workers = 32
        let perWorker = 40
        let address = nsd.address
        let answered = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var answered = 0
                    for _ in 0..<perWorker {
                        if let response = try? await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: address),
                           TransportFixtures.Query.firstA(response.bytes) == "192.0.2.80" {
                            answered += 1
                        }
                    }
                    return answered
                }
            }
            return await group.reduce(0, +)
        }
        #expect(answered == workers * perWorker)
        #expect(transport.statistics.sent == workers * perWorker)
        #expect(transport.statistics.ignoredAnswers == 0)
    }

    @Test func cancellingManyQueriesLeavesTheTransportUsable() async throws {
        let nsd = try await TransportFixtures.NSD.start(host: "127.60.3.3")
        defer { nsd.stop() }
        let silent = try TransportFixtures.Loopback.udp(host: "127.60.2.9")
        defer { silent.close() }
        let transport = DNSTransport()
        defer { transport.shutdown() }

        let servers = [nsd.address, silent.address]
        let tasks = (0..<200).map { index in
            Task { () throws(TransportError) -> RawResponse in
                try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: servers[index % 2],
                                             options: QueryOptions(timeout: .seconds(5)))
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        for task in tasks { task.cancel() }
        var cancelled = 0
        var answered = 0
        for task in tasks {
            switch await task.result {
            case .success: answered += 1
            case .failure(let error): if (error as? TransportError)?.code == .cancelled { cancelled += 1 }
            }
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(cancelled + answered == 200)
        #expect(cancelled >= 100)

        let after = try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: nsd.address)
        #expect(TransportFixtures.Query.firstA(after.bytes) == "192.0.2.80")
    }

    @Test func cancellationEndsTheWaitAtOnce() async throws {
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let silent = try TransportFixtures.Loopback.udp(host: "127.60.2.6")
        defer { silent.close() }

        let started = ContinuousClock.now
        let task = Task {
            try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: silent.address,
                                         options: QueryOptions(timeout: .seconds(10)))
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(throws: TransportError.self) { try result.get() }
        if case .failure(let error as TransportError) = result {
            #expect(error.code == .cancelled)
        }

        // Already cancelled before the call: never sent at all.
        let sentBefore = transport.statistics.sent
        let precancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: silent.address)
        }
        let early = await precancelled.result
        if case .failure(let error as TransportError) = early {
            #expect(error.code == .cancelled)
        } else {
            Issue.record("expected cancellation, got \(early)")
        }
        #expect(transport.statistics.sent == sentBefore)
    }

    @Test func shutdownFailsPendingAndLaterQueries() async throws {
        let transport = DNSTransport()
        let silent = try TransportFixtures.Loopback.udp(host: "127.60.2.7")
        defer { silent.close() }
        let query = TransportFixtures.Query.make("www.example.test")

        async let pending = expectFailure(transport, query, silent.address, QueryOptions(timeout: .seconds(10)))
        try await Task.sleep(for: .milliseconds(100))
        transport.shutdown()
        #expect(await pending?.code == .cancelled)
        let later = await expectFailure(transport, query, silent.address, Self.quick)
        #expect(later?.code == .cancelled)
        transport.shutdown()
    }

    @Test func rejectsQueriesItCannotMatchOrCarry() async throws {
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let silent = try TransportFixtures.Loopback.udp(host: "127.60.2.8")
        defer { silent.close() }

        let short = await expectFailure(transport, [1, 2, 3], silent.address, Self.quick)
        #expect(short?.code == .malformedQuery)
        var twoQuestions = TransportFixtures.Query.make("www.example.test")
        twoQuestions[5] = 2
        #expect(await expectFailure(transport, twoQuestions, silent.address, Self.quick)?.code == .malformedQuery)
        var compressed = TransportFixtures.Query.make("www.example.test")
        compressed[12] = 0xC0
        #expect(await expectFailure(transport, compressed, silent.address, Self.quick)?.code == .malformedQuery)

        let huge = TransportFixtures.Query.make("www.example.test") + [UInt8](repeating: 0, count: 70_000)
        #expect(await expectFailure(transport, huge, silent.address, Self.quick)?.code == .messageTooLarge)
        var tcp = Self.quick
        tcp.transport = .tcp
        #expect(await expectFailure(transport, huge, silent.address, tcp)?.code == .messageTooLarge)
        #expect(transport.statistics.sent == 0)
    }
}
