import Foundation
import Model
import Report
import Testing

/// Every reason a finding or the report can carry renders in English and Chinese and has a
/// recommended action in both, so a finding stored last month renders in either language.
@Suite struct ReportCatalogueTests {
    static let reasons = CheckRegistry.reasons + ReportReasons.all

    static func isChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
    }

    @Test(arguments: reasons)
    func everyReasonHasBothLanguagesAndAnAction(reason: Reason) throws {
        let english = try #require(ReportCatalogue.message(reason, [:], .en), "\(reason): no English message")
        let chinese = try #require(ReportCatalogue.message(reason, [:], .zh), "\(reason): no Chinese message")
        #expect(Self.isChinese(chinese) && !Self.isChinese(english) && chinese != english)
        let actionEN = try #require(ReportCatalogue.action(reason, [:], zone: "example.org", server: "ns1.example.org",
                                                           address: "192.0.2.1", .en), "\(reason): no action")
        let actionZH = try #require(ReportCatalogue.action(reason, [:], zone: "example.org", server: "ns1.example.org",
                                                           address: "192.0.2.1", .zh), "\(reason): no Chinese action")
        #expect(!actionEN.isEmpty && Self.isChinese(actionZH) && !Self.isChinese(actionEN))
    }

    @Test func anUnknownReasonHasNoText() {
        #expect(ReportCatalogue.message(Reason("no-such-reason"), [:], .zh) == nil)
        #expect(ReportCatalogue.action(Reason("no-such-reason"), [:], zone: nil, server: nil, address: nil, .en) == nil)
    }

    /// The parameters reach the Chinese text the way they reach the English one.
    @Test func parametersFillTheChineseTemplates() throws {
        let parameters: FindingParameters = ["nameServer": .name("ns2.example.org."), "glue": .text("192.0.2.2"),
                                             "authoritative": .text("192.0.2.3")]
        #expect(ReportCatalogue.message(.glueMismatch, parameters, .zh) == "ns2.example.org. 的胶水记录为 [192.0.2.2]，而区内数据为 [192.0.2.3]")
        #expect(ReportCatalogue.message(.glueMismatch, parameters, .en) == EnglishMessages.render(.glueMismatch, parameters))
        let action = try #require(ReportCatalogue.action(.glueMismatch, parameters, zone: "example.org.", server: nil, address: nil, .zh))
        #expect(action.contains("ns2.example.org.") && action.contains("胶水记录") && action.contains("注册商"))
    }

    @Test func everyLabelHasBothLanguages() {
        for term in Term.allCases {
            #expect(!term.text(.en).isEmpty && !term.text(.zh).isEmpty, "\(term)")
        }
    }
}
