public import StrictJSON

/// One completion of a ``CompletionResponse``: `{"index", "text", "finish_reason", "logprobs"}`
/// (a chat completion has `message` instead of `text`).
public struct CompletionChoice: Codable, Sendable, Hashable {
    /// The choice's position; with several prompts, which prompt it answers.
    public var index: Int?
    /// The generated text.
    public var text: String?
    /// A chat completion's message, such as `{"role": "assistant", "content": "hi"}`.
    public var message: JSONValue?
    /// Why generation stopped: `stop`, `length`, ...
    public var finishReason: String?
    /// Log probabilities, when asked for.
    public var logprobs: JSONValue?

    /// Creates a choice.
    public init(index: Int? = nil, text: String? = nil, message: JSONValue? = nil, finishReason: String? = nil, logprobs: JSONValue? = nil) {
        self.index = index
        self.text = text
        self.message = message
        self.finishReason = finishReason
        self.logprobs = logprobs
    }

    enum CodingKeys: String, CodingKey {
        case index, text, message, logprobs
        case finishReason = "finish_reason"
    }
}
