import ArgumentParser
import DNSCore
import Dispatch
import Foundation
import Headroom
import Model
import Platform

/// `dnsward headroom`: how far above its normal peak a server can go, and whether the
/// server or the link gives out first. The measurement policy lives in Headroom; this
/// command parses, wires, prints and sets the exit code.
struct HeadroomCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headroom",
        abstract: "Measure a server's capacity, headroom over its normal peak, and bandwidth (exit 0 measured, 1 lower bound or below the baseline, 2 no capacity, 3 bad input, 130 interrupted).",
        discussion: """
        Open-loop load from pre-encoded queries (a dnsperf-format file, or a zone's names), held in steps \
        and refined by bisection, or as a ramp. Only loopback targets unless the configuration's \
        headroom.allow lists the address. Caps: --max-qps (default and ceiling: headroom.max_qps, 50,000), \
        --duration (at most 600 s). Ctrl-C stops the load at once and prints what was measured.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The server to load, ADDR[@PORT] or [V6]:PORT.")
    var server: String?

    @Option(name: .long, help: "Query file in dnsperf format: 'name TYPE' per line.")
    var queries: String?

    @Option(name: .long, help: "Ask for the names of this zone: its latest snapshot in --zones-dir, else an AXFR from --server.")
    var zone: String?

    @Option(name: .long, help: "Directory of the snapshots (for --zone).")
    var zonesDir = "zones"

    @Option(name: .long, help: "steps (hold each rate, then bisect the knee) or ramp (a linear ramp judged in short buckets).")
    var mode: HeadroomMode = .steps

    @Flag(name: .long, help: "Measure this host's own generator ceiling against a built-in null responder.")
    var calibrate = false

    @Option(name: .long, help: "Highest rate to offer, q/s (at most headroom.max_qps of the configuration, default 50,000).")
    var maxQps: Double?

    @Option(name: .long, help: "First step's rate, q/s (default max-qps/32).")
    var startQps: Double?

    @Option(name: .long, help: "Seconds of load in all (at most 600; default 60).")
    var duration: Double?

    @Option(name: .long, help: "Seconds each rate is held (steps mode; default 5).")
    var stepSeconds: Double?

    @Option(name: .long, help: "Loss a passing step may have, e.g. 1% (default).")
    var lossThreshold: String?

    @Option(name: .long, help: "p99 latency a passing step may have, in milliseconds (default 100).")
    var p99Threshold: Double?

    @Option(name: .long, help: "An answer later than this many milliseconds counts as lost (default 1000).")
    var answerTimeout: Double = 1000

    @Option(name: .long, help: "The server's normal peak, q/s: headroom = capacity / this.")
    var baselineQps: Double?

    @Option(name: .long, help: "Read the baseline from the server's counters: unbound, nsd, bind or knot.")
    var baselineFrom: BaselineSource?

    @Option(name: .long, help: "unbound-control / nsd-control / knotc configuration file (with --baseline-from).")
    var controlConfig: String?

    @Option(name: .long, help: "BIND statistics channel, ADDR@PORT (with --baseline-from bind; default 127.0.0.1@8053).")
    var statistics: String?

    @Option(name: .long, help: "Seconds between the two counter readings of the baseline (default 10).")
    var baselineInterval: Double = 10

    @Option(name: .long, help: "Link speed in Mbit/s: says whether the link or the server gives out first.")
    var linkMbps: Double?

    @Flag(name: .long, help: "Persistent pipelined TCP connections instead of UDP.")
    var tcp = false

    @Option(name: .long, help: "UDP sockets (source ports) to spread the load over, or TCP connections (default 8 / 4).")
    var sockets: Int?

    @Flag(name: .long, help: "Send with UDP GSO where the kernel has it (falls back by itself).")
    var gso = false

    @Flag(name: .long, help: "Queries without RD (default: RD set, as dnsperf sends).")
    var noRecurse = false

    @Option(name: .long, help: "Write Prometheus metrics (textfile collector format) to this file, atomically.")
    var prometheus: String?

    @OptionGroup var historyOptions: HistoryOptions

    func validate() throws {
        if !calibrate && server == nil { throw ValidationError("--server is required (or --calibrate)") }
        if queries != nil && zone != nil { throw ValidationError("give --queries or --zone, not both") }
        if baselineQps != nil && baselineFrom != nil { throw ValidationError("give --baseline-qps or --baseline-from, not both") }
        do {
            _ = try baselineQps.map { try NumberLimits.headroomRate.check($0, option: "--baseline-qps") }
            _ = try p99Threshold.map { try NumberLimits.p99Milliseconds.check($0, option: "--p99-threshold") }
            _ = try linkMbps.map { try NumberLimits.linkMbps.check($0, option: "--link-mbps") }
            _ = try sockets.map { try NumberLimits.sockets.check($0, option: "--sockets") }
            _ = try NumberLimits.answerTimeoutMilliseconds.check(answerTimeout, option: "--answer-timeout")
            _ = try NumberLimits.baselineInterval.check(baselineInterval, option: "--baseline-interval")
        } catch {
            throw ValidationError("\(error)")
        }
        if let lossThreshold, HeadroomSetup.percent(lossThreshold) == nil {
            throw ValidationError("--loss-threshold: '\(lossThreshold)' is not a percentage between 0 and 100 (e.g. 1%)")
        }
    }

    func run() async throws {
        let setup: HeadroomSetup
        do {
            setup = try await HeadroomSetup(command: self)
        } catch {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        }
        let stop = StopSignal()
        // Ctrl-C stops the load at once; the run still returns what it measured.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { stop.stop() }
        interrupt.resume()
        defer { interrupt.cancel() }

        let line = HeadroomProgressLine.forStandardError()
        let result: HeadroomResult
        do {
            var report: (@Sendable (HeadroomProgress) -> Void)?
            if let line { report = { line.show($0) } }
            result = try await setup.run.run(stop: stop, progress: report)
        } catch {
            line?.finish()
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        }
        line?.finish()

        var exit = Self.exitCode(result)
        if let path = prometheus {
            do {
                try DurableFile.write(Array(HeadroomPrometheus.render(result).utf8), to: path)
            } catch {
                FileHandleOutput.error("dnsward: cannot write metrics to \(path): \(error)")
                exit = max(exit, 3)
            }
        }
        HistoryWriter(historyOptions, configured: setup.historyPath).record(HeadroomSummary(result))
        switch global.format {
        case .text: print(HeadroomText.render(result))
        case .json: print(String(decoding: try HeadroomJSON.encode(result), as: UTF8.self))
        }
        throw ExitCode(exit)
    }

    static func exitCode(_ result: HeadroomResult) -> Int32 {
        if result.interrupted { return 130 }
        // A calibration measures the generator itself: being its limit is the answer.
        if result.mode == "calibrate" { return result.capacityQps == nil ? 2 : 0 }
        if result.capacityQps == nil { return result.limitedBy == "generator" ? 1 : 2 }
        if result.limitedBy == "generator" { return 1 }
        if let headroom = result.headroom, headroom < 1 { return 1 }
        return 0
    }
}

enum HeadroomMode: String, ExpressibleByArgument, CaseIterable {
    case steps, ramp
}

enum BaselineSource: String, ExpressibleByArgument, CaseIterable {
    case unbound, nsd, bind, knot
}
