@_exported import IceprobeTestSupport

/// The names the check tests (`CheckCoturnTests`, engineer "check") still use for the shared
/// launcher in `IceprobeTestSupport`; new tests use ``Coturn/Server`` and ``Coturn/enabled``.
typealias TurnTestServer = Coturn.Server

/// Prerequisites of the coturn tests: see ``Coturn/enabled``.
enum TurnIntegration {
    static var enabled: Bool { Coturn.enabled }
}
