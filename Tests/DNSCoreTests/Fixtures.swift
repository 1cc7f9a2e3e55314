import Foundation

/// Paths of the files under Fixtures/, copied into the test bundle by SwiftPM.
enum Fixtures {
    static func path(_ relative: String) -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(relative)", withExtension: nil) else {
            fatalError("missing fixture \(relative)")
        }
        return url.path
    }
}
