import DeeployPayload
import Foundation
import Hummingbird
import NIOCore
import StrictJSON

/// Streamed completions: `stream=true` on `completions` and `chat/completions`, answered as
/// server-sent events the way OpenAI-style servers (and so Deeploy's generative deployments)
/// stream them: a `text/event-stream` of `data: {chunk}` events, each followed by a blank line,
/// ended by `data: [DONE]`.
///
/// The model's whole answer is made first (the echo stub answers at once), then cut into
/// chunks: each choice's text (or message content) in pieces of one word with the space before
/// it, so the pieces joined give the text back exactly, then a last chunk per choice carrying
/// its `finish_reason`. An answer that has no `choices` to cut is sent as one event.
enum StreamedCompletion {
    /// Whether a call asks for a streamed answer, decided as Deeploy's Python client decides
    /// it: the `stream` query parameter when present (`true` or `false`), else a top-level
    /// `"stream": true` in the JSON body. Only the completion endpoints stream.
    static func isRequested(query: [String: String], body: [UInt8], contentType: DeeployPayload.MediaType, endpoint: InferenceEndpoint) -> Bool {
        switch endpoint {
        case .completions, .chatCompletions: break
        default: return false
        }
        if let value = query["stream"] { return value == "true" }
        guard contentType.isJSON, let value = try? JSONParser.parse(body) else { return false }
        return value["stream"]?.boolValue == true
    }

    /// The chunks of `answer`, a complete completion or chat completion, in order.
    static func chunks(of answer: JSONValue, endpoint: InferenceEndpoint, model: String, created: Int, id: String) -> [JSONValue] {
        guard let choices = answer["choices"]?.arrayValue else { return [answer] }
        let isChat = endpoint == .chatCompletions
        let object: JSONValue = isChat ? "chat.completion.chunk" : "text_completion"
        func chunk(_ choice: JSONValue) -> JSONValue {
            ["id": .string(id), "object": object, "created": .number(JSONNumber(created)), "model": .string(model), "choices": [choice]]
        }
        var chunks: [JSONValue] = []
        for (position, choice) in choices.enumerated() {
            let index = choice["index"] ?? .number(JSONNumber(position))
            let finish = choice["finish_reason"] ?? "stop"
            if isChat {
                let message = choice["message"]
                chunks.append(chunk(["index": index, "delta": ["role": message?["role"] ?? "assistant"], "finish_reason": .null]))
                switch message?["content"] {
                case .string(let content)?:
                    for piece in pieces(of: content) {
                        chunks.append(chunk(["index": index, "delta": ["content": .string(piece)], "finish_reason": .null]))
                    }
                case let content?:
                    // Content that is not a string (an array of parts) goes in one delta.
                    chunks.append(chunk(["index": index, "delta": ["content": content], "finish_reason": .null]))
                case nil:
                    break
                }
                chunks.append(chunk(["index": index, "delta": [:], "finish_reason": finish]))
            } else {
                for piece in pieces(of: choice["text"]?.stringValue ?? "") {
                    chunks.append(chunk(["index": index, "text": .string(piece), "logprobs": .null, "finish_reason": .null]))
                }
                chunks.append(chunk(["index": index, "text": "", "logprobs": .null, "finish_reason": finish]))
            }
        }
        return chunks
    }

    /// `text` in pieces of one word each, a piece after the first starting with the space
    /// before its word: `"a b  c"` -> `["a", " b", " ", " c"]`. Joined, they give `text` back.
    static func pieces(of text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        return [String(words[0])] + words.dropFirst().map { " " + $0 }
    }

    /// The `text/event-stream` response: one `data:` event per chunk, written as it goes
    /// (chunked transfer encoding), then `data: [DONE]`.
    static func response(_ chunks: [JSONValue]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            for chunk in chunks {
                try await writer.write(ByteBuffer(bytes: Array("data: ".utf8) + chunk.serialized() + Array("\n\n".utf8)))
            }
            try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
