import DeeployCLISupport
import DeeployPayload
import StrictJSON

/// What `split` prints of a log split: the request log and its prediction logs, written one
/// log at a time as they are made.
///
/// JSON: `{"requestLog": {...}, "predictionLogs": [{"index", "requestBody", "responseBody"}, ...]}`,
/// with the request log as `{"endpoint", "status", "request", "response", "outcome", "split",
/// "noSplitReason"}` and each of its sides as `{"contentType", "size", "stored", "sha256", "body"}`.
/// Text: a readable preview of the same, with each prediction log's exact JSON bytes.
///
/// Neither form builds a tree of a body. The JSON form has the library write each body from
/// the bytes the splitter validated, in the pretty layout (`LazyLogSplit.writePrettyJSON(of:…)`
/// and `writePredictionLogsPrettyJSON(…)`), which keeps every member, even a repeated name, and
/// is otherwise what serializing the parsed body wrote before. Issue 21, on a 100 MB call of
/// 100,000 instances (scripts/split-memory.sh, back to back on a busy machine): as one tree the
/// report peaked at 1,328 MiB of RSS (13.6 times the bodies) and took 4.4 s of CPU; written as
/// it is made, 155 MiB (1.6 times) and 1.05 s; without checking the bodies again for output,
/// about 0.4 s (see the split-speed commits).
struct SplitReport {
    /// The split to print; its prediction logs are made as they are written.
    let split: LazyLogSplit
    /// Whether --request-type was given (else the request is taken as JSON).
    var requestTypeGiven = false
    /// Whether --response-type was given (else the response was sniffed).
    var responseTypeGiven = false

    /// Whether a side's type was given on the command line.
    private func declared(_ side: NoSplitReason.Side) -> Bool {
        side == .request ? requestTypeGiven : responseTypeGiven
    }

    /// Writes the report in `format` and flushes the output.
    func write(_ format: TextOrJSON, to output: OutputWriter) {
        switch format {
        case .json: writeJSON(to: output)
        case .text: writeText(to: output)
        }
        output.flush()
    }

    // MARK: JSON

    /// `{"requestLog", "predictionLogs"}`, laid out as `JSONSerializer(pretty: true)` lays out
    /// a tree. Bodies are JSON values, or null for a side kept as a binary object.
    func writeJSON(to output: OutputWriter) {
        output.write("{\n  \"requestLog\": ")
        writeJSON(of: split.requestLog, to: output)
        output.write(",\n  \"predictionLogs\": ")
        // Written by the library from the bytes it validated when splitting, one entry at a
        // time, without splicing the bodies or checking them again.
        split.writePredictionLogsPrettyJSON(indent: 1) { output.write(chunk: $0) }
        output.write("\n}\n")
    }

    /// `{"endpoint", "status", "request", "response", "outcome", "split", "noSplitReason"}`:
    /// each side as `{"contentType", "size", "stored", "sha256", "body"}` (`stored` is `json` or
    /// `binary`, `sha256` the digest of a binary object or null, `body` the JSON value or null),
    /// `outcome` the stable code (`split` or a ``NoSplitReason/code``), `split` the plan
    /// (`{"requestKey", "responseKeys", "count"}`) or null, and `noSplitReason` a sentence or null.
    private func writeJSON(of log: RequestLog, to output: OutputWriter) {
        func side(_ side: NoSplitReason.Side) -> Member {
            let payload = side == .request ? log.request : log.response
            return .object([
                ("contentType", .value(.string(payload.mediaType.description))),
                ("size", .value(.number(JSONNumber(payload.bytes.count)))),
                ("stored", .value(.string(payload.isJSON ? "json" : "binary"))),
                ("sha256", .value(payload.binaryObject.map { .string($0.sha256) } ?? .null)),
                ("body", .body(side)),
            ])
        }
        let plan: JSONValue =
            log.splitPlan.map { plan in
                .object([
                    "requestKey": .string(plan.requestKey),
                    "responseKeys": .array(plan.responseKeys.map(JSONValue.string)),
                    "count": .number(JSONNumber(plan.count)),
                ])
            } ?? .null
        writeObject(
            [
                ("endpoint", .value(.string(log.endpoint.description))),
                ("status", .value(.number(JSONNumber(log.status)))),
                ("request", side(.request)),
                ("response", side(.response)),
                ("outcome", .value(.string(log.outcome.code))),
                ("split", .value(plan)),
                ("noSplitReason", .value(log.noSplitReason.map { .string(CLIWording.noSplitReason($0, declared: declared)) } ?? .null)),
            ], indent: 1, to: output)
    }

    /// A member's value in the JSON form: a small value, a body written from its bytes (null
    /// when there are none), or an object of such members.
    private indirect enum Member {
        case value(JSONValue)
        case body(NoSplitReason.Side)
        case object([(key: String, value: Member)])
    }

    /// Writes a non-empty object of `members` at level `indent`, as the pretty serializer does.
    private func writeObject(_ members: [(key: String, value: Member)], indent: Int, to output: OutputWriter) {
        let lineStart = "\n" + String(repeating: " ", count: 2 * (indent + 1))
        for (position, member) in members.enumerated() {
            output.write(position == 0 ? "{" + lineStart : "," + lineStart)
            // Every key here is a plain ASCII name, so it needs no escaping.
            output.write("\"\(member.key)\": ")
            switch member.value {
            case .value(let value): output.write(Self.pretty(value, indent: indent + 1))
            case .body(let side): split.writePrettyJSON(of: side, indent: indent + 1) { output.write(chunk: $0) }
            case .object(let members): writeObject(members, indent: indent + 1, to: output)
            }
        }
        output.write("\n" + String(repeating: " ", count: 2 * indent) + "}")
    }

    /// `value` in the pretty layout at level `indent`: its later lines indented to that level.
    /// Serialized strings hold no raw line feed, so every line feed starts a line.
    private static func pretty(_ value: JSONValue, indent: Int) -> String {
        var text: [UInt8] = []
        for byte in JSONSerializer(pretty: true).serialize(value) {
            text.append(byte)
            if byte == 0x0A { text.append(contentsOf: repeatElement(0x20, count: 2 * indent)) }
        }
        return String(decoding: text, as: UTF8.self)
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
