import DeeployCLISupport
import DeeployClient
import DeeployPayload
import StrictJSON
import Synchronization

// What deeploy-send shares with deeploy-payload's commands (options, exit codes, the entry
// point, writes to standard error) is in DeeployCLISupport. It is its own executable so that
// `deeploy-payload` does not link SwiftNIO and AsyncHTTPClient (see the start-up figures in the
// commit that split it out).

/// The entry point; see ``CommandLineEntry``.
@main
enum Main {
    static func main() async {
        await CommandLineEntry.run(DeeploySend.self)
    }
}

/// Unbuffered writes to standard output.
enum StandardOutput {
    /// Writes `value` as pretty JSON text and a newline.
    static func writeJSON(_ value: JSONValue) {
        FileDescriptorOutput.writeAll(String(decoding: value.serialized(pretty: true), as: UTF8.self) + "\n", to: 1)
    }
}

/// The upload's progress on standard error, for a file of 16 MiB or more on a terminal.
final class UploadProgress: Sendable {
    private let isEnabled: Bool
    private let state = Mutex<(lastDrawn: ContinuousClock.Instant?, showing: Bool)>((nil, false))

    init(isEnabled: Bool) { self.isEnabled = isEnabled }

    func update(sent: Int, total: Int) {
        guard isEnabled, total >= 16 << 20 else { return }
        let draw = state.withLock { state -> Bool in
            let now = ContinuousClock.now
            if let last = state.lastDrawn, now - last < .milliseconds(100), sent < total { return false }
            state = (now, true)
            return true
        }
        guard draw else { return }
        StandardError.write("\r\u{1B}[Ksending \(sent >> 20)/\(total >> 20) MiB (\(sent * 100 / max(total, 1))%)")
    }

    func clear() {
        let showing = state.withLock { state in
            defer { state.showing = false }
            return state.showing
        }
        if showing { StandardError.write("\r\u{1B}[K") }
    }
}

/// What `send` prints of a 2xx answer: `{"status", "kind", "mediaType", "size", "value"}`
/// (+ `"sha256"` for a binary answer, whose value is null), or as text the JSON value pretty or
/// the binary answer's type, size and SHA-256.
struct SendReport {
    let response: InferenceResponse

    var json: JSONValue {
        var object: JSONObject = [
            "status": .number(JSONNumber(response.status)),
            "kind": response.body.json == nil ? "binary" : "json",
            "mediaType": .string(response.mediaType.description),
            "size": .number(JSONNumber(response.size)),
            "value": response.body.json ?? .null,
        ]
        if let binary = response.body.binary { object["sha256"] = .string(binary.sha256) }
        return .object(object)
    }

    func write(_ format: TextOrJSON) {
        switch (format, response.body) {
        case (.json, _): StandardOutput.writeJSON(json)
        case (.text, .json(let value)): StandardOutput.writeJSON(value)
        case (.text, .binary(let binary)):
            FileDescriptorOutput.writeAll("binary: \(binary.mediaType)\nsize: \(binary.size) bytes\nsha256: \(binary.sha256)\n", to: 1)
        }
    }
}
