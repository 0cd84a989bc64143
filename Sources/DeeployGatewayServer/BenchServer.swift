import ArgumentParser
import DeeployGatewayKit
import DeeployHummingbird
import DeeployPayload
import Hummingbird
import Logging
import ServiceLifecycle

/// Hidden options for the load scripts (scripts/gateway-load.sh): run a bare Hummingbird
/// server instead of the gateway, so the scripts measure the middleware and the proxy against
/// a baseline built by the same release build.
struct BenchOptions: ParsableArguments {
    @Option(help: .private)
    var benchEcho: BenchServer.Mode?

    @Option(help: .private)
    var benchMaxSize: Int = 10 << 20
}

/// A Hummingbird server whose one handler reads the request body whole and answers
/// `{"bytes":N}`, on every path and for POST, PUT and GET:
/// - `plain`: no middleware; the handler collects the body (up to `--bench-max-size`);
/// - `judged`: the DeeployHummingbird middleware first, with the Deeploy policy and a
///   `--bench-max-size` limit; the handler collects the replayed body the same way.
///
/// The difference between the two is the cost of judging. `plain` also serves as the upstream
/// when the scripts measure deeploy-gateway's added latency.
enum BenchServer {
    /// Which server to run.
    enum Mode: String, ExpressibleByArgument, Sendable {
        case plain, judged
    }

    static func run(mode: Mode, options: BenchOptions, host: String, port: Int) async throws {
        var logger = Logger(label: "deeploy-gateway-bench")
        logger.logLevel = .error
        // The same context in both modes, so the only difference is the middleware.
        let router = Router(context: BasicPayloadRequestContext.self)
        if mode == .judged {
            var policy = AcceptancePolicy.deeploy
            policy.maximumSize = options.benchMaxSize
            let gateway = PayloadGateway(gate: PayloadGate(sniffer: try Sniffer(), policy: policy))
            router.add(middleware: PayloadMiddleware(gateway: gateway))
        }
        let limit = options.benchMaxSize
        let handler: @Sendable (Request, BasicPayloadRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: limit)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"bytes":\#(body.readableBytes)}"#)))
        }
        for method in [HTTPRequest.Method.post, .put, .get] {
            router.on("**", method: method, use: handler)
        }
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port.map(String.init) ?? "?"
                Output.line("deeploy-gateway bench server (\(mode.rawValue)) listening on http://\(host):\(port)")
            },
            logger: logger
        )
        try await app.runService()
    }
}
