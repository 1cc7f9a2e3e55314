public import Foundation

/// Everything a headroom run found, as a value: what the CLI prints (text, JSON,
/// Prometheus) and what the history store keeps so the report can show it. The JSON form
/// is documented in HeadroomJSONSchema.md; `schema` changes whenever a key's meaning does.
public struct HeadroomResult: Codable, Sendable, Equatable {
    public static let schemaVersion = 1

    public var schema = HeadroomResult.schemaVersion
    public var server: String
    /// `udp` or `tcp`.
    public var transport: String
    /// `steps`, `ramp` or `calibrate`.
    public var mode: String
    public var started: Date
    public var finished: Date
    public var queries: QuerySource
    public var settings: Settings
    public var steps: [StepResult]
    /// The highest rate held with loss and latency within the thresholds and no generator
    /// limit; nil when not even the first step passed.
    public var capacityQps: Double?
    /// The lowest rate that failed on the server's side: the true capacity lies between
    /// `capacityQps` and this.
    public var capacityCeilingQps: Double?
    /// True when the server was never pushed past its limit: the generator, the rate cap,
    /// the duration or an interrupt ended the search first, so the capacity is at least this.
    public var capacityIsLowerBound: Bool
    /// What ended the search: `server`, `generator`, `rate-cap`, `duration`, `interrupted`,
    /// `no-answer`.
    public var limitedBy: String
    /// True when a step's rate could not be held by this host.
    public var generatorBound: Bool
    /// The lowest offered rate at which the generator could not keep up, if any.
    public var generatorBoundAboveQps: Double?
    public var baseline: Baseline?
    /// capacity / baseline peak.
    public var headroom: Double?
    public var bandwidth: Bandwidth?
    public var interrupted: Bool
    /// One line for people: the number to plan with and what limits it.
    public var verdict: String

    public struct QuerySource: Codable, Sendable, Equatable {
        /// `file`, `zone-snapshot` or `zone-axfr`.
        public var kind: String
        public var origin: String
        public var count: Int
        public var meanQueryBytes: Double

        public init(kind: String, origin: String, count: Int, meanQueryBytes: Double) {
            self.kind = kind
            self.origin = origin
            self.count = count
            self.meanQueryBytes = meanQueryBytes
        }
    }

    public struct Settings: Codable, Sendable, Equatable {
        public var maxQps: Double
        public var durationSeconds: Double
        public var stepSeconds: Double
        public var lossThresholdPercent: Double
        public var p99ThresholdMilliseconds: Double
        public var answerTimeoutMilliseconds: Double
        public var sockets: Int
        /// GSO asked for and accepted by the kernel (UDP only).
        public var gso: Bool
    }

    public struct Baseline: Codable, Sendable, Equatable {
        public var qps: Double
        /// `flag`, `unbound`, `nsd`, `bind` or `knot`.
        public var source: String
        /// How the counter was read (`unbound-control -c ...`), for counters.
        public var counter: String?
        public var intervalSeconds: Double?

        public init(qps: Double, source: String, counter: String? = nil, intervalSeconds: Double? = nil) {
            self.qps = qps
            self.source = source
            self.counter = counter
            self.intervalSeconds = intervalSeconds
        }
    }
}

/// One held rate (a step, a bisection step, or one bucket of a ramp) and its verdict.
public struct StepResult: Codable, Sendable, Equatable {
    public var index: Int
    /// `step`, `bisect` or `ramp`.
    public var kind: String
    public var offeredQps: Double
    public var seconds: Double
    public var scheduled: Int
    public var sent: Int
    public var answered: Int
    /// Sent but unanswered within the answer timeout, late answers included.
    public var lost: Int
    public var late: Int
    public var lossPercent: Double
    /// The rate answers came back at.
    public var answeredQps: Double
    public var rcodes: [String: Int]
    public var servfailPercent: Double
    public var truncated: Int
    public var latencyMilliseconds: Percentiles?
    public var sendLagMilliseconds: Percentiles?
    public var lagGrowing: Bool
    public var queryBytesPerSecond: Double
    public var answerBytesPerSecond: Double
    public var meanQueryBytes: Double
    public var meanAnswerBytes: Double
    public var kernel: KernelDrops
    /// Queries the server's own counter saw during the step, when a counter was given.
    public var serverReceived: UInt64?
    public var generatorBound: Bool
    public var passed: Bool
    /// Why the step failed or could not be judged, each a short code.
    public var reasons: [String]
    /// False for a step cut short by an interrupt.
    public var complete: Bool

    public struct Percentiles: Codable, Sendable, Equatable {
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var p999: Double
        public var max: Double
        public var mean: Double
    }

    /// UDP drops the kernel of this host counted during the step, so loss can be pinned
    /// on the generator's host, on the rest of this host (a server on loopback), or on the
    /// server or network beyond.
    public struct KernelDrops: Codable, Sendable, Equatable {
        /// Answers dropped at the generator's own sockets: it read too slowly.
        public var generatorSocketDrops: Int
        /// `/proc/net/snmp` Udp RcvbufErrors, whole host (network namespace).
        public var hostRcvbufErrors: Int
        /// `/proc/net/snmp` Udp InErrors, whole host.
        public var hostInErrors: Int
        /// Where the lost queries went: `none`, `generator-host`, `this-host`,
        /// `server-or-network`.
        public var lossAttribution: String
    }
}

/// The traffic at capacity, both ways, and which gives out first: the server or the link.
public struct Bandwidth: Codable, Sendable, Equatable {
    /// The rate the figures are for (the capacity, or the best held rate).
    public var atQps: Double
    public var lowerBound: Bool
    /// Mean sizes on the wire: DNS message + IP and UDP headers.
    public var queryWireBytes: Double
    public var answerWireBytes: Double
    /// Towards the server (queries) and back (answers), in Mbit/s.
    public var inboundMbps: Double
    public var outboundMbps: Double
    /// Answer bytes per query byte.
    public var amplification: Double
    public var linkMbps: Double?
    /// Queries per second at which the busier direction fills the link.
    public var linkLimitQps: Double?
    /// `server` or `link`, when a link speed was given.
    public var firstLimit: String?
    public var firstLimitQps: Double?
}
