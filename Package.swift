// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dnsward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dnsward", targets: ["dnsward"]),
        .library(name: "DNSCore", targets: ["DNSCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLDNS",
            pkgConfig: "ldns",
            providers: [.apt(["libldns-dev"])]
        ),
        .target(name: "Platform"),
        .target(
            name: "DNSCore",
            dependencies: [
                "CLDNS",
                "Platform",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Probe",
            dependencies: [
                "DNSCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Report",
            dependencies: [
                "DNSCore",
                "Platform",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["ProbeJSONSchema.md"]
        ),
        .target(
            name: "Backup",
            dependencies: [
                "DNSCore",
                "Platform",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Restore",
            dependencies: ["DNSCore", "Platform"]
        ),
        // Links a constructor into every test process: loopback is the only target.
        .target(name: "CDNSWardTestKit"),
        .target(
            name: "DNSWardTestKit",
            dependencies: ["DNSCore", "Platform", "CDNSWardTestKit"]
        ),
        .executableTarget(
            name: "dnsward",
            dependencies: [
                "DNSCore",
                "Platform",
                "Probe",
                "Report",
                "Backup",
                "Restore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PlatformTests",
            dependencies: ["Platform"]
        ),
        .testTarget(
            name: "DNSCoreTests",
            dependencies: ["DNSCore", "DNSWardTestKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ProbeTests",
            dependencies: ["Probe", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "BackupTests",
            dependencies: ["Backup", "DNSWardTestKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RestoreTests",
            dependencies: ["Restore", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "DNSWardCLITests",
            dependencies: ["dnsward", "DNSWardTestKit"]
        ),
    ]
)

// Swift 6 upcoming features for every target, as swift-log does.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
