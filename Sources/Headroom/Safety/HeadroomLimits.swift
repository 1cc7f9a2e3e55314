/// The hard caps no command line can pass: load against a real server is a decision a
/// person makes in the configuration, never by accident.
public struct HeadroomLimits: Sendable, Equatable {
    public static let defaultRateCap = 50_000.0
    public static let defaultDuration = 60.0
    public static let maximumDuration = 600.0

    /// Highest offered rate, in queries per second.
    public var rateCap: Double

    public init(rateCap: Double = HeadroomLimits.defaultRateCap) {
        self.rateCap = rateCap
    }

    /// Throws unless the request stays under the caps.
    public func check(maxQps: Double, duration: Double, stepSeconds: Double) throws {
        guard maxQps > 0, maxQps.isFinite else { throw HeadroomError(.input, "--max-qps must be positive") }
        guard maxQps <= rateCap else {
            throw HeadroomError(.input, "--max-qps \(Int(maxQps)) is above the rate cap of \(Int(rateCap)) q/s (raise headroom.max_qps in the configuration)")
        }
        guard duration > 0, duration <= Self.maximumDuration else {
            throw HeadroomError(.input, "--duration must be between 0 and \(Int(Self.maximumDuration)) seconds")
        }
        guard stepSeconds > 0, stepSeconds <= duration else {
            throw HeadroomError(.input, "--step-seconds must be positive and at most --duration")
        }
    }
}
