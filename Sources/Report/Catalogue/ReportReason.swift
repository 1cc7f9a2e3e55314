public import Model

/// Problems the report finds itself in the history, beside the probe's findings: the backup,
/// drill and headroom events have no check of their own. Stable codes, like every reason.
extension Reason {
    /// A zone with snapshot attempts on record but no good copy among them.
    public static let backupNone = Reason("backup-none")
    /// The last good snapshot is older than the report's limit (`--backup-max-age`).
    public static let backupStale = Reason("backup-stale")
    /// The last good snapshot's signatures have expired: it cannot be served.
    public static let backupExpired = Reason("backup-expired")
    /// The last good snapshot's signatures expire within the DNSSEC window.
    public static let backupExpiring = Reason("backup-expiring")
    /// The newest snapshot attempt was refused or failed (the previous good copy stays).
    public static let backupRefused = Reason("backup-refused")
    /// `verify` found the latest snapshot expired or broken.
    public static let backupVerifyFailed = Reason("backup-verify-failed")
    /// The last drill of the zone's backup failed.
    public static let drillFailed = Reason("drill-failed")
    /// No drill of the zone's backup within the report's limit (`--drill-max-age`).
    public static let drillOverdue = Reason("drill-overdue")
    /// A server's capacity is less than the required multiple of its normal peak.
    public static let headroomLow = Reason("headroom-low")
    /// A headroom run measured no capacity at all.
    public static let headroomNone = Reason("headroom-none")
}

public enum ReportReasons {
    /// Every reason the report makes itself: the catalogue test holds each to an English and
    /// a Chinese text and action, like the checks' reasons.
    public static let all: [Reason] = [
        .backupNone, .backupStale, .backupExpired, .backupExpiring, .backupRefused, .backupVerifyFailed,
        .drillFailed, .drillOverdue, .headroomLow, .headroomNone,
    ]
}
