import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import UnixSignals

/// `iceprobe serve`: the HTTP(S) server over a `ReportStore`. `run` returns after a graceful
/// shutdown (SIGINT or SIGTERM when `handleSignals`, or cancellation of the calling task): the
/// listener closes, requests in flight finish, then the caller closes the store.
public struct CollectorServer: Sendable {
    public let configuration: CollectorConfiguration
    public let store: any ReportStore
    public let metrics: CollectorMetrics
    public let logger: Logger

    public init(configuration: CollectorConfiguration, store: any ReportStore, metrics: CollectorMetrics = CollectorMetrics(),
                logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.metrics = metrics
        self.logger = logger
    }

    /// Serves until shut down. `onListening` receives the bound port once the listener is up.
    public func run(handleSignals: Bool, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: BasicRequestContext.self)
        CollectorRoutes(store: store, tokens: configuration.tokens, metrics: metrics, profiles: configuration.profiles,
                        logger: logger).register(on: router)
        CheckPageRoutes(store: store, metrics: metrics, profiles: configuration.checkProfiles, sessions: CheckSessions(),
                        callSeconds: configuration.checkCallSeconds, logger: logger).register(on: router)
        let deadline = TimeAmount.nanoseconds(Int64(configuration.requestDeadline.components.seconds) * 1_000_000_000
            + configuration.requestDeadline.components.attoseconds / 1_000_000_000)
        let metrics = metrics
        let http = HTTPServerBuilder.http1(configuration: HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestDeadlineHandler(limit: deadline, onCutOff: { metrics.reject(.slowRequest) })]))
        let server: HTTPServerBuilder
        if let tls = configuration.tls {
            server = try .tls(http, tlsConfiguration: try Self.tlsConfiguration(certificate: tls.certificate, key: tls.key))
        } else {
            server = http
        }
        let logger = logger
        let app = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "iceprobe"),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? 0)
            },
            logger: Self.quiet(logger))
        if handleSignals {
            try await app.runService(gracefulShutdownSignals: [UnixSignal.sigterm, UnixSignal.sigint])
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
        logger.info("collector stopped")
    }

    /// Hummingbird's own per-request logging is kept at warning (no request lines, never headers).
    static func quiet(_ logger: Logger) -> Logger {
        var copy = logger
        if copy.logLevel < .warning { copy.logLevel = .warning }
        return copy
    }

    /// The server TLS configuration from PEM files (TLS 1.2 or later).
    public static func tlsConfiguration(certificate: String, key: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
        let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
