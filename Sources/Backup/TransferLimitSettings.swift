public import DNSCore
import Foundation
public import Model

/// How a snapshot bounds its transfer. Unset limits follow the last good full copy: ten
/// times its records, its file's bytes and its transfer time, never below a floor (a small
/// zone may grow), never above the absolute caps. Without a full copy to go by, the caps.
public struct TransferLimitSettings: Sendable, Hashable {
    public var maxRecords: Int?
    public var maxBytes: Int?
    public var maxSeconds: Double?

    public static let factor = 10
    public static let floorRecords = 10_000
    public static let floorBytes = 16 << 20
    public static let floorSeconds = 60.0

    public init(maxRecords: Int? = nil, maxBytes: Int? = nil, maxSeconds: Double? = nil) {
        self.maxRecords = maxRecords
        self.maxBytes = maxBytes
        self.maxSeconds = maxSeconds
    }

    /// The limits for the next transfer of `zone`, given the store's last good snapshot.
    public func limits(for zone: DomainName, in store: SnapshotStore) -> TransferLimits {
        guard let previous = try? store.latest(of: zone), previous.method == .axfr else {
            return limits(previousRecords: nil, previousBytes: nil, previousSeconds: nil)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: store.zonePath(previous, zone: zone))[.size] as? Int) ?? nil
        return limits(previousRecords: previous.recordCount, previousBytes: size,
                      previousSeconds: previous.finished.timeIntervalSince(previous.started))
    }

    func limits(previousRecords: Int?, previousBytes: Int?, previousSeconds: Double?) -> TransferLimits {
        let caps = TransferLimits.absolute
        func derived(_ previous: Int?, floor: Int, cap: Int) -> Int {
            guard let previous else { return cap }
            let (scaled, overflow) = previous.multipliedReportingOverflow(by: Self.factor)
            return min(cap, max(floor, overflow ? cap : scaled))
        }
        let records = maxRecords ?? derived(previousRecords, floor: Self.floorRecords, cap: caps.maxRecords)
        let bytes = maxBytes ?? derived(previousBytes, floor: Self.floorBytes, cap: caps.maxBytes)
        let seconds = maxSeconds ?? previousSeconds.map { min(caps.maxDuration.seconds, max(Self.floorSeconds, $0 * Double(Self.factor))) }
            ?? caps.maxDuration.seconds
        var basis: [String] = []
        if maxRecords != nil || maxBytes != nil || maxSeconds != nil { basis.append("set explicitly") }
        if maxRecords == nil || maxBytes == nil || maxSeconds == nil {
            if let previousRecords {
                basis.append(String(format: "%d × the last good copy's %d records, %d bytes, %.1f s, at least %d records, %d bytes, %.0f s",
                                    Self.factor, previousRecords, previousBytes ?? 0, previousSeconds ?? 0,
                                    Self.floorRecords, Self.floorBytes, Self.floorSeconds))
            } else {
                basis.append("no full copy to go by: the absolute caps")
            }
        }
        return TransferLimits(maxRecords: records, maxBytes: bytes, maxDuration: .milliseconds(Int64(seconds * 1000)),
                              basis: basis.joined(separator: "; "))
    }
}
