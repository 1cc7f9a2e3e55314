import DNSCore
import Foundation

enum Fixtures {
    static func path(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            fatalError("missing fixture \(name)")
        }
        return url.path
    }
}
