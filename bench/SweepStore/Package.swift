// swift-tools-version: 6.0
// The sweep store benchmark, built apart from the main package so tests and CI do not
// compile it. Run it through bench/sweep-store.
import PackageDescription

let package = Package(
    name: "dnsward-bench-sweep-store",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "dnsward", path: "../..")],
    targets: [
        .executableTarget(
            name: "SweepStoreBench",
            dependencies: [
                .product(name: "DNSCore", package: "dnsward"),
                .product(name: "Model", package: "dnsward"),
                .product(name: "SweepStorage", package: "dnsward"),
            ]
        ),
    ]
)
