public import StrictJSON

/// An Open Inference Protocol (V2) inference request:
/// `{"id", "parameters", "inputs": [tensor...], "outputs": [requested output...]}`.
public struct InferenceRequestV2: Codable, Sendable, Hashable {
    /// An identifier the server echoes in its response.
    public var id: String?
    /// Free-form request parameters, such as `binary_data_output`.
    public var parameters: [String: JSONValue]?
    /// The input tensors.
    public var inputs: [InferenceTensor]
    /// The outputs asked for; all of them when absent.
    public var outputs: [RequestedOutput]?

    /// Creates a request.
    public init(id: String? = nil, parameters: [String: JSONValue]? = nil, inputs: [InferenceTensor], outputs: [RequestedOutput]? = nil) {
        self.id = id
        self.parameters = parameters
        self.inputs = inputs
        self.outputs = outputs
    }
}
