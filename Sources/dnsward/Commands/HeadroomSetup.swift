import DNSCore
import Foundation
import Headroom
import ServerControl
import Model

/// Command line plus configuration, turned into a checked headroom run.
struct HeadroomSetup {
    let run: HeadroomRun
    /// The configuration's `history:`.
    let historyPath: String?

    init(command: HeadroomCommand) async throws {
        var config = DNSWardConfig()
        if let path = command.global.config { config = try DNSWardConfig.load(from: path) }
        historyPath = config.history
        let settings = config.headroom
        let policy = try LoadPolicy(allow: settings.allow)
        let limits = HeadroomLimits(rateCap: settings.maxQps)

        var target = try ServerAddress(parsing: "127.0.0.1")
        if let text = command.server {
            do { target = try ServerAddress(parsing: text) } catch {
                throw SetupError("--server \(text): \(error)")
            }
        }
        // Refused before anything is read from or sent to it.
        if !command.calibrate { try policy.check(target) }

        let questions: [Question]
        let origin: String
        let kind: String
        if let path = command.queries {
            questions = try QueryFile.questions(path: path)
            origin = "file \(path)"
            kind = "file"
        } else if let text = command.zone {
            let zone: DomainName
            do { zone = try DomainName(text) } catch { throw SetupError("--zone \(text): not a domain name") }
            let loaded = try await ZoneQuestions.load(zone: zone, store: SnapshotStore(root: command.zonesDir), server: target)
            questions = loaded.questions
            origin = loaded.origin
            kind = loaded.origin.hasPrefix("snapshot") ? "zone-snapshot" : "zone-axfr"
        } else if command.calibrate {
            questions = [Question(name: "calibrate.dnsward.invalid.", type: .a)]
            origin = "built-in calibration query"
            kind = "built-in"
        } else {
            throw SetupError("give --queries FILE or --zone Z: the questions to load the server with")
        }
        let querySet = try QuerySet(questions: questions, origin: origin, recursionDesired: !command.noRecurse)

        var request = HeadroomRequest(target: target, queries: querySet, queryKind: kind)
        request.mode = command.calibrate ? .calibrate : (command.mode == .ramp ? .ramp : .steps)
        request.transport = command.tcp ? .tcp : .udp
        request.maxQps = command.maxQps ?? settings.maxQps
        request.startQps = command.startQps
        request.duration = command.duration ?? settings.duration
        request.stepSeconds = command.stepSeconds ?? min(settings.stepSeconds, request.duration)
        let loss = command.lossThreshold.flatMap(Self.percent) ?? settings.lossThreshold
        request.thresholds = StepThresholds(lossPercent: loss, p99Milliseconds: command.p99Threshold ?? settings.p99ThresholdMilliseconds)
        request.answerTimeout = command.answerTimeout / 1000
        request.sockets = command.sockets ?? settings.sockets
        request.tcpConnections = command.sockets ?? 4
        request.gso = command.gso
        request.linkMbps = command.linkMbps ?? settings.linkMbps
        try limits.check(maxQps: request.maxQps, duration: request.duration, stepSeconds: request.stepSeconds)

        if let qps = command.baselineQps {
            request.baseline = HeadroomResult.Baseline(qps: qps, source: "flag")
        } else if let source = command.baselineFrom {
            let counter = try Self.counter(source, command: command, target: target)
            let rate = try await CounterRate.measure(counter, over: .milliseconds(Int64(command.baselineInterval * 1000)))
            request.baseline = HeadroomResult.Baseline(qps: rate.queriesPerSecond, source: source.rawValue, counter: counter.label,
                                                       intervalSeconds: rate.seconds)
            request.counter = counter
        }
        run = HeadroomRun(request: request, limits: limits, policy: policy)
    }

    static func counter(_ source: BaselineSource, command: HeadroomCommand, target: ServerAddress) throws -> any QueryCounter {
        func config(_ fallback: String) -> String { command.controlConfig ?? fallback }
        switch source {
        case .unbound: return try UnboundQueryCounter(configPath: config("/etc/unbound/unbound.conf"))
        case .nsd: return try NSDQueryCounter(configPath: config("/etc/nsd/nsd.conf"))
        case .knot: return try KnotQueryCounter(configPath: command.controlConfig)
        case .bind:
            let text = command.statistics ?? "127.0.0.1@8053"
            do { return BINDStatisticsChannel(address: try ServerAddress(parsing: text, defaultPort: 8053)) } catch {
                throw SetupError("--statistics \(text): \(error)")
            }
        }
    }

    /// `1%`, `1` or `0.5 %` as percent.
    static func percent(_ text: String) -> Double? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") { trimmed = String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard let value = Double(trimmed), value >= 0, value <= 100 else { return nil }
        return value
    }
}

/// The live progress line on a terminal's standard error; absent under cron.
final class HeadroomProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    static func forStandardError() -> HeadroomProgressLine? {
        isatty(2) == 1 ? HeadroomProgressLine() : nil
    }

    func show(_ progress: HeadroomProgress) {
        let now = Date()
        let draw: Bool = lock.withLock {
            guard now.timeIntervalSince(lastDraw) >= 0.2 else { return false }
            lastDraw = now
            return true
        }
        guard draw else { return }
        let rate = Int(progress.offeredQps.rounded()).formatted(.number.grouping(.automatic))
        let line = String(format: "\r\u{1B}[K%@ %d at %@ q/s: %.1f/%.1f s, sent %@, answered %@",
                          progress.kind, progress.step, rate, progress.secondsIntoStep, progress.stepSeconds,
                          progress.sent.formatted(.number.grouping(.automatic)),
                          progress.answered.formatted(.number.grouping(.automatic)))
        FileHandleOutput.raw(line)
    }

    func finish() {
        FileHandleOutput.raw("\r\u{1B}[K")
    }
}
