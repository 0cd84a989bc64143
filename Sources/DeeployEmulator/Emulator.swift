import DeeployPayload
import Foundation
public import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle

/// A local stand-in for Deeploy's inference API, on Hummingbird and the payload gate.
///
/// It serves `POST /workspaces/WS/deployments/ID/{predict,explain,completions,chat/completions,embeddings}`
/// and `GET /workspaces/WS/deployments/ID/{requestLogs,predictionLogs}` for each
/// ``EmulatedDeployment``, answering as Deeploy does:
/// - 404 for an unknown workspace, deployment or endpoint, with `{"statusCode", "error", "message"}`;
/// - 401 without valid credentials, with a `WWW-Authenticate` challenge;
/// - for a payload the `PayloadGate` refuses, its status (413, 415, 400) and its RFC 9457
///   problem body; a missing Content-Type is JSON;
/// - otherwise the model stub's answer (see ``EmulatedModel``), logged by Deeploy's rule in
///   the ``EmulatorLogStore`` unless the query has `skipLog=true`;
/// - for `completions` and `chat/completions` with `stream=true` (the query parameter, else a
///   top-level `"stream": true` in the body, as Deeploy's Python client decides), the same
///   answer as server-sent events: `text/event-stream`, OpenAI-style `data: {chunk}` events
///   word by word, then `data: [DONE]`; the request log says `streaming: true`.
///
/// Tests start it in-process on an ephemeral port:
///
/// ```swift
/// try await Emulator.withRunning(configuration) { emulator in
///     let url = emulator.deploymentURL(workspace: "ws", deployment: "dep") + "/predict"
///     // ... call it, then read emulator.logs
/// }
/// ```
///
/// The `deeploy-emulator` executable runs the same application with ``run(_:logger:onRunning:)``.
public enum Emulator {
    /// The Hummingbird application serving `configuration`, logging into `logs`.
    ///
    /// `onRunning` is called once the server listens, with the port it bound (the one the
    /// system chose, for port 0). Run the application with `runService()` (stopping on SIGINT
    /// and SIGTERM) or inside a `ServiceGroup`.
    public static func makeApplication(
        _ configuration: EmulatorConfiguration, logs: EmulatorLogStore, logger: Logger = Logger(label: "deeploy-emulator"),
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let responder = try EmulatorResponder(configuration: configuration, logs: logs, logger: logger)
        return Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "deeploy-emulator"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// A logger for emulators in tests: warnings and errors only, so a test run is not filled
    /// with each server's start-up line.
    public static var quietLogger: Logger {
        var logger = Logger(label: "deeploy-emulator")
        logger.logLevel = .warning
        return logger
    }

    /// The log store for `configuration`: in its ``EmulatorConfiguration/logDirectory``, or in
    /// a new directory under the system's temporary directory.
    public static func makeLogStore(_ configuration: EmulatorConfiguration) throws -> EmulatorLogStore {
        let directory = configuration.logDirectory
            ?? (NSTemporaryDirectory() + "deeploy-emulator-" + UUID().uuidString.lowercased())
        return try EmulatorLogStore(directory: directory)
    }

    /// Runs the emulator until SIGINT or SIGTERM; `onRunning` gets the bound port.
    public static func run(
        _ configuration: EmulatorConfiguration, logger: Logger = Logger(label: "deeploy-emulator"),
        onRunning: @escaping @Sendable (Int, EmulatorLogStore) async -> Void = { _, _ in }
    ) async throws {
        let logs = try makeLogStore(configuration)
        let application = try makeApplication(configuration, logs: logs, logger: logger) { port in await onRunning(port, logs) }
        try await application.runService()
    }

    /// Starts the emulator in this process, runs `body` with it once it listens, then stops it.
    ///
    /// The server runs until `body` returns or throws, then shuts down gracefully (calls in
    /// flight finish, idle connections close); `body`'s result is returned. Use port 0 (the
    /// default) so parallel tests never collide.
    public static func withRunning<Result: Sendable>(
        _ configuration: EmulatorConfiguration, logger: Logger = quietLogger,
        _ body: @Sendable (RunningEmulator) async throws -> Result
    ) async throws -> Result {
        let logs = try makeLogStore(configuration)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = try makeApplication(configuration, logs: logs, logger: logger) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await services.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                // The server stopped before it listened: its error is the one to report.
                try await group.next().map { _ in }
                throw EmulatorConfigurationError.invalid("the emulator stopped before it listened on \(configuration.host):\(configuration.port).")
            }
            let running = RunningEmulator(host: configuration.host, port: port, logs: logs)
            // A graceful shutdown closes idle connections and lets calls in flight finish;
            // cancelling instead would log each open connection as an error.
            do {
                let result = try await body(running)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}

/// An emulator listening in this process: its address and its logs.
public struct RunningEmulator: Sendable {
    /// The address it listens on.
    public var host: String
    /// The port it bound.
    public var port: Int
    /// Its logs.
    public var logs: EmulatorLogStore

    /// `http://HOST:PORT`.
    public var baseURL: String { "http://\(host):\(port)" }

    /// `http://HOST:PORT/workspaces/WS/deployments/ID`, a deployment's URL as
    /// `deeploy-payload send --url` takes it.
    public func deploymentURL(workspace: String, deployment: String) -> String {
        "\(baseURL)/workspaces/\(workspace)/deployments/\(deployment)"
    }
}
