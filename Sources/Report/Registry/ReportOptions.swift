public import Foundation

/// What the report covers and what counts as a problem beyond the probe's own judgement.
public struct ReportOptions: Sendable {
    public var language: ReportLanguage
    /// The period: probe runs started in `since...until`.
    public var since: Date
    public var until: Date
    /// Only these zones (any spelling: case and the final dot do not matter); nil: every
    /// zone the history knows.
    public var zones: [String]?
    /// A last good snapshot older than this is a WARNING (hourly snapshots, a day's slack).
    public var backupMaxAge: Double
    /// No drill for longer than this is a WARNING (weekly drills, a day's slack).
    public var drillMaxAge: Double
    /// A backup whose signatures expire within this is a WARNING.
    public var expiryWindow: Double
    /// Capacity under this multiple of the normal peak is a WARNING (under 1: CRITICAL).
    public var headroomMinimum: Double

    public init(language: ReportLanguage = .en, since: Date, until: Date, zones: [String]? = nil,
                backupMaxAge: Double = 26 * 3600, drillMaxAge: Double = 8 * 86_400, expiryWindow: Double = 7 * 86_400,
                headroomMinimum: Double = 2) {
        self.language = language
        self.since = since
        self.until = until
        self.zones = zones
        self.backupMaxAge = backupMaxAge
        self.drillMaxAge = drillMaxAge
        self.expiryWindow = expiryWindow
        self.headroomMinimum = headroomMinimum
    }
}
