import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Model

/// Generated configuration, without servers: quoting, escaping and refusals.
struct ConfigGenerationTests {
    static func snapshot(_ zone: DomainName, method: SnapshotManifest.Method = .axfr, in directory: String,
                         records: [ResourceRecord] = []) throws -> RestoreSnapshot {
        let path = directory + "/snapshot.zone"
        try ZoneFileWriter.write(records, to: path)
        let manifest = SnapshotManifest(
            zone: zone.description, serial: 7, file: "snapshot.zone", sha256: "00ff", recordCount: records.count,
            method: method, sourceServer: "test", sourceAddress: "127.0.0.1", started: Date(), finished: Date(),
            signed: false, usableUntil: nil,
            verification: .init(passed: true, problems: [], notes: [], dnssec: "unsigned", zonemd: "absent",
                                recordsAdded: 0, recordsRemoved: 0))
        return RestoreSnapshot(zone: zone, manifest: manifest, zoneFilePath: path)
    }

    @Test func unboundAuthZoneIsTheRFC8806Form() throws {
        let temporary = try TemporaryDirectory()
        let fragment = try ResolverFragment.make(
            for: try Self.snapshot("example.org.", in: temporary.path), resolver: .unbound, mode: .override,
            directory: "/etc/unbound/unbound.conf.d/")
        #expect(fragment.activePath == "/etc/unbound/unbound.conf.d/dnsward-example.org.conf")
        #expect(fragment.installedPath == fragment.activePath)
        #expect(fragment.zoneFileCopy == "/etc/unbound/unbound.conf.d/dnsward-example.org@7-00ff.zone")
        let body = fragment.text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        #expect(body == """
            auth-zone:
                name: "example.org."
                zonefile: "/etc/unbound/unbound.conf.d/dnsward-example.org@7-00ff.zone"
                for-upstream: yes
                for-downstream: no
                fallback-enabled: yes
            """)
    }

    @Test func fallbackIsWrittenSwitchedOff() throws {
        let temporary = try TemporaryDirectory()
        let fragment = try ResolverFragment.make(
            for: try Self.snapshot("example.org.", in: temporary.path), resolver: .unbound, mode: .fallback,
            directory: "/etc/unbound/unbound.conf.d")
        #expect(fragment.installedName == "dnsward-example.org.conf.standby")
        #expect(!fragment.installedName.hasSuffix(".conf"), "Unbound's *.conf include must not pick it up")
    }

    @Test(arguments: ["a\"b.example.", "a\\\\b.example.", "a\\032b.example.", "a\\010b.example."])
    func unboundRefusesNamesItCannotQuote(_ text: String) throws {
        let temporary = try TemporaryDirectory()
        let zone = try DomainName(text)
        #expect(throws: RestoreError.self) {
            try ResolverFragment.make(for: try Self.snapshot(zone, in: temporary.path), resolver: .unbound,
                                      mode: .override, directory: "/etc/unbound")
        }
        do {
            _ = try UnboundQuoting.quoted(zone)
            Issue.record("\(text) was quoted")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.message.contains("Unbound's configuration cannot quote"))
        }
    }

    @Test func unboundRefusesPathsItCannotQuote() {
        for path in ["/etc/un bound", "/etc/\"x", "/etc/x\ny", "/etc/\\x"] {
            #expect(throws: RestoreError.self) { try UnboundQuoting.quoted(path, what: "path") }
        }
        #expect(throws: RestoreError.self) {
            try ResolverFragment.make(
                for: try Self.snapshot("example.org.", in: NSTemporaryDirectory()), resolver: .unbound, mode: .override,
                directory: "relative/dir")
        }
    }

    @Test func harvestBecomesTransparentLocalData() throws {
        let temporary = try TemporaryDirectory()
        let zone: DomainName = "example.org."
        let records = try [
            "example.org. 300 IN SOA ns1.example.org. hostmaster.example.org. 1 3600 600 86400 300",
            "www.example.org. 300 IN A 192.0.2.1",
            "txt.example.org. 300 IN TXT \"it's \\\"quoted\\\"\"",
            "www.example.org. 300 IN RRSIG A 13 3 300 20300101000000 20200101000000 1 example.org. AAAA",
            "www.example.org. 300 IN NSEC zzz.example.org. A RRSIG NSEC",
        ].map { try ZoneLine.record($0) }
        let fragment = try ResolverFragment.make(
            for: try Self.snapshot(zone, method: .harvest, in: temporary.path, records: records), resolver: .unbound,
            mode: .override, directory: "/etc/unbound")
        #expect(fragment.zoneFileCopy == nil)
        let lines = fragment.text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines[0] == "server:")
        #expect(lines[1] == "    local-zone: \"example.org.\" transparent")
        #expect(lines.contains("    local-data: 'www.example.org. 300 IN A 192.0.2.1'"))
        #expect(lines.contains("    local-data: 'txt.example.org. 300 IN TXT \"it\\039s \\\"quoted\\\"\"'"))
        #expect(!fragment.text.contains("RRSIG") && !fragment.text.contains("NSEC"))
        #expect(lines.count == 5)
    }

    @Test func harvestIsNotForBINDOrKnotResolver() throws {
        let temporary = try TemporaryDirectory()
        let snapshot = try Self.snapshot("example.org.", method: .harvest, in: temporary.path)
        let authority = try ServerAddress(parsing: "127.0.0.1@5353")
        for resolver in [ResolverKind.bind, .knotResolver] {
            do {
                _ = try ResolverFragment.make(for: snapshot, resolver: resolver, mode: .override, directory: "/etc",
                                              authority: authority)
                Issue.record("a harvest was turned into \(resolver) configuration")
            } catch {
                #expect(error.kind == .unsupported)
            }
        }
    }

    @Test func luaKeepsAHostileZoneNameInsideItsString() throws {
        // A label with quotes, brackets, parens and a newline: the Lua must still be one
        // string literal, holding exactly the name's presentation form.
        let label = Array("evil');os.exit(']]\n--".utf8)
        let zone = try DomainName(wire: [UInt8(label.count)] + label + [7] + Array("example".utf8) + [0])
        let lua = KnotResolverConfigGenerator.policy(zone: zone, authority: try ServerAddress(parsing: "127.0.0.1@5353"))
        let prefix = "policy.add(policy.suffix(policy.STUB({'127.0.0.1@5353'}), {todname("
        #expect(lua.hasPrefix(prefix) && lua.hasSuffix(")}))\n"))
        let literal = String(lua.dropFirst(prefix.count).dropLast(")}))\n".count))
        #expect(literal.hasPrefix("'") && literal.hasSuffix("'"))
        #expect(!literal.dropFirst().dropLast().contains("'") && !literal.contains("\n") && !literal.contains("]"))
        #expect(Self.luaDecode(literal) == zone.description)
        #expect(LuaStringLiteral.literal("a'b\nc]]d\\") == #"'a\039b\010c\093\093d\092'"#)
        let v6 = KnotResolverConfigGenerator.policy(zone: "example.org.", authority: try ServerAddress(parsing: "[::1]:5353"))
        #expect(v6.contains("policy.STUB({'::1@5353'})"))
    }

    /// Reads back a single-quoted Lua literal that uses only decimal escapes.
    static func luaDecode(_ literal: String) -> String? {
        var bytes: [UInt8] = []
        var rest = Array(literal.utf8).dropFirst().dropLast()[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "\\") {
                guard rest.count >= 3, let value = UInt8(String(decoding: rest.prefix(3), as: UTF8.self)) else { return nil }
                bytes.append(value)
                rest = rest.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func namedConfEscapesQuotesAndBackslashes() throws {
        let zone = try DomainName("a\\\"b\\.c.example.")
        let text = try BINDConfigGenerator.zoneStatement(zone: zone, zoneFile: "/var/lib/bind/x.zone")
        #expect(text == #"zone "a\\\"b\\.c.example." {"# + "\n\ttype primary;\n\tfile \"/var/lib/bind/x.zone\";\n};\n")
        #expect(throws: RestoreError.self) { try NamedConfQuoting.quoted("/etc/x\ny", what: "path") }
    }

    @Test func bindAcceptsTheStatementEvenForAnOddName() async throws {
        let temporary = try TemporaryDirectory()
        let zone = try DomainName("we\\\"ird\\\\name.example.")
        let statement = try BINDConfigGenerator.zoneStatement(zone: zone, zoneFile: temporary.path + "/copy.zone")
        #expect(try await BINDConfigCheck.problems(fragment: statement, zone: zone, zoneFile: nil).isEmpty)
        let broken = "zone \"x.example.\" { type primary; file \"/tmp/x\"; }\n"
        #expect(try await !BINDConfigCheck.problems(fragment: broken, zone: "x.example.", zoneFile: nil).isEmpty)
    }

    @Test func fileNamesStayInASmallAlphabet() throws {
        #expect(FragmentNaming.baseName(for: .root) == "dnsward-root")
        #expect(FragmentNaming.baseName(for: "Example.ORG.") == "dnsward-example.org")
        let odd = try DomainName("a/b\\032c%d.example.")
        #expect(FragmentNaming.baseName(for: odd) == "dnsward-a%2Fb%5C032c%25d.example")
        #expect(FragmentNaming.isZoneCopy("dnsward-example.org@1-ab.zone", of: "example.org."))
        #expect(!FragmentNaming.isZoneCopy("dnsward-example.org-x@1-ab.zone", of: "example.org."))
    }

    @Test func criticalQuestionsParse() throws {
        #expect(try CriticalQuestion(parsing: "www.example.org/AAAA") == CriticalQuestion(name: "www.example.org.", type: .aaaa))
        #expect(try CriticalQuestion(parsing: "www.example.org") == CriticalQuestion(name: "www.example.org.", type: .a))
        #expect(throws: RestoreError.self) { try CriticalQuestion(parsing: "www.example.org/AAA") }
        #expect(throws: RestoreError.self) { try CriticalQuestion(parsing: "www.example.org/AXFR") }
    }
}

/// One record from a zone-file line, through the same reader restore uses.
enum ZoneLine {
    static func record(_ line: String) throws -> ResourceRecord {
        let path = NSTemporaryDirectory() + "dnsward-restore-line-\(UUID().uuidString).zone"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let records = try ZoneFileReader.readAll(path: path)
        guard let record = records.first, records.count == 1 else { throw DNSCoreError(.invalidRecord, "not one record: \(line)") }
        return record
    }
}
