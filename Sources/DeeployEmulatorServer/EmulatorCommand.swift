import ArgumentParser
import DeeployEmulator
import DeeployPayload
import Foundation
import Logging

/// `deeploy-emulator`: a local stand-in for Deeploy's inference API.
@main
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deeploy-emulator",
        abstract: "A local stand-in for Deeploy's inference API, judging payloads as Deeploy does and logging every call.",
        discussion: """
            Serves POST /workspaces/WS/deployments/ID/{predict,explain,completions,chat/completions,embeddings}
            and GET .../requestLogs and .../predictionLogs. completions and chat/completions with stream=true
            (query, else "stream": true in the body) answer as server-sent events ending with data: [DONE].
            Prints the address it listens on, then runs until SIGINT or SIGTERM.

              deeploy-emulator --port 8080 --workspace ws --deployment dep --token t0k3n
              deeploy-emulator --port 8080 --config deployments.json
            """)

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind; 0 lets the system choose (the address printed says which).")
    var port = 8080

    @Option(help: "The workspace id of the one deployment served (without --config).")
    var workspace: String?

    @Option(help: "The deployment id of the one deployment served (without --config).")
    var deployment: String?

    @Option(help: "A deployment token accepted as Bearer; repeat for several.")
    var token: [String] = []

    @Option(help: "The access key of a personal key pair accepted as Basic (with --secret-key).")
    var accessKey: String?

    @Option(help: "The secret key of that pair (with --access-key).")
    var secretKey: String?

    @Option(help: "The model stub: echo (answers with what it is sent) or constant (answers with --response).")
    var model = "echo"

    @Option(help: "The file the constant model answers with.")
    var response: String?

    @Option(help: "The Content-Type of --response (default: application/json when the file is JSON, else application/octet-stream).")
    var responseType: String?

    @Option(help: "A JSON file listing several deployments, instead of --workspace and --deployment.")
    var config: String?

    @Option(help: "Where binary objects (non-JSON bodies) are stored (default: a new temporary directory).")
    var logDir: String?

    @Option(help: "The largest body accepted, in bytes, with an optional K, M or G suffix (default 256M); larger is 413.")
    var maxSize: String?

    @Option(help: "Answer every Nth inference call with 500, to test retries.")
    var failEvery: Int?

    @Flag(help: "Judge payloads by the strict policy (refuse subtype mismatches, scriptable content, polyglots).")
    var strict = false

    func validate() throws {
        if (accessKey == nil) != (secretKey == nil) { throw ValidationError("give both --access-key and --secret-key, or neither.") }
        if config != nil, workspace != nil || deployment != nil {
            throw ValidationError("give either --config or --workspace and --deployment, not both.")
        }
        if config == nil, workspace == nil || deployment == nil {
            throw ValidationError("give --workspace and --deployment (or --config FILE for several deployments).")
        }
        if let failEvery, failEvery < 1 { throw ValidationError("--fail-every must be 1 or more.") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535.") }
    }

    func run() async throws {
        var configuration: EmulatorConfiguration
        do {
            let deployments: [EmulatedDeployment]
            if let config {
                deployments = try EmulatorConfiguration.deployments(configFile: config)
            } else {
                let credentials = try EmulatorConfiguration.credentials(tokens: token, accessKey: accessKey, secretKey: secretKey)
                let model = try EmulatedModel.named(model, responsePath: response, responseType: responseType)
                deployments = [EmulatedDeployment(workspace: workspace!, id: deployment!, credentials: credentials, model: model)]
            }
            configuration = EmulatorConfiguration(host: host, port: port, deployments: deployments, logDirectory: logDir, failEvery: failEvery)
        } catch {
            throw ValidationError("\(error)")
        }
        if strict { configuration.policy = .strict }
        if let maxSize {
            guard let bytes = Self.byteCount(maxSize) else {
                throw ValidationError("--max-size \(maxSize) is not a size: give bytes, optionally with K, M or G (such as 10M).")
            }
            configuration.policy.maximumSize = bytes
        }
        var logger = Logger(label: "deeploy-emulator")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        let served = configuration.deployments
        let host = configuration.host
        try await Emulator.run(configuration, logger: logger) { port, logs in
            var lines = ["deeploy-emulator listening on http://\(host):\(port)"]
            for deployment in served {
                lines.append("  http://\(host):\(port)/workspaces/\(deployment.workspace)/deployments/\(deployment.id) (\(Self.describe(deployment)))")
            }
            lines.append("  binary objects in \(logs.directory)")
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }

    static func describe(_ deployment: EmulatedDeployment) -> String {
        let model = switch deployment.model {
        case .echo: "echo"
        case .constant(let body, let type): "constant \(type), \(body.count) bytes"
        }
        return deployment.credentials.isEmpty ? "\(model), open" : "\(model), \(deployment.credentials.count) credential(s)"
    }

    /// Bytes from `10`, `10K`, `10M` or `10G` (binary multiples).
    static func byteCount(_ text: String) -> Int? {
        let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30]
        guard let last = text.uppercased().last else { return nil }
        if let shift = shifts[last] { return Int(text.dropLast()).map { $0 << shift } }
        return Int(text)
    }
}
