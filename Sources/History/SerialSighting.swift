public import Foundation

/// When a zone's serial was first and last answered by any of its servers (the start time
/// of the runs that saw it).
public struct SerialSighting: Hashable, Sendable {
    public let zone: String
    public let serial: UInt32
    public let firstSeen: Date
    public let lastSeen: Date

    public init(zone: String, serial: UInt32, firstSeen: Date, lastSeen: Date) {
        self.zone = zone
        self.serial = serial
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
