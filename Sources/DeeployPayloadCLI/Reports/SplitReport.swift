import DeeployPayload
import StrictJSON

/// What `split` prints of a log split: the request log and its prediction logs.
///
/// JSON: `{"requestLog": {...}, "predictionLogs": [{"index", "requestBody", "responseBody"}, ...]}`,
/// with the request log as `{"endpoint", "status", "request", "response", "outcome", "split",
/// "noSplitReason"}` and each of its sides as `{"contentType", "size", "stored", "sha256", "body"}`.
/// Text: a readable preview of the same, with each prediction log's exact JSON bytes.
struct SplitReport: CommandReport {
    /// The split to print.
    let split: LogSplit
    /// Whether --request-type was given (else the request is taken as JSON).
    var requestTypeGiven = false
    /// Whether --response-type was given (else the response was sniffed).
    var responseTypeGiven = false

    /// Whether a side's type was given on the command line.
    private func declared(_ side: NoSplitReason.Side) -> Bool {
        side == .request ? requestTypeGiven : responseTypeGiven
    }

    // MARK: JSON

    /// `{"requestLog", "predictionLogs"}`. Bodies are JSON values, or null for a side kept as
    /// a binary object.
    var json: JSONValue {
        var ignored: RawJSONBodies?
        return json(keeping: &ignored)
    }

    /// The JSON form with every body that repeats a member name kept as its exact bytes.
    var jsonKeepingBodies: (value: JSONValue, bodies: RawJSONBodies) {
        var bodies: RawJSONBodies? = RawJSONBodies()
        let value = json(keeping: &bodies)
        return (value, bodies ?? RawJSONBodies())
    }

    /// The JSON form; with `bodies`, a body that repeats a member name becomes a placeholder there.
    private func json(keeping bodies: inout RawJSONBodies?) -> JSONValue {
        .object([
            "requestLog": json(of: split.requestLog, keeping: &bodies),
            "predictionLogs": .array(split.predictionLogs.map { Self.json(of: $0, keeping: &bodies) }),
        ])
    }

    /// `parsed` for `bytes`, or their placeholder in `bodies`.
    private static func body(_ bytes: [UInt8]?, parsed: JSONValue, keeping bodies: inout RawJSONBodies?) -> JSONValue {
        guard bodies != nil, parsed != .null else { return parsed }
        return bodies!.value(bytes, parsed: parsed)
    }

    /// `{"endpoint", "status", "request", "response", "outcome", "split", "noSplitReason"}`:
    /// each side as ``json(of:)-(LoggedPayload)``, `outcome` the stable code (`split` or a
    /// ``NoSplitReason/code``), `split` the plan (`{"requestKey", "responseKeys", "count"}`) or
    /// null, and `noSplitReason` a sentence or null.
    func json(of log: RequestLog) -> JSONValue {
        var ignored: RawJSONBodies?
        return json(of: log, keeping: &ignored)
    }

    private func json(of log: RequestLog, keeping bodies: inout RawJSONBodies?) -> JSONValue {
        .object([
            "endpoint": .string(log.endpoint.description),
            "status": .number(JSONNumber(log.status)),
            "request": Self.json(of: log.request, keeping: &bodies),
            "response": Self.json(of: log.response, keeping: &bodies),
            "outcome": .string(log.outcome.code),
            "split": log.splitPlan.map { plan in
                .object([
                    "requestKey": .string(plan.requestKey),
                    "responseKeys": .array(plan.responseKeys.map(JSONValue.string)),
                    "count": .number(JSONNumber(plan.count)),
                ])
            } ?? .null,
            "noSplitReason": log.noSplitReason.map { .string(CLIWording.noSplitReason($0, declared: declared)) } ?? .null,
        ])
    }

    /// `{"contentType", "size", "stored", "sha256", "body"}`: `stored` is `json` or `binary`;
    /// `sha256` is the digest of a binary object (null for JSON); `body` is the JSON value
    /// (null for a binary object).
    static func json(of payload: LoggedPayload) -> JSONValue {
        var ignored: RawJSONBodies?
        return json(of: payload, keeping: &ignored)
    }

    private static func json(of payload: LoggedPayload, keeping bodies: inout RawJSONBodies?) -> JSONValue {
        .object([
            "contentType": .string(payload.mediaType.description),
            "size": .number(JSONNumber(payload.bytes.count)),
            "stored": .string(payload.isJSON ? "json" : "binary"),
            "sha256": payload.binaryObject.map { .string($0.sha256) } ?? .null,
            "body": body(payload.bytes, parsed: ((try? payload.json()) ?? nil) ?? .null, keeping: &bodies),
        ])
    }

    /// `{"index", "requestBody", "responseBody"}`, bodies as JSON values or null.
    static func json(of prediction: PredictionLog) -> JSONValue {
        var ignored: RawJSONBodies?
        return json(of: prediction, keeping: &ignored)
    }

    private static func json(of prediction: PredictionLog, keeping bodies: inout RawJSONBodies?) -> JSONValue {
        .object([
            "index": .number(JSONNumber(prediction.index)),
            "requestBody": body(prediction.requestBody, parsed: ((try? prediction.requestJSON()) ?? nil) ?? .null, keeping: &bodies),
            "responseBody": body(prediction.responseBody, parsed: ((try? prediction.responseJSON()) ?? nil) ?? .null, keeping: &bodies),
        ])
    }

    // MARK: Text

    func writeText(to output: OutputWriter) {
        let log = split.requestLog
        output.writeLine("request log: status \(log.status), endpoint \(log.endpoint)")
        output.writeLine("  request:  " + Self.summary(of: log.request))
        output.writeLine("  response: " + Self.summary(of: log.response))
        output.writeLine("  outcome:  " + CLIWording.outcome(log.outcome, declared: declared))
        for prediction in split.predictionLogs {
            output.writeLine("prediction log \(prediction.index)")
            output.writeLine("  request:  " + Self.body(prediction.requestBody, else: log.request))
            output.writeLine("  response: " + Self.body(prediction.responseBody, else: log.response))
        }
    }

    /// `image/png, 68 bytes, stored as binary object, sha256 …`, or `…, stored as JSON`.
    private static func summary(of payload: LoggedPayload) -> String {
        let stored = payload.binaryObject.map { "binary object, sha256 \($0.sha256)" } ?? "JSON"
        return "\(payload.mediaType), \(payload.bytes.count) bytes, stored as \(stored)"
    }

    /// The exact JSON bytes of a body, or where the bytes went instead. The line ending that
    /// ends a body (LF or CR LF, JSON whitespace) is left out: the preview ends the line itself.
    private static func body(_ bytes: [UInt8]?, else payload: LoggedPayload) -> String {
        guard let bytes else { return "(binary object in the request log: \(payload.mediaType), \(payload.bytes.count) bytes)" }
        var shown = bytes[...]
        if shown.last == UInt8(ascii: "\n") { shown.removeLast() }
        if shown.last == UInt8(ascii: "\r") { shown.removeLast() }
        return String(decoding: shown, as: UTF8.self)
    }
}
