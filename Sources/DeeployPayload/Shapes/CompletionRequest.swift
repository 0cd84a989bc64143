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
    public var prompt: CompletionPrompt
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
        model: String? = nil, prompt: CompletionPrompt, maxTokens: Int? = nil, temperature: Double? = nil, n: Int? = nil,
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
        prompt = try container.decode(CompletionPrompt.self, forKey: MemberKey("prompt"))
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
}
