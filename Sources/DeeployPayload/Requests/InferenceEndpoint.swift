/// A Deeploy inference endpoint of a deployment: the last part of
/// `https://api.HOST/workspaces/WS/deployments/ID/ENDPOINT`.
public enum InferenceEndpoint: Sendable, Hashable {
    /// `predict`: run the model.
    case predict
    /// `explain`: run the explainer. `image` adds `?image=true` or `?image=false`, which asks for
    /// (or declines) an image explanation; `nil` leaves the query out.
    case explain(image: Bool? = nil)
    /// `completions`: generative text completion.
    case completions
    /// `chat/completions`: generative chat completion.
    case chatCompletions
    /// `embeddings`: embeddings of the input.
    case embeddings

    /// The endpoint names ``init(name:)`` accepts.
    public static let names = ["predict", "explain", "completions", "chat/completions", "embeddings"]

    /// The endpoint called `name` (one of ``names``, exact spelling); `explain` without a query.
    public init?(name: String) {
        switch name {
        case "predict": self = .predict
        case "explain": self = .explain()
        case "completions": self = .completions
        case "chat/completions": self = .chatCompletions
        case "embeddings": self = .embeddings
        default: return nil
        }
    }

    /// The path after the deployment, without a leading `/`: `predict`, `chat/completions`, ….
    public var path: String {
        switch self {
        case .predict: return "predict"
        case .explain: return "explain"
        case .completions: return "completions"
        case .chatCompletions: return "chat/completions"
        case .embeddings: return "embeddings"
        }
    }

    /// The query without `?`: `image=true` or `image=false` for an explanation that asks, else `nil`.
    public var query: String? {
        guard case .explain(let image?) = self else { return nil }
        return image ? "image=true" : "image=false"
    }
}

extension InferenceEndpoint: CustomStringConvertible {
    /// The path with its query, if any: `explain?image=true`.
    public var description: String { query.map { path + "?" + $0 } ?? path }
}
