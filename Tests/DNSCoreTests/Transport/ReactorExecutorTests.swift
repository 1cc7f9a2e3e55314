import Foundation
import Testing
@testable import DNSCore

/// `DNSTransport.executor`: tasks that prefer it run on the reactor thread and
/// still get answers, timeouts, cancellation and shutdown exactly as on the pool.
/// Real servers on loopback (127.60.6.0/24).
@Suite("DNSTransport executor", .serialized, .timeLimit(.minutes(1)))
struct ReactorExecutorTests {
    static let reactorThread = "dnsward-reactor"

    /// Thread.current is off limits in async code; a synchronous call reads it
    /// for whichever thread the task is on at that moment.
    static func threadName() -> String? {
        Thread.current.name
    }

    @Test func tasksPreferringItRunOnTheReactorThreadAndGetTheirAnswers() async throws {
        let nsd = try await TransportFixtures.NSD.start(host: "127.60.6.1")
        defer { nsd.stop() }
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let address = nsd.address

        // Mixed names, many in flight: answers must still reach the right query.
        let results = await withTaskGroup(of: (answered: Int, onReactor: Int).self) { group in
            for worker in 0..<16 {
                group.addTask(executorPreference: transport.executor) {
                    var answered = 0
                    var onReactor = 0
                    for round in 0..<25 {
                        let even = (worker + round).isMultiple(of: 2)
                        let response = try? await transport.exchange(
                            TransportFixtures.Query.make(even ? "www.example.test" : "ns.example.test"), with: address,
                            options: QueryOptions(timeout: .seconds(2)))
                        if let response, TransportFixtures.Query.firstA(response.bytes) == (even ? "192.0.2.80" : "127.60.0.53") {
                            answered += 1
                        }
                        if Self.threadName() == Self.reactorThread { onReactor += 1 }
                    }
                    return (answered, onReactor)
                }
            }
            return await group.reduce(into: [(answered: Int, onReactor: Int)]()) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0.answered == 25 && $0.onReactor == 25 }, "\(results)")
        #expect(transport.statistics.sent == 16 * 25)

        // Without the preference the same call resumes on the global pool, as before.
        _ = try await transport.exchange(TransportFixtures.Query.make("www.example.test"), with: address)
        #expect(Self.threadName() != Self.reactorThread)
    }

    @Test func timeoutsAndCancellationEndQueriesOfTasksOnIt() async throws {
        let silent = try TransportFixtures.Loopback.udp(host: "127.60.6.2")
        defer { silent.close() }
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let query = TransportFixtures.Query.make("www.example.test")
        let address = silent.address

        let timedOut = await withTaskExecutorPreference(transport.executor) { () async -> (TransportError?, Duration, String?) in
            let started = ContinuousClock.now
            do throws(TransportError) {
                _ = try await transport.exchange(query, with: address, options: QueryOptions(timeout: .milliseconds(200), udpRetries: 1))
                return (nil, .zero, Self.threadName())
            } catch {
                return (error, ContinuousClock.now - started, Self.threadName())
            }
        }
        #expect(timedOut.0?.code == .timeout)
        #expect(timedOut.0?.attempts == 2)
        #expect(timedOut.1 >= .milliseconds(390) && timedOut.1 < .seconds(5))
        #expect(timedOut.2 == Self.reactorThread)

        let waiting = Task(executorPreference: transport.executor) { () async -> (TransportError.Code?, String?) in
            do throws(TransportError) {
                _ = try await transport.exchange(query, with: address, options: QueryOptions(timeout: .seconds(10)))
                return (nil, Self.threadName())
            } catch {
                return (error.code, Self.threadName())
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let cancelledAt = ContinuousClock.now
        waiting.cancel()
        let cancelled = await waiting.value
        #expect(ContinuousClock.now - cancelledAt < .seconds(2))
        #expect(cancelled.0 == .cancelled)
        #expect(cancelled.1 == Self.reactorThread)
    }

    @Test func shutdownFailsTheirQueriesAndTheyRunOn() async throws {
        let silent = try TransportFixtures.Loopback.udp(host: "127.60.6.3")
        defer { silent.close() }
        let transport = DNSTransport()
        let query = TransportFixtures.Query.make("www.example.test")
        let address = silent.address

        let waiting = Task(executorPreference: transport.executor) { () async -> [TransportError.Code?] in
            var codes: [TransportError.Code?] = []
            for _ in 0..<2 {
                do throws(TransportError) {
                    _ = try await transport.exchange(query, with: address, options: QueryOptions(timeout: .seconds(10)))
                    codes.append(nil)
                } catch {
                    codes.append(error.code)
                }
            }
            // The reactor thread is gone: the task must still be scheduled to get here.
            try? await Task.sleep(for: .milliseconds(10))
            return codes
        }
        try await Task.sleep(for: .milliseconds(100))
        let stoppedAt = ContinuousClock.now
        transport.shutdown()
        #expect(await waiting.value == [.cancelled, .cancelled])
        #expect(ContinuousClock.now - stoppedAt < .seconds(2))

        // A task already on it can still start one.
        let late = await withTaskExecutorPreference(transport.executor) { () async -> TransportError.Code? in
            do throws(TransportError) {
                _ = try await transport.exchange(query, with: address, options: QueryOptions(timeout: .seconds(10)))
                return nil
            } catch {
                return error.code
            }
        }
        #expect(late == .cancelled)
    }

    /// Shutting down from the reactor thread itself cannot wait for that thread to end.
    @Test func shutdownFromATaskOnItReturns() async throws {
        let nsd = try await TransportFixtures.NSD.start(host: "127.60.6.4")
        defer { nsd.stop() }
        let transport = DNSTransport()
        let address = nsd.address
        let query = TransportFixtures.Query.make("www.example.test")

        let outcomes = await withTaskExecutorPreference(transport.executor) { () async -> [String] in
            var outcomes: [String] = []
            for index in 0..<2 {
                if index == 1 { transport.shutdown() }
                do throws(TransportError) {
                    let response = try await transport.exchange(query, with: address, options: QueryOptions(timeout: .seconds(10)))
                    outcomes.append(TransportFixtures.Query.firstA(response.bytes) ?? "no address")
                } catch {
                    outcomes.append("\(error.code)")
                }
            }
            return outcomes
        }
        #expect(outcomes == ["192.0.2.80", "\(TransportError.Code.cancelled)"])
    }
}
