public import Foundation

/// What history knows about the newest serial of a zone: the start of how long a
/// lagging server has been behind it.
public struct SerialHistory: Sendable, Equatable {
    /// When a run first saw this serial.
    public var firstSeen: Date
    /// When a run first saw any serial of the zone. When that is `firstSeen` too, the
    /// serial was already served when history began watching: how long it has existed is
    /// unknown, and the time since `firstSeen` is only a lower bound.
    public var zoneFirstSeen: Date

    public init(firstSeen: Date, zoneFirstSeen: Date) {
        self.firstSeen = firstSeen
        self.zoneFirstSeen = zoneFirstSeen
    }

    /// History saw the zone before this serial: the serial appeared while it watched.
    var sawItAppear: Bool { firstSeen > zoneFirstSeen }
}
