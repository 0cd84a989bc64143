public import StrictJSON

/// A V1 (TensorFlow Serving / KServe V1) prediction request: `{"instances": [...]}` (row
/// format) or `{"inputs": [...]}` (columnar format).
///
/// Exactly one of ``instances`` and ``inputs`` is set; decoding rejects a body with both or
/// neither, as TensorFlow Serving does.
///
/// ```swift
/// let request = V1PredictRequest(instances: [[6.8, 2.8, 4.8, 1.4]])
/// let body = try StrictJSONEncoder().encode(request)  // {"instances":[[6.8,2.8,4.8,1.4]]}
/// ```
public struct V1PredictRequest: Codable, Sendable, Hashable {
    /// The rows to predict, one JSON value each.
    public var instances: [JSONValue]?
    /// The inputs in columnar form.
    public var inputs: [JSONValue]?
    /// TensorFlow Serving's `signature_name`, when the model has several signatures.
    public var signatureName: String?

    /// A request in row format.
    public init(instances: [JSONValue], signatureName: String? = nil) {
        self.instances = instances
        self.inputs = nil
        self.signatureName = signatureName
    }

    /// A request in columnar format.
    public init(inputs: [JSONValue], signatureName: String? = nil) {
        self.instances = nil
        self.inputs = inputs
        self.signatureName = signatureName
    }

    /// The entries of whichever of ``instances`` and ``inputs`` is set.
    public var entries: [JSONValue] { instances ?? inputs ?? [] }

    enum CodingKeys: String, CodingKey {
        case instances, inputs
        case signatureName = "signature_name"
    }

    /// Decodes a request, requiring exactly one of `instances` and `inputs`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        instances = try container.decodeIfPresent([JSONValue].self, forKey: .instances)
        inputs = try container.decodeIfPresent([JSONValue].self, forKey: .inputs)
        signatureName = try container.decodeIfPresent(String.self, forKey: .signatureName)
        if (instances == nil) == (inputs == nil) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: instances == nil
                        ? #"a V1 request needs an "instances" or an "inputs" array"#
                        : #"a V1 request has either "instances" or "inputs", not both"#))
        }
    }
}

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
