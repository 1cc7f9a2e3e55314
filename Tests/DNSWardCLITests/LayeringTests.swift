import Foundation
import Testing

/// The package's layers (README "Layout"): every module imports only modules below it, and
/// features never import each other.
@Suite struct LayeringTests {
    /// Higher numbers sit higher; a module may import only modules with a lower number.
    static let layers: [String: Int] = [
        "CLDNS": 0, "CLinux": 0, "CLibPQ": 0, "CDNSWardTestKit": 0,
        "Platform": 1,
        "DNSCore": 2,
        "Model": 3,
        "History": 4, "SweepStorage": 4, "ServerControl": 4,
        "DNSWardTestKit": 5,
        "Probe": 5, "Backup": 5, "Restore": 5, "Headroom": 5, "Report": 5,
        "dnsward": 6,
    ]

    static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    @Test func importsRunOneWay() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        var violations: [String] = []
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            guard let level = Self.layers[module] else { continue }
            let directory = sources.appendingPathComponent(module)
            guard let files = FileManager.default.enumerator(atPath: directory.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                          words[..<index].allSatisfy({ ["public", "internal", "@testable", "package"].contains($0) }) else { continue }
                    let imported = words[index + 1]
                    guard let other = Self.layers[imported] else { continue }
                    if other >= level { violations.append("\(module)/\(file) imports \(imported)") }
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    /// Every module of Sources/ has a line in the README's layout, and is in the table above.
    @Test func everyModuleIsListed() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
        for module in modules {
            #expect(readme.contains("\nSources/\(module)/ "), "README layout lacks Sources/\(module)/")
            #expect(Self.layers[module] != nil, "LayeringTests.layers lacks \(module)")
        }
    }
}
