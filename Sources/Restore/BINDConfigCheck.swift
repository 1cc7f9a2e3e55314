public import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform
import ServerControl

/// Lets BIND's own tools judge generated configuration: `named-checkconf` on a minimal
/// named.conf that includes the fragment, `named-checkzone` on the zone file.
public enum BINDConfigCheck {
    /// Problems found, empty when both tools accept. Throws when the tools are missing.
    public static func problems(fragment: String, zone: DomainName, zoneFile: String?) async throws(RestoreError) -> [String] {
        guard let checkconf = ControlTool.locate("named-checkconf"), let checkzone = ControlTool.locate("named-checkzone") else {
            throw RestoreError(.environment, "named-checkconf / named-checkzone not found (Debian: apt-get install bind9-utils)")
        }
        let directory = NSTemporaryDirectory() + "dnsward-bind-check-\(UUID().uuidString)"
        guard mkdir(directory, 0o700) == 0 else {
            throw RestoreError(.environment, "cannot create \(directory): \(errnoText(errno))")
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fragmentPath = directory + "/fragment.conf"
        let configPath = directory + "/named.conf"
        let config = "options {\n\tdirectory \(try NamedConfQuoting.quoted(directory, what: "directory"));\n};\n"
            + "include \(try NamedConfQuoting.quoted(fragmentPath, what: "fragment path"));\n"
        do {
            try DurableFile.write(Array(fragment.utf8), to: fragmentPath)
            try DurableFile.write(Array(config.utf8), to: configPath)
        } catch {
            throw RestoreError(.environment, "cannot write the check configuration in \(directory): \(error)")
        }
        var problems: [String] = []
        let conf = try await RestoreError.controlled { try await checkconf.run(["--", configPath]) }
        if !conf.succeeded { problems.append("named-checkconf: \(conf.output)") }
        if let zoneFile {
            let zoneCheck = try await RestoreError.controlled { try await checkzone.run(["-q", "--", zone.description, zoneFile]) }
            if !zoneCheck.succeeded {
                let again = try await RestoreError.controlled { try await checkzone.run(["--", zone.description, zoneFile]) }
                problems.append("named-checkzone: \(again.output)")
            }
        }
        return problems
    }
}
