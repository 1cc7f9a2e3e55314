/// The languages of the registry report. Every string of it comes from a catalogue keyed
/// by reason (findings) or by term (labels), so a finding stored last month renders in
/// either language.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    case en, zh

    /// The HTML `lang` attribute: Simplified Chinese as used in mainland China.
    public var htmlLanguage: String {
        switch self {
        case .en: "en"
        case .zh: "zh-CN"
        }
    }

    /// The clause separator after a subject (`ns2.example.org: ...`, `ns2.example.org：...`).
    var colon: String { self == .en ? ": " : "：" }
    var listSeparator: String { self == .en ? ", " : "、" }
    var sentenceEnd: String { self == .en ? "." : "。" }
}
