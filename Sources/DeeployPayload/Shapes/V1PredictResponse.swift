public import StrictJSON

/// A V1 prediction response `{"predictions": [...]}`, with Deeploy's extras.
///
/// Deeploy adds `featureLabels` (the names of the model's input features), `requestLogId` (the
/// request log this call created) and `predictionLogIds` (one per prediction log, in order).
/// An `/explain` call may also return `explanations`, one per prediction.
public struct V1PredictResponse: Codable, Sendable, Hashable {
    /// One prediction per instance.
    public var predictions: [JSONValue]
    /// One explanation per prediction, from an explainer.
    public var explanations: [JSONValue]?
    /// Deeploy: the model's input feature names.
    public var featureLabels: [String]?
    /// Deeploy: the identifier of the request log.
    public var requestLogId: String?
    /// Deeploy: the identifiers of the prediction logs, in order.
    public var predictionLogIds: [String]?

    /// Creates a response.
    public init(
        predictions: [JSONValue], explanations: [JSONValue]? = nil, featureLabels: [String]? = nil,
        requestLogId: String? = nil, predictionLogIds: [String]? = nil
    ) {
        self.predictions = predictions
        self.explanations = explanations
        self.featureLabels = featureLabels
        self.requestLogId = requestLogId
        self.predictionLogIds = predictionLogIds
    }
}
