import DeeployPayload
import StrictJSON

/// A model stub's answer: status, Content-Type and body.
struct ModelAnswer: Sendable {
    var status: Int
    var contentType: MediaType
    var body: [UInt8]

    /// A KServe error answer, `{"error": message}`, as KServe's model servers send it.
    static func kserveError(_ status: Int, _ message: String) -> ModelAnswer {
        ModelAnswer(status: status, contentType: .applicationJSON, body: JSONValue.object(["error": .string(message)]).serialized())
    }
}

extension EmulatedModel {
    /// The answer to an accepted body of type `contentType` sent to `endpoint` of `deployment`.
    func answer(_ body: [UInt8], contentType: MediaType, endpoint: InferenceEndpoint, deployment: String) -> ModelAnswer {
        switch self {
        case .constant(let response, let type):
            return ModelAnswer(status: 200, contentType: type, body: response)
        case .echo:
            guard contentType.isJSON else { return Echo.describe(body, contentType: contentType) }
            return Echo.answer(body, endpoint: endpoint, deployment: deployment)
        }
    }
}

extension EmulatedModel {
    /// The answer to a non-JSON body that was streamed to disk, never held.
    func answer(streamed upload: StreamedUpload, contentType: MediaType) -> ModelAnswer {
        switch self {
        case .constant(let response, let type): ModelAnswer(status: 200, contentType: type, body: response)
        case .echo: Echo.describe(size: upload.size, sha256: upload.sha256, contentType: contentType)
        }
    }
}

/// The echo stub: answers with what it was sent, reshaped as a model's answer.
enum Echo {
    /// One prediction describing a non-JSON body: its type, size and digest.
    static func describe(_ body: [UInt8], contentType: MediaType) -> ModelAnswer {
        let object = LoggedPayload.BinaryObject(mediaType: contentType, bytes: body)
        return describe(size: object.size, sha256: object.sha256, contentType: contentType)
    }

    /// One prediction describing a non-JSON body of `size` bytes with digest `sha256`.
    static func describe(size: Int, sha256: String, contentType: MediaType) -> ModelAnswer {
        let prediction: JSONValue = [
            "mediaType": .string(contentType.essence), "size": .number(JSONNumber(size)), "sha256": .string(sha256),
        ]
        return json(["predictions": [prediction]])
    }

    /// The echo of a JSON body.
    static func answer(_ body: [UInt8], endpoint: InferenceEndpoint, deployment: String) -> ModelAnswer {
        let members: [JSONMemberSpan]
        do throws(JSONError) {
            members = try JSONSpans.topLevelMembers(of: body)
        } catch {
            return .kserveError(400, "the request body must be a JSON object (\(error)).")
        }
        func value(_ key: String) -> Range<Int>? {
            guard let range = members.first(where: { $0.key == key })?.valueRange, body[range.lowerBound] != UInt8(ascii: "n") else { return nil }
            return range
        }
        func isArray(_ range: Range<Int>) -> Bool { body[range.lowerBound] == UInt8(ascii: "[") }

        if let inputs = value("inputs"), isArray(inputs), isV2(inputs, in: body) {
            // V2: outputs mirror the inputs, byte for byte.
            var output = Array(#"{"model_name":"#.utf8) + JSONValue.string(deployment).serialized()
            if let id = value("id") { output += Array(#","id":"#.utf8) + body[id] }
            output += Array(#","outputs":"#.utf8) + body[inputs] + [UInt8(ascii: "}")]
            return ModelAnswer(status: 200, contentType: .applicationJSON, body: output)
        }
        if let entries = value("instances") ?? value("inputs") {
            guard isArray(entries) else {
                return .kserveError(400, #"the request's "instances" or "inputs" must be an array."#)
            }
            // V1: the same array, its exact bytes, as predictions (and, for explain, explanations).
            var output = Array(#"{"predictions":"#.utf8) + body[entries]
            if case .explain = endpoint { output += Array(#","explanations":"#.utf8) + body[entries] }
            output.append(UInt8(ascii: "}"))
            return ModelAnswer(status: 200, contentType: .applicationJSON, body: output)
        }
        switch endpoint {
        case .completions:
            if let prompt = value("prompt") { return completion(prompt: body[prompt]) }
        case .chatCompletions:
            if let messages = value("messages") { return chat(messages: body[messages]) }
        case .embeddings:
            if let input = value("input") { return embeddings(input: body[input]) }
        default:
            break
        }
        let wanted = switch endpoint {
        case .completions: #""instances", "inputs" or "prompt""#
        case .chatCompletions: #""instances", "inputs" or "messages""#
        case .embeddings: #""instances", "inputs" or "input""#
        default: #""instances" or "inputs""#
        }
        return .kserveError(400, "the request body has no \(wanted) for the echo model to answer.")
    }

    /// Whether the array at `range` holds V2 tensors: its first element is an object with
    /// `name`, `shape` and `datatype`.
    private static func isV2(_ range: Range<Int>, in body: [UInt8]) -> Bool {
        guard let first = try? JSONSpans.elements(ofArrayAt: range, in: body).first, body[first.lowerBound] == UInt8(ascii: "{"),
            let keys = try? JSONSpans.members(ofObjectAt: first, in: body).map(\.key)
        else { return false }
        return keys.contains("name") && keys.contains("shape") && keys.contains("datatype")
    }

    /// `choices` echoing each prompt (a string, or an array of them).
    private static func completion(prompt: ArraySlice<UInt8>) -> ModelAnswer {
        let prompts: [JSONValue]
        switch try? JSONParser.parse(prompt) {
        case .array(let values)?: prompts = values
        case let value?: prompts = [value]
        case nil: prompts = []
        }
        let choices = prompts.enumerated().map { index, prompt -> JSONValue in
            ["index": .number(JSONNumber(index)), "text": .string(prompt.stringValue ?? ""), "finish_reason": "stop"]
        }
        return json(["object": "text_completion", "choices": .array(choices)])
    }

    /// One choice echoing the last message's content.
    private static func chat(messages: ArraySlice<UInt8>) -> ModelAnswer {
        guard case .array(let values)? = try? JSONParser.parse(messages) else {
            return .kserveError(400, #"the request's "messages" must be an array of {"role", "content"} objects."#)
        }
        let content = values.last?["content"] ?? .string("")
        let message: JSONValue = ["role": "assistant", "content": content]
        return json(["object": "chat.completion", "choices": [["index": 0, "message": message, "finish_reason": "stop"]]])
    }

    /// One embedding per input: the input's length in UTF-8 bytes and its number of words.
    private static func embeddings(input: ArraySlice<UInt8>) -> ModelAnswer {
        let inputs: [JSONValue]
        switch try? JSONParser.parse(input) {
        case .array(let values)?: inputs = values
        case let value?: inputs = [value]
        case nil: inputs = []
        }
        let data = inputs.enumerated().map { index, input -> JSONValue in
            let text = input.stringValue ?? ""
            let vector: [JSONValue] = [.number(JSONNumber(text.utf8.count)), .number(JSONNumber(text.split(separator: " ").count))]
            return ["object": "embedding", "index": .number(JSONNumber(index)), "embedding": .array(vector)]
        }
        return json(["object": "list", "data": .array(data)])
    }

    private static func json(_ value: JSONValue) -> ModelAnswer {
        ModelAnswer(status: 200, contentType: .applicationJSON, body: value.serialized())
    }
}
