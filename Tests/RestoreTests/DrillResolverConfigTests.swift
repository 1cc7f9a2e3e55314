import DNSCore
import DNSWardTestKit
import Foundation
import Platform
import Restore
import Testing

/// The drill's private Unbound: cut off from every authority, checked by unbound-checkconf,
/// and nothing odd written into its configuration.
@Suite struct DrillResolverConfigTests {
    static let endpoint = try! ServerAddress(host: "127.60.1.2", port: 40_000)

    @Test func noPathToAnyAuthorityAndUnboundAcceptsIt() async throws {
        let directory = try TemporaryDirectory()
        let zone = directory.path + "/zone-0.zone"
        try """
            signed.test. 300 IN SOA ns1.signed.test. hostmaster.signed.test. 1 3600 600 86400 300
            signed.test. 300 IN NS ns1.signed.test.
            ns1.signed.test. 300 IN A 192.0.2.1

            """.write(toFile: zone, atomically: true, encoding: .utf8)
        let anchor = directory.path + "/anchor.key"
        try ". 86400 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n"
            .write(toFile: anchor, atomically: true, encoding: .utf8)
        let text = try DrillResolverConfig.make(
            directory: directory.path, endpoint: Self.endpoint,
            zones: [DrillResolverConfig.Zone(name: "signed.test.", source: .file(zone))], trustAnchorFile: anchor)
        for line in ["    interface: 127.60.1.2", "    port: 40000", "    do-not-query-address: 0.0.0.0/0",
                     "    do-not-query-address: ::/0", "    do-not-query-localhost: yes", "    fallback-enabled: no",
                     "    for-upstream: yes", "    for-downstream: no", "    local-zone: \"test.\" nodefault",
                     "    trust-anchor-file: \"\(anchor)\"", "    control-enable: no"] {
            #expect(text.contains(line + "\n"), "missing \(line)")
        }
        let path = directory.path + "/unbound.conf"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await Subprocess.run("/usr/sbin/unbound-checkconf", ["--", path])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
    }

    @Test(arguments: ["/tmp/a\"b", "/tmp/a b", "/tmp/a\nb", "/tmp/a\\b"])
    func aPathUnboundCannotQuoteIsRefused(path: String) {
        #expect(throws: RestoreError.self) {
            try DrillResolverConfig.make(directory: "/tmp/drill", endpoint: Self.endpoint,
                                         zones: [DrillResolverConfig.Zone(name: "a.test.", source: .file(path))], trustAnchorFile: nil)
        }
    }

    @Test func aZoneNameUnboundCannotQuoteIsRefused() throws {
        let name = try DomainName("we\"ird.test.")
        #expect(throws: RestoreError.self) {
            try DrillResolverConfig.make(directory: "/tmp/drill", endpoint: Self.endpoint,
                                         zones: [DrillResolverConfig.Zone(name: name, source: .file("/tmp/x.zone"))], trustAnchorFile: nil)
        }
    }
}
