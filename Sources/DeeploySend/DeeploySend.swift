import ArgumentParser
import DeeployCLISupport
import DeeployClient
import DeeployPayload
import StrictJSON
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `deeploy-send FILE` (also run as `deeploy-payload send FILE`): judges a payload, sends it to
/// a deployment, prints the answer.
struct DeeploySend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deeploy-send",
        abstract: "Judge a payload, send it to a deployment, and print the decoded answer.\nExample: deeploy-send cat.png --url http://127.0.0.1:8080/workspaces/ws/deployments/dep",
        discussion: """
            The payload is judged first, with the Content-Type --declared gives or, without it, \
            the type its verdict recommends; a refused payload is never sent. A file is judged in \
            a first pass and then streamed from disk; standard input ('-') that is a pipe is read \
            whole (up to --max-size) before it is judged.

            The deployment is --url http(s)://HOST[:PORT]/workspaces/WS/deployments/ID, or \
            --host H --workspace WS --deployment ID for https://api.H/workspaces/WS/deployments/ID. \
            Credentials come from --token, or --access-key and --secret-key, or the environment: \
            DEEPLOY_TOKEN, or DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY. 5xx, 429 and connection \
            failures are retried (--retries) with exponential backoff and jitter.

            Output: a JSON answer printed pretty, or a binary answer's type, size and SHA-256. \
            JSON output: {"status", "kind" ("json" or "binary"), "mediaType", "size", "value"}, \
            with "sha256" for a binary answer (whose value is null). A refused payload or an HTTP \
            error prints the reasons or the server's status and message on standard error; with \
            --format json an HTTP error also prints {"status", "error"}.

            Exit status: 0 when the deployment answered 2xx, 1 when the payload was refused, \
            the call failed or the answer was an error, 2 for usage errors.

            deeploy-payload send runs this program, deeploy-send, which is installed beside it: \
            deeploy-payload itself does not link the HTTP client, so that its other commands start \
            fast.

            Examples:
              DEEPLOY_TOKEN=… deeploy-payload send request.json --url http://127.0.0.1:8080/workspaces/ws/deployments/dep
              deeploy-payload send cat.png --host example.deeploy.ml --workspace ws --deployment dep --format json
            """
    )

    @Argument(help: ArgumentHelp("The payload file; '-' reads standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The deployment's URL: http(s)://HOST[:PORT]/workspaces/WS/deployments/ID.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("The Deeploy host (requests go to https://api.HOST); with --workspace and --deployment.", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("The workspace id, with --host.", valueName: "id"))
    var workspace: String?

    @Option(help: ArgumentHelp("The deployment id, with --host.", valueName: "id"))
    var deployment: String?

    @Option(help: "The endpoint to call.")
    var endpoint = EndpointArgument(.predict)

    @Option(help: ArgumentHelp("The Content-Type to declare; without it, the type the payload's verdict recommends.", valueName: "type"))
    var declared: String?

    @OptionGroup var credentials: CredentialOptions

    @OptionGroup var organization: OrganizationOption

    @Option(help: ArgumentHelp("Retries after a 5xx, 429 or connection failure.", valueName: "n"))
    var retries = 3

    @Option(help: ArgumentHelp("Refuse a payload larger than this: bytes, or with a K, M or G suffix (1024-based).", valueName: "size"))
    var maxSize = ByteCount(bytes: 1 << 30)

    @Option(help: "Output format: text (pretty JSON, or a binary summary) or json (one object).")
    var format: TextOrJSON = .text

    @Option(help: .private)
    var benchCalls: Int?

    @Option(help: .private)
    var benchConcurrency = 32

    func validate() throws {
        switch (url, host, workspace, deployment) {
        case (_?, nil, nil, nil), (nil, _?, _?, _?):
            break
        case (_?, _, _, _):
            throw ValidationError("Give --url, or --host with --workspace and --deployment, not both.")
        default:
            throw ValidationError("Give the deployment: --url URL, or --host H --workspace WS --deployment ID.")
        }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more, not \(retries).") }
        _ = try credentials.source()
    }

    func run() async throws {
        let address: DeploymentAddress
        do {
            address = try url.map { try DeploymentAddress(url: $0) }
                ?? DeploymentAddress(host: host ?? "", workspaceID: workspace ?? "", deploymentID: deployment ?? "")
        } catch {
            StandardError.writeLine("deeploy-send: \(error)")
            throw ExitCode.usage
        }
        let checked: Credentials
        do {
            checked = try credentials.source().credentials()
        } catch {
            StandardError.writeLine("deeploy-send: \(error)")
            throw ExitCode.rejected
        }
        var configuration = DeeployClient.Configuration(organizationID: organization.organizationId)
        configuration.policy.maximumSize = maxSize.bytes
        configuration.streamBufferLimit = maxSize.bytes
        configuration.retry.maximumRetries = retries
        let progress = UploadProgress(isEnabled: isatty(2) == 1)
        configuration.uploadProgress = { sent, total in progress.update(sent: sent, total: total) }
        if file == "-" && isatty(0) == 1 {
            StandardError.writeLine("deeploy-send: reading the payload from standard input (this terminal); end it with Ctrl-D.")
        }
        if benchCalls != nil { configuration.maximumConnections = benchConcurrency }
        let payload = Payload.file(path: file == "-" ? "/dev/stdin" : file, declared: declared)
        let client: DeeployClient
        do {
            client = try DeeployClient(deployment: address, authentication: .credentials(checked), configuration: configuration)
        } catch {
            StandardError.writeLine("deeploy-send: \(error)")
            throw ExitCode.rejected
        }
        if let benchCalls {
            // Hidden: scripts/emulator-throughput.py's DeeployClient row (see Bench).
            guard let bytes = Bench.contents(of: file) else {
                try? await client.shutdown()
                StandardError.writeLine("deeploy-send: cannot read '\(file)'.")
                throw ExitCode.rejected
            }
            let result = await Bench.run(
                client: client, payload: bytes, declared: declared, endpoint: endpoint.endpoint, calls: benchCalls, concurrency: benchConcurrency)
            try? await client.shutdown()
            StandardOutput.writeJSON(result)
            return
        }
        let outcome: Result<InferenceResponse, DeeployClientError>
        do {
            outcome = .success(try await client.call(payload, endpoint: endpoint.endpoint))
        } catch {
            outcome = .failure(error)
        }
        progress.clear()
        try? await client.shutdown()
        switch outcome {
        case .success(let response):
            SendReport(response: response).write(format)
        case .failure(let error):
            report(error)
            throw ExitCode.rejected
        }
    }

    private func report(_ error: DeeployClientError) {
        let name = file == "-" ? "standard input" : "'\(file)'"
        switch error {
        case .refused(let verdict):
            StandardError.writeLine("deeploy-send: \(name) was refused; nothing was sent:")
            for reason in verdict.reasons { StandardError.writeLine("  \(reason.code): \(reason.message)") }
            if let suggested = verdict.suggestedContentType { StandardError.writeLine("  suggested Content-Type: \(suggested)") }
        case .http(let failure):
            StandardError.writeLine("deeploy-send: \(failure)")
            if format == .json {
                let message: JSONValue = failure.message.map { .string($0) } ?? .null
                StandardOutput.writeJSON(.object(["status": .number(JSONNumber(failure.status)), "error": message]))
            }
        case .unreadablePayload(let path, let reason) where path == "/dev/stdin":
            StandardError.writeLine("deeploy-send: standard input cannot be read (\(reason)); nothing was sent.")
        default:
            StandardError.writeLine("deeploy-send: \(error)")
        }
    }
}
