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
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLDNS",
            pkgConfig: "ldns",
            providers: [.apt(["libldns-dev"])]
        ),
        // Linux system calls Swift's Glibc module does not import (mmsg, UDP GSO), in the
        // shape of swift-nio's CNIOLinux.
        .target(
            name: "CLinux",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        .target(
            name: "DNSCore",
            dependencies: [
                "CLDNS",
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
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["ProbeJSONSchema.md"]
        ),
        .target(
            name: "Backup",
            dependencies: [
                "DNSCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Restore",
            dependencies: ["DNSCore"]
        ),
        .target(
            name: "ServerControl",
            dependencies: ["DNSCore"]
        ),
        .target(
            name: "Headroom",
            dependencies: [
                "DNSCore",
                "CLinux",
                "ServerControl",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            exclude: ["HeadroomJSONSchema.md"]
        ),
        .target(
            name: "DNSWardTestKit",
            dependencies: ["DNSCore"]
        ),
        .executableTarget(
            name: "dnsward",
            dependencies: [
                "DNSCore",
                "Probe",
                "Report",
                "Backup",
                "Restore",
                "Headroom",
                "ServerControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
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
            name: "ServerControlTests",
            dependencies: ["ServerControl", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "HeadroomTests",
            dependencies: ["Headroom", "ServerControl", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "DNSWardCLITests",
            dependencies: ["dnsward", "DNSWardTestKit"]
        ),
    ]
)

// Swift 6 upcoming features for every target, as swift-log does.
for target in package.targets where target.type != .system && target.name != "CLinux" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
