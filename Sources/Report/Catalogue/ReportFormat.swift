public import Foundation

/// Numbers, times and durations as the report prints them: the same in both languages
/// except for the unit words, and independent of the machine's locale and time zone.
public enum ReportFormat {
    /// `2026-08-22 10:00 UTC`
    public static func time(_ date: Date) -> String {
        minuteFormatter.string(from: date) + " UTC"
    }

    /// `2026-08-22`
    public static func day(_ date: Date) -> String {
        dayFormatter.string(from: date)
    }

    /// `45 min`, `3.0 h`, `2.5 days` (`45 分钟`, `3.0 小时`, `2.5 天`).
    public static func duration(_ seconds: Double, _ language: ReportLanguage) -> String {
        let seconds = max(0, seconds)
        if seconds < 3600 {
            let minutes = Int((seconds / 60).rounded())
            return language == .en ? "\(minutes) min" : "\(minutes) 分钟"
        }
        if seconds < 2 * 86_400 {
            let hours = String(format: "%.1f", seconds / 3600)
            return language == .en ? "\(hours) h" : "\(hours) 小时"
        }
        let days = String(format: "%.1f", seconds / 86_400)
        return language == .en ? "\(days) days" : "\(days) 天"
    }

    /// Fixed decimals, `-` for nil.
    public static func number(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

    /// `12,500` for rates.
    public static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        let whole = Int(value.rounded())
        var digits = String(abs(whole))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(digits, at: 0)
        return (whole < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    public static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.1f%%", value)
    }


    private static let minuteFormatter = formatter("yyyy-MM-dd HH:mm")
    private static let dayFormatter = formatter("yyyy-MM-dd")

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}
