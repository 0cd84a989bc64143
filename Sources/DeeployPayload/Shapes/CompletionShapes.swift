public import StrictJSON

/// A completion request (the OpenAI-style `/completions` body Deeploy forwards to generative
/// models): `{"model", "prompt", "max_tokens", "temperature", "n", ...}`.
///
/// Members this type does not name are kept in ``otherMembers`` and written back after the
/// named ones, so a request passes through unchanged in meaning.
public struct CompletionRequest: Codable, Sendable, Hashable {
    /// The model to use, when the server serves several.
    public var model: String?
    /// The prompt or prompts.
    public var prompt: Prompt
    /// `max_tokens`: the most tokens to generate per completion.
    public var maxTokens: Int?
    /// The sampling temperature.
    public var temperature: Double?
    /// How many completions to generate per prompt.
    public var n: Int?
    /// Every other member, in order (`stop`, `top_p`, `stream`, ...).
    public var otherMembers: JSONObject

    /// Creates a request.
    public init(
        model: String? = nil, prompt: Prompt, maxTokens: Int? = nil, temperature: Double? = nil, n: Int? = nil,
        otherMembers: JSONObject = JSONObject()
    ) {
        self.model = model
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.n = n
        self.otherMembers = otherMembers
    }

    private static let namedKeys: Set<String> = ["model", "prompt", "max_tokens", "temperature", "n"]

    /// Decodes the named members and keeps the rest in ``otherMembers``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: MemberKey.self)
        model = try container.decodeIfPresent(String.self, forKey: MemberKey("model"))
        prompt = try container.decode(Prompt.self, forKey: MemberKey("prompt"))
        maxTokens = try container.decodeIfPresent(Int.self, forKey: MemberKey("max_tokens"))
        temperature = try container.decodeIfPresent(Double.self, forKey: MemberKey("temperature"))
        n = try container.decodeIfPresent(Int.self, forKey: MemberKey("n"))
        var others = JSONObject()
        for key in container.allKeys where !Self.namedKeys.contains(key.stringValue) {
            others[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        otherMembers = others
    }

    /// Encodes the named members, then ``otherMembers`` (a named key there is ignored).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        try container.encodeIfPresent(model, forKey: MemberKey("model"))
        try container.encode(prompt, forKey: MemberKey("prompt"))
        try container.encodeIfPresent(maxTokens, forKey: MemberKey("max_tokens"))
        try container.encodeIfPresent(temperature, forKey: MemberKey("temperature"))
        try container.encodeIfPresent(n, forKey: MemberKey("n"))
        for (key, value) in otherMembers where !Self.namedKeys.contains(key) {
            try container.encode(value, forKey: MemberKey(key))
        }
    }

    /// The request's `prompt`: one text, or an array with one entry per completion
    /// wanted (texts, or token arrays).
    public enum Prompt: Codable, Sendable, Hashable {
        /// One prompt.
        case text(String)
        /// Several prompts; Deeploy splits the request log into one prediction log per entry when
        /// the response has as many `choices`.
        case batch([JSONValue])

        /// The number of prompts: 1 for ``text(_:)``.
        public var count: Int {
            switch self {
            case .text: 1
            case .batch(let entries): entries.count
            }
        }

        /// Decodes a string or an array.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let entries = try? container.decode([JSONValue].self) {
                self = .batch(entries)
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: #""prompt" must be a string or an array"#)
            }
        }

        /// Encodes the string or the array.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .batch(let entries): try container.encode(entries)
            }
        }
    }

    /// A coding key for any object member name, for shapes that keep members they do not name.
    private struct MemberKey: CodingKey, Hashable {
        let stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A completion response: `{"id", "object", "created", "model", "choices": [...], "usage"}`.
///
/// With an array `prompt` and `n` of 1, choice *i* answers prompt *i*.
public struct CompletionResponse: Codable, Sendable, Hashable {
    /// The response's identifier.
    public var id: String?
    /// The object type, such as `text_completion`.
    public var object: String?
    /// When the response was made, in seconds since 1970.
    public var created: Int?
    /// The model that answered.
    public var model: String?
    /// The completions.
    public var choices: [Choice]
    /// Token counts, as the server reports them.
    public var usage: JSONValue?

    /// Creates a response.
    public init(
        id: String? = nil, object: String? = nil, created: Int? = nil, model: String? = nil, choices: [Choice],
        usage: JSONValue? = nil
    ) {
        self.id = id
        self.object = object
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }

    /// One completion: `{"index", "text", "finish_reason", "logprobs"}`
    /// (a chat completion has `message` instead of `text`).
    public struct Choice: Codable, Sendable, Hashable {
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
}

/// The `prompt` of a completion request.
@available(*, deprecated, renamed: "CompletionRequest.Prompt")
public typealias CompletionPrompt = CompletionRequest.Prompt

/// One completion of a completion response.
@available(*, deprecated, renamed: "CompletionResponse.Choice")
public typealias CompletionChoice = CompletionResponse.Choice
