import DNSCore
import Foundation

/// Serials written as dates (YYYYMMDDnn, RFC 1912 §2.2) say roughly when a version was
/// made: evidence of how long a lagging server may have been behind, when history cannot
/// say.
enum SerialAge {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Seconds from the serial's date (midnight UTC) to `now`; nil unless the serial reads
    /// as a real date between 1985 and `now`.
    static func seconds(_ serial: SOASerial, now: Date) -> Double? {
        let value = serial.rawValue
        let year = Int(value / 1_000_000)
        let month = Int(value / 10_000 % 100)
        let day = Int(value / 100 % 100)
        guard (1985...2200).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var parts = DateComponents()
        (parts.year, parts.month, parts.day) = (year, month, day)
        guard let date = calendar.date(from: parts),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month else { return nil }
        let age = now.timeIntervalSince(date)
        return age >= 0 ? age : nil
    }
}
