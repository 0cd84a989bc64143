import ArgumentParser
import DeeployPayload
import Foundation
import Logging

/// `deeploy-gateway`: the command line. Every option has an environment variable as its
/// fallback, for containers; a flag given wins over the variable.
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deeploy-gateway",
        abstract: "A validating reverse proxy in front of a Deeploy deployment.",
        discussion: """
            Judges every request body as it streams in (declared type against the bytes, strict \
            JSON, size, gzip and deflate decoding, multipart/form-data) and forwards accepted \
            requests to the upstream: method, path, query, headers (Authorization included; \
            hop-by-hop fields dropped) and the accepted bytes, decoded, with their effective \
            Content-Type. The upstream's response streams back as it arrives. Refusals are \
            answered by the gateway with an RFC 9457 application/problem+json body (400, 401, \
            413, 415); an upstream that cannot be reached gives 502. SIGINT and SIGTERM stop \
            it after the requests in flight.

            Example:
              deeploy-gateway --upstream http://127.0.0.1:8081 --port 8080 --max-size 10M
            """
    )

    @Option(help: "The base URL requests are forwarded to, such as http://127.0.0.1:8081 (env: DEEPLOY_GATEWAY_UPSTREAM).")
    var upstream: String?

    @Option(help: "The address to listen on (env: DEEPLOY_GATEWAY_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on, 0 for any free one (env: DEEPLOY_GATEWAY_PORT; default 8080).")
    var port: Int?

    @Option(help: "The largest body accepted, decoded, as in 10M, 512K, 1048576 (env: DEEPLOY_GATEWAY_MAX_SIZE; default 10M).")
    var maxSize: String?

    @Flag(help: "Use the strict policy: refuse subtype mismatches, scriptable content and polyglots (env: DEEPLOY_GATEWAY_STRICT=1).")
    var strict = false

    @Flag(help: "Refuse a malformed Authorization header with 401 (env: DEEPLOY_GATEWAY_CHECK_AUTHORIZATION=1).")
    var checkAuthorization = false

    @Option(help: "Seconds the upstream may stay silent before 504 (env: DEEPLOY_GATEWAY_UPSTREAM_TIMEOUT; default 60).")
    var upstreamTimeout: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env: DEEPLOY_GATEWAY_LOG_LEVEL; default info).")
    var logLevel: String?

    @OptionGroup(visibility: .private)
    var bench: BenchOptions

    /// The settings from the flags, then the environment, then the defaults.
    func settings(environment: [String: String]) throws -> GatewaySettings {
        guard let upstreamText = upstream ?? environment[GatewayEnvironment.upstream] else {
            throw ValidationError("give the upstream to forward to: --upstream http://host:port, or DEEPLOY_GATEWAY_UPSTREAM.")
        }
        var settings: GatewaySettings
        switch UpstreamURL.parse(upstreamText) {
        case .success(let url): settings = GatewaySettings(upstream: url)
        case .failure(let error): throw ValidationError(error.description)
        }
        if let host = host ?? environment[GatewayEnvironment.host] { settings.host = host }
        if let port { settings.port = port } else if let text = environment[GatewayEnvironment.port] {
            settings.port = try Self.integer(text, variable: GatewayEnvironment.port)
        }
        guard (0...65535).contains(settings.port) else {
            throw ValidationError("the port \(settings.port) is not between 0 and 65535.")
        }
        if let text = maxSize ?? environment[GatewayEnvironment.maximumSize] {
            guard let size = ByteCount(text), size.bytes > 0 else {
                throw ValidationError("the maximum size \(text.debugDescription) is not a size: give bytes, or a number with K, M or G (1024-based), such as 10M.")
            }
            settings.maximumSize = size.bytes
        }
        settings.isStrict = try strict || Self.flag(environment, GatewayEnvironment.strict)
        settings.checksAuthorization = try checkAuthorization || Self.flag(environment, GatewayEnvironment.checkAuthorization)
        if let upstreamTimeout { settings.upstreamTimeout = upstreamTimeout } else if let text = environment[GatewayEnvironment.upstreamTimeout] {
            settings.upstreamTimeout = try Self.integer(text, variable: GatewayEnvironment.upstreamTimeout)
        }
        guard settings.upstreamTimeout > 0 else { throw ValidationError("the upstream timeout must be at least 1 second.") }
        if let text = logLevel ?? environment[GatewayEnvironment.logLevel] {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ValidationError("the log level \(text.debugDescription) is not one of trace, debug, info, notice, warning, error, critical.")
            }
            settings.logLevel = level
        }
        return settings
    }

    static func integer(_ text: String, variable: String) throws -> Int {
        guard let value = Int(text) else { throw ValidationError("\(variable)=\(text.debugDescription) is not a whole number.") }
        return value
    }

    static func flag(_ environment: [String: String], _ variable: String) throws -> Bool {
        guard let text = environment[variable] else { return false }
        guard let value = GatewayEnvironment.flag(text) else {
            throw ValidationError("\(variable)=\(text.debugDescription) is not a boolean: give 1 or 0 (true/false, yes/no, on/off).")
        }
        return value
    }

    /// Parses the process's arguments and runs the command; exits on an error.
    static func parseAndRun() async {
        do {
            var command: any AsyncParsableCommand = try parse()
            try await command.run()
        } catch {
            exit(withError: error)
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if let mode = bench.benchEcho {
            try await BenchServer.run(mode: mode, options: bench, host: host ?? "127.0.0.1", port: port ?? 8080)
            return
        }
        let settings = try settings(environment: environment)
        var logger = Logger(label: "deeploy-gateway")
        logger.logLevel = settings.logLevel
        let server = try GatewayServer(settings: settings, logger: logger)
        let group = server.makeServiceGroup { address in
            Output.line(GatewayServer.listeningLine(address, upstream: settings.upstream))
        }
        try await group.run()
    }
}

/// Standard output, written at once: the bound address must reach a pipe reader (a script, a
/// test) while the server runs, not when a buffer fills.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
