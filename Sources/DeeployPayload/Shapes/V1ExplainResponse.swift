public import StrictJSON

/// A V1 explanation response `{"explanations": [...]}`, from `/explain`; some explainers also
/// return the `predictions` they explain.
public struct V1ExplainResponse: Codable, Sendable, Hashable {
    /// One explanation per instance.
    public var explanations: [JSONValue]
    /// The predictions explained, when the explainer returns them.
    public var predictions: [JSONValue]?
    /// Deeploy: the model's input feature names.
    public var featureLabels: [String]?
    /// Deeploy: the identifier of the request log.
    public var requestLogId: String?
    /// Deeploy: the identifiers of the prediction logs, in order.
    public var predictionLogIds: [String]?

    /// Creates a response.
    public init(
        explanations: [JSONValue], predictions: [JSONValue]? = nil, featureLabels: [String]? = nil,
        requestLogId: String? = nil, predictionLogIds: [String]? = nil
    ) {
        self.explanations = explanations
        self.predictions = predictions
        self.featureLabels = featureLabels
        self.requestLogId = requestLogId
        self.predictionLogIds = predictionLogIds
    }
}
