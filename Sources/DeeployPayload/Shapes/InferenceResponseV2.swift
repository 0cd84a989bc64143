public import StrictJSON

/// An Open Inference Protocol (V2) inference response:
/// `{"model_name", "model_version", "id", "parameters", "outputs": [tensor...]}`.
public struct InferenceResponseV2: Codable, Sendable, Hashable {
    /// The model that answered.
    public var modelName: String
    /// The model's version, when the server reports one.
    public var modelVersion: String?
    /// The request's identifier, echoed.
    public var id: String?
    /// Free-form response parameters.
    public var parameters: [String: JSONValue]?
    /// The output tensors.
    public var outputs: [InferenceTensor]

    /// Creates a response.
    public init(
        modelName: String, modelVersion: String? = nil, id: String? = nil, parameters: [String: JSONValue]? = nil,
        outputs: [InferenceTensor]
    ) {
        self.modelName = modelName
        self.modelVersion = modelVersion
        self.id = id
        self.parameters = parameters
        self.outputs = outputs
    }

    enum CodingKeys: String, CodingKey {
        case modelName = "model_name"
        case modelVersion = "model_version"
        case id, parameters, outputs
    }
}
