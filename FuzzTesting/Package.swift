// swift-tools-version: 6.0
// Built apart from the main package: the fuzzer supplies `main`, so these targets cannot
// link without `-sanitize=fuzzer`. See FuzzTesting/README.md.
import PackageDescription

let package = Package(
    name: "dnsward-fuzz",
    dependencies: [.package(name: "dnsward", path: "..")],
    targets: ["FuzzMessage", "FuzzZoneFile", "FuzzAXFR"].map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "DNSCore", package: "dnsward")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
