/// How a restored snapshot is put into service.
public enum RestoreMode: String, Sendable, CaseIterable, Codable {
    /// Serve the copy now, instead of asking the zone's authorities.
    case override
    /// Install the copy switched off, ready to be switched on when the authorities fail.
    ///
    /// Unbound 1.17 has no "use this local copy only when the authorities do not answer":
    /// an `auth-zone` with `for-upstream: yes` is used *instead of* the authorities, and
    /// `fallback-enabled` only falls back the other way (from a broken local copy to the
    /// network). So a standby fragment is written beside the active ones, not included, and
    /// the switch is a separate `override` apply — by hand, or by the probe (`FallbackSwitch`)
    /// after N runs with every authority silent, and back after M runs with answers.
    case fallback
}
