public import DNSCore
public import Foundation
import Synchronization
public import Model

/// Runs every check of a configuration once, concurrently, within its deadline.
public struct Prober: Sendable {
    public let configuration: ProbeConfiguration
    /// With history: when a zone's serial was first seen (nil: never before, so now), so a
    /// lagging server can be said to lag "for N minutes". Without history (nil) a lag's
    /// duration is unknown.
    public let serialFirstSeen: (@Sendable (String, UInt32) -> Date?)?
    let transport: DNSTransport

    public init(configuration: ProbeConfiguration, transport: DNSTransport = .shared,
                serialFirstSeen: (@Sendable (String, UInt32) -> Date?)? = nil) {
        self.configuration = configuration
        self.transport = transport
        self.serialFirstSeen = serialFirstSeen
    }

    public func run() async -> ProbeRun {
        let started = Date()
        let gate = QueryGate(global: configuration.maxInFlight, perServer: configuration.maxInFlightPerServer)
        let dnsClient = DNSClient(transport: transport, options: configuration.queryOptions)
        let client = ProbeClient(client: dnsClient, gate: gate)
        let walker = DelegationWalker(client: dnsClient, rootHints: configuration.rootHints, port: configuration.port)
        let zoneNames = configuration.zones.map(\.name.description)
        let resolverNames = configuration.resolvers.map(\.name)

        let outcome = await withDeadline(configuration.deadline) { [configuration, serialFirstSeen] collector in
            // A sliding window of zones: ten thousand zones started at once would park
            // hundreds of thousands of queries at the gate, each holding its task's memory.
            let window = max(8, configuration.maxInFlight / 4)
            await withTaskGroup(of: ZoneResult.self) { group in
                var pending = configuration.zones[...]
                func startNext() {
                    guard let target = pending.popFirst() else { return }
                    group.addTask {
                        await ZoneProbe(target: target, configuration: configuration, client: client, walker: walker,
                                        serialFirstSeen: serialFirstSeen, now: started).run()
                    }
                }
                for _ in 0..<window { startNext() }
                for await result in group {
                    await collector.add(result)
                    startNext()
                }
            }
            let results = await collector.zoneResults
            await withTaskGroup(of: [Finding].self) { group in
                for resolver in configuration.resolvers {
                    group.addTask {
                        await ResolverProbe(target: resolver, zones: configuration.zones, results: results,
                                            client: client, now: started).run()
                    }
                }
                for await findings in group { await collector.add(resolverFindings: findings) }
            }
        }

        var findings = outcome.results.values.flatMap(\.findings) + outcome.resolverFindings
        if outcome.timedOut {
            let deadline: FindingParameters = ["deadline": .seconds(configuration.deadline.seconds)]
            for zone in configuration.zones where outcome.results[zone.name] == nil {
                findings.append(Finding(check: .probe, severity: .unknown, reason: .deadlineZone, parameters: deadline,
                                        zone: zone.name.description, time: started))
            }
            if !configuration.resolvers.isEmpty && outcome.resolverFindings.isEmpty {
                findings.append(Finding(check: .probe, severity: .unknown, reason: .deadlineResolvers, parameters: deadline,
                                        time: started))
            }
        }
        var expiry: [String: Date] = [:]
        for (zone, result) in outcome.results { expiry[zone.description] = result.dnssecExpiry }
        return ProbeRun(
            started: started, finished: Date(), zones: zoneNames, resolvers: resolverNames,
            findings: findings.sortedWorstFirst(),
            measurements: outcome.results.values.flatMap(\.measurements), dnssecExpiry: expiry)
    }
}

/// Collects what finished, so a deadline keeps the finished zones' findings.
actor ResultCollector {
    private(set) var zoneResults: [DomainName: ZoneResult] = [:]
    private(set) var resolverFindings: [Finding] = []

    func add(_ result: ZoneResult) { zoneResults[result.zone] = result }
    func add(resolverFindings findings: [Finding]) { resolverFindings += findings }
}

struct DeadlineOutcome {
    let results: [DomainName: ZoneResult]
    let resolverFindings: [Finding]
    let timedOut: Bool
}

/// Runs `body` until it finishes or `deadline` passes, whichever is first. On the
/// deadline the work is cancelled and the run returns at once with what finished: some
/// waits (a zone transfer on its own thread) do not stop for cancellation, and cron must
/// never wait for them.
func withDeadline(_ deadline: Duration, _ body: @escaping @Sendable (ResultCollector) async -> Void) async -> DeadlineOutcome {
    let collector = ResultCollector()
    let work = Task { await body(collector) }
    let finishedInTime = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        let once = ResumeOnce(continuation)
        let timer = Task {
            try? await Task.sleep(for: deadline)
            once.resume(false)
        }
        Task {
            await work.value
            timer.cancel()
            once.resume(true)
        }
    }
    if !finishedInTime { work.cancel() }
    return DeadlineOutcome(results: await collector.zoneResults, resolverFindings: await collector.resolverFindings,
                           timedOut: !finishedInTime)
}

/// Resumes a continuation from whichever racer gets there first.
final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Bool, Never>?>

    init(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Bool) {
        continuation.withLock { pending in
            pending?.resume(returning: value)
            pending = nil
        }
    }
}
