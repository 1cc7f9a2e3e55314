// swift-tools-version: 6.0
import PackageDescription

// Layers, each importing only those below it (README "Layout"):
//   dnsward (CLI)
//   Probe  Backup  Restore  Headroom  Report   features, which never import each other
//   History  SweepStorage  ServerControl
//   Model
//   DNSCore
//   Platform
//   CLDNS  CLinux  CLibPQ
let package = Package(
    name: "dnsward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dnsward", targets: ["dnsward"]),
        .library(name: "DNSCore", targets: ["DNSCore"]),
        // For bench/SweepStore, built apart from the package.
        .library(name: "Model", targets: ["Model"]),
        .library(name: "SweepStorage", targets: ["SweepStorage"]),
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
        // PostgreSQL's C client, for the sweep's many-hosts store (SweepStorage only).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Linux system calls Swift's Glibc module does not import (epoll, eventfd, mmsg,
        // UDP GSO), in the shape of swift-nio's CNIOLinux.
        .target(
            name: "CLinux",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        .target(name: "Platform", dependencies: ["CLinux"]),
        .target(
            name: "DNSCore",
            dependencies: [
                "CLDNS",
                "CLinux",
                "Platform",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Model",
            dependencies: ["DNSCore", "Platform"]
        ),
        .target(
            name: "History",
            dependencies: [
                "Model",
                "DNSCore",
                "Platform",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The sweep's work list, progress and census: SQLite for one host, PostgreSQL for many.
        .target(
            name: "SweepStorage",
            dependencies: [
                "Model",
                "DNSCore",
                "CLibPQ",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "ServerControl",
            dependencies: ["DNSCore", "Platform"]
        ),
        .target(
            name: "Probe",
            dependencies: [
                "Model",
                "DNSCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Report",
            dependencies: ["Model", "History", "DNSCore", "Platform"],
            exclude: ["ProbeJSONSchema.md", "RegistryReportJSONSchema.md"]
        ),
        .target(
            name: "Backup",
            dependencies: [
                "Model",
                "DNSCore",
                "Platform",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Restore",
            dependencies: ["Model", "DNSCore", "Platform", "ServerControl"]
        ),
        .target(
            name: "Headroom",
            dependencies: [
                "Model",
                "DNSCore",
                "Platform",
                "CLinux",
                "ServerControl",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            exclude: ["HeadroomJSONSchema.md"]
        ),
        // Links a constructor into every test process: loopback is the only target.
        .target(name: "CDNSWardTestKit"),
        .target(
            name: "DNSWardTestKit",
            dependencies: ["Model", "DNSCore", "Platform", "CDNSWardTestKit"]
        ),
        .executableTarget(
            name: "dnsward",
            dependencies: [
                "DNSCore",
                "Platform",
                "Model",
                "History",
                "Probe",
                "Report",
                "Backup",
                "Restore",
                "Headroom",
                "ServerControl",
                "SweepStorage",
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
            dependencies: ["DNSCore", "Platform", "DNSWardTestKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ModelTests",
            dependencies: ["Model", "DNSCore"]
        ),
        .testTarget(
            name: "HistoryTests",
            dependencies: ["History", "Model", "DNSCore", "DNSWardTestKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SweepStorageTests",
            dependencies: ["SweepStorage", "Model", "DNSCore", "Platform", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "ProbeTests",
            dependencies: ["Probe", "Model", "DNSCore", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Model", "History", "DNSCore", "Platform", "DNSWardTestKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BackupTests",
            dependencies: ["Backup", "Model", "DNSCore", "Platform", "DNSWardTestKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RestoreTests",
            dependencies: ["Restore", "ServerControl", "Model", "History", "DNSCore", "Platform", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "ServerControlTests",
            dependencies: ["ServerControl", "DNSCore", "Platform", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "HeadroomTests",
            dependencies: ["Headroom", "ServerControl", "Model", "DNSCore", "Platform", "DNSWardTestKit"]
        ),
        .testTarget(
            name: "DNSWardCLITests",
            dependencies: ["dnsward", "ServerControl", "Model", "History", "SweepStorage", "DNSCore", "Platform", "DNSWardTestKit"]
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
