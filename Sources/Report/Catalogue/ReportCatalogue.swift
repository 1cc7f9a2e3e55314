import Foundation
public import Model

/// The report's message catalogue, keyed by reason: what is wrong and what to do, in
/// English and Simplified Chinese, from a reason and its parameters alone. The English
/// text of a probe finding is `EnglishMessages` (the one English rendering); the report's
/// own reasons (backups, drills, headroom) and Chinese have theirs here.
public enum ReportCatalogue {
    /// What is wrong; nil for a reason this version does not know (a finding then shows its
    /// stored English message).
    public static func message(_ reason: Reason, _ parameters: FindingParameters, _ language: ReportLanguage) -> String? {
        if let own = ownMessage(reason, parameters, language) { return own }
        switch language {
        case .en: return EnglishMessages.render(reason, parameters)
        case .zh: return ChineseMessages.render(reason, parameters)
        }
    }

    /// What to do, in plain words; nil for a reason this version does not know.
    public static func action(_ reason: Reason, _ parameters: FindingParameters, zone: String?, server: String?,
                              address: String?, _ language: ReportLanguage) -> String? {
        let zoneText = zone ?? "-"
        let subject = ReportActions.Subject(zone: zoneText, server: server ?? zoneText, address: address ?? server ?? zoneText)
        return ReportActions.action(reason, parameters, subject, language)
    }

    /// "ns2.example.org has served serial 2024050101 for 3.0 days while ns1.example.org
    /// serves 2024060102": a serial-sync incident in one sentence.
    static func serialHeadline(server: String, serial: String, reference: String, seconds: Double,
                               referenceServers: [String], _ language: ReportLanguage) -> String {
        let duration = ReportFormat.duration(seconds, language)
        switch language {
        case .en:
            let others = referenceServers.isEmpty ? "the newest copy" : referenceServers.joined(separator: ", ")
            let verb = referenceServers.count == 1 || referenceServers.isEmpty ? "serves" : "serve"
            return "\(server) has served serial \(serial) for \(duration) while \(others) \(verb) \(reference)"
        case .zh:
            let others = referenceServers.isEmpty ? "最新的副本" : referenceServers.joined(separator: "、")
            return "\(server) 所服务的序列号 \(serial) 已持续 \(duration)，而 \(others) 的序列号为 \(reference)"
        }
    }

    private static func ownMessage(_ reason: Reason, _ p: FindingParameters, _ language: ReportLanguage) -> String? {
        let en = language == .en
        func time(_ key: String) -> String { p.time(key).map(ReportFormat.time) ?? (en ? "unknown" : "未知") }
        func duration(_ key: String) -> String { ReportFormat.duration(p.seconds(key), language) }
        switch reason {
        case .backupNone:
            return en
                ? "no good snapshot among \(p.integer("attempts")) attempts on record (last \(time("lastAttempt")): \(p.text("detail")))"
                : "记录中的 \(p.integer("attempts")) 次备份尝试均未得到有效备份（最近一次 \(time("lastAttempt"))：\(p.text("detail"))）"
        case .backupStale:
            return en
                ? "the last good snapshot is \(duration("age")) old (taken \(time("taken")), serial \(p.text("serial")); limit \(duration("maxAge")))"
                : "最近一次有效备份距今已 \(duration("age"))（\(time("taken"))，序列号 \(p.text("serial"))；上限 \(duration("maxAge"))）"
        case .backupExpired:
            return en
                ? "the signatures of the last good snapshot \(p.text("snapshot")) expired at \(time("usableUntil")): a validating resolver rejects it"
                : "最近一次有效备份 \(p.text("snapshot")) 的签名已于 \(time("usableUntil")) 过期：进行验证的递归解析器将拒绝它"
        case .backupExpiring:
            return en
                ? "the last good snapshot \(p.text("snapshot")) is usable until \(time("usableUntil")), \(duration("left")) from the end of the period"
                : "最近一次有效备份 \(p.text("snapshot")) 可用至 \(time("usableUntil"))，距统计周期结束仅 \(duration("left"))"
        case .backupRefused:
            let kind = p.text("kind")
            return en
                ? "the newest snapshot attempt (\(time("time"))) was \(kind): \(p.text("detail"))"
                : "最新一次备份尝试（\(time("time"))）\(kind == "refused" ? "被拒绝" : "失败")：\(p.text("detail"))"
        case .backupVerifyFailed:
            return en
                ? "verification of the latest snapshot (\(time("time"))) says \(p.text("status")): \(p.text("detail"))"
                : "最近一次对备份的验证（\(time("time"))）结果为 \(p.text("status"))：\(p.text("detail"))"
        case .drillFailed:
            return en
                ? "the last drill of snapshot \(p.text("snapshot")) (\(time("time"))) failed: \(p.text("detail"))"
                : "对备份 \(p.text("snapshot")) 的最近一次应急演练（\(time("time"))）失败：\(p.text("detail"))"
        case .drillOverdue:
            if p.has("lastDrill") {
                return en
                    ? "no drill of the backup since \(time("lastDrill")) (limit \(duration("maxAge")))"
                    : "自 \(time("lastDrill")) 起未对备份进行应急演练（上限 \(duration("maxAge"))）"
            }
            return en ? "the backup has never been drilled" : "该备份从未进行过应急演练"
        case .headroomLow:
            return en
                ? "capacity \(ReportFormat.rate(p.seconds("capacity"))) QPS is \(ReportFormat.number(p.seconds("ratio")))x the normal peak of \(ReportFormat.rate(p.seconds("baseline"))) QPS (required: \(p.text("minimum"))x)"
                : "处理能力 \(ReportFormat.rate(p.seconds("capacity"))) QPS 仅为日常峰值 \(ReportFormat.rate(p.seconds("baseline"))) QPS 的 \(ReportFormat.number(p.seconds("ratio"))) 倍（要求 \(p.text("minimum")) 倍）"
        case .headroomNone:
            return en ? "no capacity measured: \(p.text("verdict"))" : "未测得处理能力：\(p.text("verdict"))"
        default:
            return nil
        }
    }
}
