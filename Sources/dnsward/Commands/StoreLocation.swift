import DNSCore
import Platform

/// The snapshot store a command works on: `--zones-dir`, else the configuration's
/// `zones_dir`, else `zones`. Something there that is not a directory is named at once,
/// before Foundation can turn it into `NSCocoaErrorDomain Code=...`.
enum StoreLocation {
    static let defaultPath = "zones"

    static func resolve(option: String?, config: DNSWardConfig?) throws -> String {
        let path = option ?? config?.zonesDir ?? defaultPath
        let source = option != nil ? "--zones-dir" : (config?.zonesDir != nil ? "zones_dir" : "the snapshot store")
        guard !path.isEmpty else { throw SetupError("\(source): empty path") }
        if Directory.somethingExists(at: path), !Directory.exists(path) {
            throw SetupError("\(source) \(path): not a directory (a file is in the way)")
        }
        return path
    }

    /// A zone given on the command line; the root is `.`, an empty name is refused.
    static func zone(_ text: String, option: String = "--zone") throws -> DomainName {
        do {
            return try DomainName(text)
        } catch {
            throw SetupError("\(option) '\(text)': not a domain name (\(error))")
        }
    }
}
