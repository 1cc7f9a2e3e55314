import Foundation

/// `7d`, `12h`, `30m`, `2w` (a length of time back from now) or an ISO 8601 date or
/// time (`2026-08-01`, `2026-08-01T00:00:00Z`): the command line's way of naming a moment.
enum TimeArgument {
    static func seconds(_ text: String, option: String) throws -> Double {
        guard let unit = text.last, let multiplier = ["s": 1.0, "m": 60, "h": 3600, "d": 86_400, "w": 604_800][String(unit)],
              let value = Double(text.dropLast()), value.isFinite, value > 0, value * multiplier <= 3650 * 86_400 else {
            throw SetupError("\(option) \(text): not a length of time (use e.g. 30m, 12h, 7d or 2w, at most 10 years)")
        }
        return value * multiplier
    }

    /// A moment: `now` minus a length, or a date.
    static func moment(_ text: String, option: String, now: Date) throws -> Date {
        if let date = date(text) { return date }
        do {
            return now.addingTimeInterval(-(try seconds(text, option: option)))
        } catch {
            throw SetupError("\(option) \(text): neither a length of time (30m, 12h, 7d, 2w) nor a date (2026-08-01, 2026-08-01T00:00:00Z)")
        }
    }

    static func date(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
