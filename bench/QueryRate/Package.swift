// swift-tools-version: 6.0
// The query-rate benchmark, built apart from the main package so tests and CI do not
// compile it. Run it through bench/query-rate.
import PackageDescription

let package = Package(
    name: "dnsward-bench-query-rate",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "dnsward", path: "../..")],
    targets: [
        .executableTarget(
            name: "QueryRate",
            dependencies: [.product(name: "DNSCore", package: "dnsward")]
        ),
    ]
)
