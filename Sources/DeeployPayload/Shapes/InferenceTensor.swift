public import StrictJSON

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
