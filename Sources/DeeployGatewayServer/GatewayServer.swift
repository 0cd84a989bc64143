import AsyncHTTPClient
import DeeployGatewayKit
import DeeployPayload
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// deeploy-gateway assembled: the Hummingbird application that judges requests, the HTTP client
/// that forwards them, and the service group that runs both and stops them in order.
struct GatewayServer: Sendable {
    /// The settings it runs with.
    let settings: GatewaySettings
    /// The rules bodies are judged by.
    let gateway: PayloadGateway
    /// The client that forwards accepted requests; shut down by the service group.
    let client: HTTPClient
    /// The process's logger.
    let logger: Logger

    /// Assembles the gateway; starts nothing.
    ///
    /// - Throws: ``SniffError`` when libmagic cannot be loaded.
    init(settings: GatewaySettings, logger: Logger) throws {
        let sniffer = try Sniffer()
        self.settings = settings
        self.logger = logger
        gateway = PayloadGateway(gate: PayloadGate(sniffer: sniffer, policy: settings.policy), checksAuthorization: settings.checksAuthorization)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Self.clientConfiguration(settings), backgroundActivityLogger: logger)
    }

    /// The forwarding client's configuration: no redirects followed (a proxy passes them on),
    /// no decompression (the response's bytes pass through as sent), a connect timeout of 10
    /// seconds and a read timeout of ``GatewaySettings/upstreamTimeout``, and up to 256
    /// connections to the upstream, so 64 or more concurrent requests do not queue for one.
    static func clientConfiguration(_ settings: GatewaySettings) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(Int64(settings.upstreamTimeout))),
            decompression: .disabled
        )
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        return configuration
    }

    /// The Hummingbird application: every method and path goes to the ``ProxyResponder``.
    func makeApplication(onRunning: @escaping @Sendable (SocketAddress?) async -> Void) -> some ApplicationProtocol {
        let responder = ProxyResponder(
            gateway: gateway, upstream: settings.upstream, client: client,
            upstreamTimeout: .seconds(Int64(settings.upstreamTimeout))
        )
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress) },
            logger: logger
        )
    }

    /// The service group that runs the application and, after it, shuts the HTTP client down.
    ///
    /// On graceful shutdown (SIGTERM or SIGINT when `handlesSignals`, or
    /// `ServiceGroup.triggerGracefulShutdown()`) the server stops accepting connections and
    /// finishes the requests in flight; then the client is shut down and `run()` returns.
    func makeServiceGroup(
        handlesSignals: Bool = true,
        onRunning: @escaping @Sendable (SocketAddress?) async -> Void
    ) -> ServiceGroup {
        // Services shut down in reverse order: the application first, then the client it uses.
        ServiceGroup(configuration: .init(
            services: [HTTPClientService(client: client), makeApplication(onRunning: onRunning)],
            gracefulShutdownSignals: handlesSignals ? [.sigterm, .sigint] : [],
            logger: logger
        ))
    }

    /// The line printed once the server listens.
    static func listeningLine(_ address: SocketAddress?, upstream: UpstreamURL) -> String {
        let bound: String
        if let address, let ip = address.ipAddress, let port = address.port {
            bound = address.protocol == .inet6 ? "http://[\(ip)]:\(port)" : "http://\(ip):\(port)"
        } else {
            bound = address.map { "\($0)" } ?? "an unknown address"
        }
        return "deeploy-gateway listening on \(bound), forwarding to \(upstream)"
    }
}

/// Keeps the HTTP client alive while the group runs, and shuts it down when the group shuts
/// down (gracefully or by cancellation).
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        // Returns on graceful shutdown, throws on cancellation: either way, shut down.
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
