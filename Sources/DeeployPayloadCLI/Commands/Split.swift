import ArgumentParser
import DeeployCLISupport
import DeeployPayload

/// `deeploy-payload split`: the request log and prediction logs Deeploy makes of one call.
struct Split: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the request log and prediction logs of one inference call.\nExample: deeploy-payload split \\\n  --request req.json --response resp.json",
        discussion: """
            A call is split into one prediction log per entry when the request's instances or \
            inputs (or prompt, for completions) has several entries and the response's \
            predictions and explanations (or choices) have as many. Otherwise there is one \
            prediction log, and the request log says why. Bodies that are not JSON are kept \
            as binary objects (media type, size, SHA-256).

            JSON output: {"requestLog": {"endpoint", "status", "request", "response", \
            "outcome", "split", "noSplitReason"}, "predictionLogs": [{"index", "requestBody", \
            "responseBody"}, ...]}; each side of the request log is {"contentType", "size", \
            "stored" (json or binary), "sha256" (binary only), "body"}; bodies are JSON values, \
            or null when kept as binary objects.

            Exit status: 0 when both files are read (split or not), 1 when a file cannot be \
            read or is too large, or a type is invalid, 2 for usage errors.

            Examples:
              deeploy-payload split --request req.json --response resp.json
              deeploy-payload split --request scan.png --request-type image/png \\
                  --response resp.json --format json
              deeploy-payload split --endpoint chat/completions \\
                  --request chat.json --response answer.json
            """
    )

    @Option(help: ArgumentHelp("The request body file ('-' for standard input).", valueName: "file"))
    var request: String

    @Option(help: ArgumentHelp("The response body file ('-' for standard input).", valueName: "file"))
    var response: String

    @Option(help: ArgumentHelp("The request's Content-Type; without it the request is JSON (Deeploy's default).", valueName: "type"))
    var requestType: String?

    @Option(help: ArgumentHelp("The response's Content-Type; without it the response is sniffed.", valueName: "type"))
    var responseType: String?

    @Option(help: ArgumentHelp("The response's HTTP status (100-599); only 2xx calls are split.", valueName: "code"))
    var status = 200

    @Option(help: ArgumentHelp("The endpoint called: predict, explain, completions, chat/completions or embeddings.", valueName: "endpoint"))
    var endpoint = EndpointArgument(.predict)

    @Option(help: "Output format: text (a readable preview) or json (the request log and prediction logs as objects).")
    var format: TextOrJSON = .text

    @Option(help: ArgumentHelp("Refuse a body larger than this: bytes, or with a K, M or G suffix (1024-based).", valueName: "size"))
    var maxSize = FileContents.defaultLimit

    func validate() throws {
        guard (100...599).contains(status) else {
            throw ValidationError("--status must be an HTTP status from 100 to 599, not \(status).")
        }
        if request == "-" && response == "-" {
            throw ValidationError("--request and --response cannot both read standard input.")
        }
    }

    func run() async throws {
        let split: LazyLogSplit
        do {
            let requestBody = LoggedBody(contentType: try requestType.map(MediaType.parse), bytes: try await FileContents.read(request, limit: maxSize))
            let responseBody = LoggedBody(contentType: try responseType.map(MediaType.parse), bytes: try await FileContents.read(response, limit: maxSize))
            let splitter = LogSplitter(sniffer: try? Sniffer(configuration: SnifferConfiguration(poolSize: 1)))
            split = splitter.splitLazily(request: requestBody, response: responseBody, status: status, endpoint: endpoint.endpoint)
        } catch {
            StandardError.writeLine("deeploy-payload split: \(error)")
            throw ExitCode.rejected
        }
        // The logs are written as they are made, so only the bodies and one log are held.
        let report = SplitReport(split: split, requestTypeGiven: requestType != nil, responseTypeGiven: responseType != nil)
        report.write(format, to: OutputWriter())
    }
}
