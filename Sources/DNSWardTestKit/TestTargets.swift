internal import CDNSWardTestKit

/// What tests may talk to.
public enum TestTargets {
    /// The target allow-list of every test process and of the dnsward binaries the tests
    /// start: set in DNSWARD_ALLOW_TARGETS before the first test (CDNSWardTestKit).
    public static let allowList = String(cString: dnsward_test_allow_targets)
}
