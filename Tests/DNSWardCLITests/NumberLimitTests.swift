import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// Every number from a configuration file or the command line is finite and in range
/// before anything uses it: `serial_lag_tolerance: .nan` once passed check-config and
/// crashed probe (SIGILL), and `--timeout 0.0004` became 0 ms and turned a healthy lab
/// CRITICAL.
@Suite struct NumberLimitTests {
    let directory = NSTemporaryDirectory() + "dnsward-numbers-\(UUID().uuidString)"

    func write(_ yaml: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/dnsward.yml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let zone = "zones:\n  - name: healthy.test\n"

    @Test(arguments: [
        (zone + "    serial_lag_tolerance: .nan\n", ":3: zones[0].serial_lag_tolerance: must be a finite number between 0 and 2147483647 seconds, not nan"),
        (zone + "    serial_lag_tolerance: .inf\n", ":3: zones[0].serial_lag_tolerance: must be a finite number between 0 and 2147483647 seconds, not inf"),
        (zone + "    serial_lag_tolerance: 1e300\n", ":3: zones[0].serial_lag_tolerance: must be between 0 and 2147483647 seconds, not 1e+300"),
        (zone + "    serial_lag_tolerance: -1\n", ":3: zones[0].serial_lag_tolerance: must be between 0 and 2147483647 seconds, not -1"),
        ("timeout: 0.0004\n", ":1: timeout: must be between 0.01 and 60 seconds, not 0.0004"),
        ("timeout: .nan\n", ":1: timeout: must be a finite number between 0.01 and 60 seconds, not nan"),
        ("retries: 9\n", ":1: retries: must be between 0 and 5, not 9"),
        ("retries: 1e300\n", ":1: retries: expected a whole number"),
        ("probe:\n  deadline: .inf\n", ":2: probe.deadline: must be a finite number between 1 and 3600 seconds, not inf"),
        ("probe:\n  latency_warning_ms: -.inf\n", ":2: probe.latency_warning_ms: must be a finite number between 1 and 60000 milliseconds, not -inf"),
        ("probe:\n  dnssec_expiry_warning_days: .nan\n", ":2: probe.dnssec_expiry_warning_days: must be a finite number between 0 and 365 days, not nan"),
        ("probe:\n  max_in_flight: 0\n", ":2: probe.max_in_flight: must be between 1 and 10000, not 0"),
        (zone + "    fallback:\n      after_failures: 1000\n", ":4: zones[0].fallback.after_failures: must be between 1 and 100 runs, not 1000"),
    ])
    func checkConfigRefusesWithFileLineAndKey(yaml: String, expected: String) async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(yaml)
        let result = try await DNSWardBinary.run("check-config", "--config", path)
        #expect(result.status == 3)
        #expect(result.standardError.contains(path + expected), "\(result.standardError)")
    }

    /// The crash itself: probe reads the same configuration and says what is wrong (exit 3,
    /// UNKNOWN) instead of trapping (exit 132).
    @Test func probeRefusesANaNToleranceInsteadOfCrashing() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(Self.zone + "    serial_lag_tolerance: .nan\n")
        let result = try await DNSWardBinary.run("probe", "--config", path, "--no-history")
        #expect(result.status == 3)
        #expect(result.standardOutput.hasPrefix("DNSWARD UNKNOWN - \(path):3: zones[0].serial_lag_tolerance: must be a finite number"))
    }

    @Test(arguments: [
        (["probe", "--zone", "healthy.test", "--no-history", "--timeout", "0.0004"], 3,
         "--timeout: must be between 0.01 and 60 seconds, not 0.0004"),
        (["probe", "--zone", "healthy.test", "--no-history", "--deadline", "nan"], 3,
         "--deadline: must be a finite number between 1 and 3600 seconds, not nan"),
        (["query", "www.healthy.test", "@127.53.2.1", "--timeout", "0.0004"], 64,
         "--timeout: must be between 0.01 and 60 seconds, not 0.0004"),
        (["query", "www.healthy.test", "@127.53.2.1", "--timeout", "inf"], 64,
         "--timeout: must be a finite number between 0.01 and 60 seconds, not inf"),
        (["snapshot", "--zone", "healthy.test", "--keep-days", "nan"], 3,
         "--keep-days: must be a finite number between 0 and 36500 days, not nan"),
        (["snapshot", "--zone", "healthy.test", "--keep", "0"], 3, "--keep: must be between 1 and 100000 snapshots, not 0"),
        (["snapshot", "--zone", "healthy.test", "--max-loss", "nan"], 3, "--max-loss: must be a finite number between 0 and 1, not nan"),
        (["verify", "--window-days", "inf"], 64, "--window-days: must be a finite number between 0 and 3650 days, not inf"),
    ])
    func commandLineNumbersAreChecked(arguments: [String], status: Int32, message: String) async throws {
        let result = try await DNSWardBinary.run(arguments)
        #expect(result.status == status)
        #expect((result.standardOutput + result.standardError).contains(message), "\(result.standardOutput)\(result.standardError)")
    }
}
