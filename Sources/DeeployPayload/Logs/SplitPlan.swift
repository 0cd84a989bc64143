/// How a request was split: which request array, which response arrays, and how many entries.
public struct SplitPlan: Sendable, Hashable {
    /// The request member that was split: `instances`, `inputs` or `prompt`.
    public var requestKey: String
    /// The response members split alongside: `predictions` (and `explanations`), or `choices`.
    public var responseKeys: [String]
    /// The number of entries, and of prediction logs.
    public var count: Int

    /// Creates a plan.
    public init(requestKey: String, responseKeys: [String], count: Int) {
        self.requestKey = requestKey
        self.responseKeys = responseKeys
        self.count = count
    }
}
