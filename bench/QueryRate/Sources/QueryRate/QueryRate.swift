import DNSCore
import Foundation
import Synchronization

/// Keeps N queries in flight against one server for a bounded time and count, and
/// prints the rate. `transport` mode sends pre-encoded bytes (what a load generator
/// does, like dnsperf); `client` mode encodes and decodes every message with ldns.
/// `--executor reactor` runs the loops on the transport's reactor thread
/// (`DNSTransport.executor`) instead of Swift's global pool.
@main
struct QueryRate {
    static func main() async throws {
        var arguments = ArraySlice(CommandLine.arguments.dropFirst())
        var server = "127.53.2.1"
        var name = "www.healthy.test."
        var inFlight = 64
        var seconds = 5.0
        var maxQueries = 3_000_000
        var mode = "transport"
        var executorName = "pool"
        while let flag = arguments.popFirst() {
            guard let value = arguments.popFirst() else { fatalError("missing value for \(flag)") }
            switch flag {
            case "--server": server = value
            case "--name": name = value
            case "--in-flight": inFlight = Int(value)!
            case "--seconds": seconds = Double(value)!
            case "--max-queries": maxQueries = Int(value)!
            case "--mode": mode = value
            case "--executor": executorName = value
            default: fatalError("unknown flag \(flag)")
            }
        }
        let address = try ServerAddress(parsing: server)
        // Only loopback is ever a target of a benchmark.
        precondition(address.isLoopback, "benchmarks target 127.0.0.0/8 or ::1 only")
        let client = DNSClient(options: QueryOptions(timeout: .seconds(1), udpRetries: 0))
        let query = Message.query(try DomainName(name), .a)
        let wire = try query.wire()

        let counters = Counters()
        let (limit, clientMode) = (maxQueries, mode == "client")
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(seconds * 1000))
        let start = clock.now
        precondition(["pool", "reactor"].contains(executorName), "--executor is pool or reactor")
        let executor: (any TaskExecutor)? = executorName == "reactor" ? client.transport.executor : nil
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<inFlight {
                group.addTask(executorPreference: executor) {
                    while clock.now < deadline, counters.issued.add(1, ordering: .relaxed).newValue <= limit {
                        do {
                            if clientMode {
                                let response = try await client.send(query, to: address)
                                guard response.message.rcode == .noError else { throw CancellationError() }
                            } else {
                                _ = try await client.transport.exchange(wire, with: address, options: client.options)
                            }
                            counters.answered.add(1, ordering: .relaxed)
                        } catch {
                            counters.failed.add(1, ordering: .relaxed)
                        }
                    }
                }
            }
        }
        let elapsed = clock.now - start
        let (whole, fraction) = elapsed.components
        let elapsedSeconds = Double(whole) + Double(fraction) / 1e18
        let done = counters.answered.load(ordering: .relaxed)
        print(String(format: "dnsward-%@-%@ answered=%d failed=%d seconds=%.2f qps=%.0f",
                     mode, executorName, done, counters.failed.load(ordering: .relaxed), elapsedSeconds, Double(done) / elapsedSeconds))
    }
}

final class Counters: Sendable {
    let issued = Atomic<Int>(0)
    let answered = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
}
