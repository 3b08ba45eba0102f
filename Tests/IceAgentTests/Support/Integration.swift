import Foundation
import IceprobeTestSupport

/// Prerequisites of integration tests. With `ICEPROBE_REQUIRE_INTEGRATION=1` (CI) every
/// integration test runs, and a missing prerequisite fails it loudly instead of skipping it.
enum Integration {
    static var required: Bool { Coturn.integrationRequired }

    /// Enables coturn tests when coturn is installed (see ``Coturn/enabled``), or when
    /// integration is required.
    static var coturnEnabled: Bool { Coturn.enabled }

    /// Enables namespace + NAT tests when running as root with ip, iptables, ping and coturn, or
    /// when integration is required.
    static var namespaceEnabled: Bool { required || (Coturn.isInstalled && TestNamespace.isAvailable) }
}
