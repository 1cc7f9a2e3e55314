import DNSCore
import Foundation
import Testing
import Model

/// One directory per zone, and no two zones in one directory (issue 7, item 5).
struct ZoneDirectoryNameTests {
    @Test func theRootAndTheZoneNamedRootGetDifferentDirectories() throws {
        let root = SnapshotStore.directoryName(for: .root)
        let named = SnapshotStore.directoryName(for: DomainName("root."))
        #expect(root != named)
        #expect(root == "root.")
        #expect(named == "root")
    }

    @Test func ordinaryNamesKeepTheirDirectory() throws {
        #expect(SnapshotStore.directoryName(for: DomainName("Healthy.TEST.")) == "healthy.test")
        #expect(SnapshotStore.directoryName(for: DomainName("_dmarc.xn--bcher-kva.example")) == "_dmarc.xn--bcher-kva.example")
    }

    /// Labels hold any byte: a dot, a slash, a backslash, NUL, 0xFF, uppercase.
    static let hostile: [[UInt8]] = [
        Array("a.b".utf8), Array("a".utf8) + [0x2F] + Array("b".utf8), [0x5C], [0], [0xFF], Array("..".utf8),
        Array("root".utf8), Array("ROOT".utf8), Array("lost+found".utf8), Array(".git".utf8), [0x5C, 0x30, 0x34, 0x36],
    ]

    @Test func theMappingIsInjectiveAndReversible() throws {
        var names: [DomainName] = [.root, "root.", "a.b.test.", "a\\.b.test."]
        for label in Self.hostile {
            names.append(try DomainName(wire: [UInt8(label.count)] + label + [4] + Array("test".utf8) + [0]))
        }
        var seen: [String: DomainName] = [:]
        for name in names {
            let directory = SnapshotStore.directoryName(for: name)
            #expect(!directory.contains("/") && directory != "." && directory != ".." && !directory.isEmpty, "\(directory)")
            #expect(ZoneDirectoryName.decode(directory) == name, "\(name) -> \(directory)")
            if let other = seen[directory] {
                #expect(other == name, "\(other) and \(name) share \(directory)")
            }
            seen[directory] = name
        }
        // "root" and "ROOT" are one zone (case-insensitive), hence one directory.
        #expect(Set(seen.values).count == seen.count)
    }

    @Test(arguments: [".git", "lost+found", "Healthy.test", "a..b", "", "a\\097", "x/y", "a\\046"])
    func namesNoZoneHasAreNotZoneDirectories(name: String) {
        // `a\046` is the escape of a dot: a label's dot is written that way, so it decodes.
        if name == "a\\046" {
            #expect(ZoneDirectoryName.decode(name) != nil)
        } else {
            #expect(ZoneDirectoryName.decode(name) == nil, "\(name)")
        }
    }
}
