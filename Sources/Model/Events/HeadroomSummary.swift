public import Foundation

/// The figures of one `dnsward headroom` run that the history keeps and the report shows;
/// the whole result travels beside them as JSON (`detail`).
public struct HeadroomSummary: Codable, Sendable, Hashable {
    public var started: Date
    public var finished: Date
    /// `ADDR[@PORT]` of the server measured.
    public var server: String
    /// `udp` or `tcp`.
    public var transport: String
    /// `steps`, `ramp` or `calibrate`.
    public var mode: String
    /// The highest rate held within the loss and latency limits; nil when none was.
    public var capacityQps: Double?
    /// True when this host's generator, not the server, set the limit: `capacityQps` is
    /// then a lower bound.
    public var generatorBound: Bool
    public var peakAnsweredQps: Double
    public var baselineQps: Double?
    /// capacity / baseline.
    public var headroom: Double?
    /// At capacity, IP and UDP headers included: out is the answers, in the queries.
    public var bandwidthOutMbps: Double?
    public var bandwidthInMbps: Double?
    public var amplification: Double?
    public var linkMbps: Double?
    /// What gives out first: `server`, `link` or `generator`.
    public var limitedBy: String?
    public var verdict: String
    /// The full result, as the command's JSON output.
    public var detail: String?

    public init(started: Date, finished: Date, server: String, transport: String, mode: String, capacityQps: Double?,
                generatorBound: Bool, peakAnsweredQps: Double, baselineQps: Double? = nil, headroom: Double? = nil,
                bandwidthOutMbps: Double? = nil, bandwidthInMbps: Double? = nil, amplification: Double? = nil,
                linkMbps: Double? = nil, limitedBy: String? = nil, verdict: String, detail: String? = nil) {
        self.started = started
        self.finished = finished
        self.server = server
        self.transport = transport
        self.mode = mode
        self.capacityQps = capacityQps
        self.generatorBound = generatorBound
        self.peakAnsweredQps = peakAnsweredQps
        self.baselineQps = baselineQps
        self.headroom = headroom
        self.bandwidthOutMbps = bandwidthOutMbps
        self.bandwidthInMbps = bandwidthInMbps
        self.amplification = amplification
        self.linkMbps = linkMbps
        self.limitedBy = limitedBy
        self.verdict = verdict
        self.detail = detail
    }
}
