import DeeployClient
import DeeployPayload
import StrictJSON

/// What `send` prints of a deployment's 2xx answer.
///
/// JSON: `{"status", "kind": "json", "mediaType", "size", "value"}`, or for a binary answer
/// `{"status", "kind": "binary", "mediaType", "size", "value": null, "sha256"}`. Text: the JSON
/// value, pretty, or the binary answer's media type, size and SHA-256, one per line.
struct SendReport: CommandReport {
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

    func writeText(to output: OutputWriter) {
        switch response.body {
        case .json(let value):
            output.writeJSONLine(value, pretty: true)
        case .binary(let binary):
            output.writeLine("binary: \(binary.mediaType.description)")
            output.writeLine("size: \(binary.size) bytes")
            output.writeLine("sha256: \(binary.sha256)")
        }
    }
}
