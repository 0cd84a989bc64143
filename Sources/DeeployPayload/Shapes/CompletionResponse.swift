public import StrictJSON

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
    public var choices: [CompletionChoice]
    /// Token counts, as the server reports them.
    public var usage: JSONValue?

    /// Creates a response.
    public init(
        id: String? = nil, object: String? = nil, created: Int? = nil, model: String? = nil, choices: [CompletionChoice],
        usage: JSONValue? = nil
    ) {
        self.id = id
        self.object = object
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}
