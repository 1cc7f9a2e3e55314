public import DNSCore
public import ServerControl

/// What to measure and how hard to push: everything a run needs, already checked.
public struct HeadroomRequest: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Hold each rate, then bisect the knee.
        case steps
        /// A linear ramp judged in short buckets, like resperf.
        case ramp
        /// Against the built-in null responder: this host's generator ceiling.
        case calibrate
    }

    public enum Transport: String, Sendable {
        case udp, tcp
    }

    public var target: ServerAddress
    public var queries: QuerySet
    /// `file`, `zone-snapshot` or `zone-axfr`.
    public var queryKind: String
    public var mode: Mode = .steps
    public var transport: Transport = .udp
    public var maxQps: Double = HeadroomLimits.defaultRateCap
    /// The whole run's load time; the search stops when the next step would not fit.
    public var duration: Double = HeadroomLimits.defaultDuration
    public var stepSeconds: Double = 5
    /// The first step's rate; default a 32nd of `maxQps` (at least 100 q/s).
    public var startQps: Double?
    public var thresholds = StepThresholds(lossPercent: 1, p99Milliseconds: 100)
    /// An answer later than this counts as lost.
    public var answerTimeout: Double = 1
    public var sockets: Int = 8
    public var gso: Bool = false
    public var tcpConnections: Int = 4
    /// Bisection stops once the knee is bracketed this tightly (upper / lower - 1).
    public var precision: Double = 0.05
    public var baseline: HeadroomResult.Baseline?
    /// Read before and after every step: what the server itself received.
    public var counter: (any QueryCounter)?
    public var linkMbps: Double?

    public init(target: ServerAddress, queries: QuerySet, queryKind: String) {
        self.target = target
        self.queries = queries
        self.queryKind = queryKind
    }

    var firstRate: Double { min(maxQps, startQps ?? max(100, maxQps / 32)) }
}

/// What the progress line shows while a step runs.
public struct HeadroomProgress: Sendable {
    public var step: Int
    public var kind: String
    public var offeredQps: Double
    public var secondsIntoStep: Double
    public var stepSeconds: Double
    public var sent: Int
    public var answered: Int
}
