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

    /// An output the request asks for: `{"name", "parameters"}`, such as
    /// `{"name": "y", "parameters": {"binary_data": true}}`.
    public struct RequestedOutput: Codable, Sendable, Hashable {
        /// The output's name.
        public var name: String
        /// Free-form parameters, such as `binary_data`.
        public var parameters: [String: JSONValue]?

        /// Creates a requested output.
        public init(name: String, parameters: [String: JSONValue]? = nil) {
            self.name = name
            self.parameters = parameters
        }
    }
}

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

/// A tensor of the Open Inference Protocol (V2): `{"name", "shape", "datatype", "parameters", "data"}`.
///
/// `data` is absent when the tensor's data travels in binary after the JSON header (see
/// ``BinaryTensorBody``); then `parameters.binary_data_size` gives its byte count.
public struct InferenceTensor: Codable, Sendable, Hashable {
    /// The tensor's name.
    public var name: String
    /// The dimensions, row-major.
    public var shape: [Int]
    /// The element type.
    public var datatype: TensorDatatype
    /// Free-form parameters, such as `binary_data_size`.
    public var parameters: [String: JSONValue]?
    /// The elements, flat in row-major order or nested by dimension, as JSON.
    public var data: JSONValue?

    /// Creates a tensor.
    public init(name: String, shape: [Int], datatype: TensorDatatype, parameters: [String: JSONValue]? = nil, data: JSONValue? = nil) {
        self.name = name
        self.shape = shape
        self.datatype = datatype
        self.parameters = parameters
        self.data = data
    }
}

/// An Open Inference Protocol (V2) error response: `{"error": "message"}`.
public struct InferenceErrorV2: Codable, Sendable, Hashable, Error, CustomStringConvertible {
    /// The server's message.
    public var error: String

    /// Creates an error response.
    public init(error: String) {
        self.error = error
    }

    /// The server's message.
    public var description: String { error }
}

/// An output a V2 request asks for.
@available(*, deprecated, renamed: "InferenceRequestV2.RequestedOutput")
public typealias RequestedOutput = InferenceRequestV2.RequestedOutput
