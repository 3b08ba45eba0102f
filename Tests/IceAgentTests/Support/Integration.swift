import Foundation

/// Prerequisites of integration tests. With `ICEPROBE_REQUIRE_INTEGRATION=1` (CI) every
/// integration test runs, and a missing prerequisite fails it loudly instead of skipping it.
enum Integration {
    static var required: Bool {
        ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1"
    }

    /// Enables coturn tests when turnserver is installed, or when integration is required.
    static var coturnEnabled: Bool { required || TestCoturn.isInstalled }

    /// Enables namespace + NAT tests when running as root with ip, iptables and coturn, or when
    /// integration is required.
    static var namespaceEnabled: Bool { required || (TestCoturn.isInstalled && TestNamespace.isAvailable) }
}
