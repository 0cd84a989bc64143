public import StrictJSON

/// One tensor read from an Open Inference Protocol body: what the JSON header says of it, and
/// its data, either binary (after the header) or inline JSON.
public struct DecodedTensor: Sendable, Hashable {
    /// Where a tensor's data came from.
    public enum Data: Sendable, Hashable {
        /// Raw little-endian bytes from the binary part of the body, already checked against
        /// the shape.
        case binary([UInt8])
        /// The header's `data` member, as sent.
        case inline(JSONValue)
    }

    /// The tensor's name.
    public var name: String
    /// The element type.
    public var datatype: TensorDatatype
    /// The dimensions, row-major.
    public var shape: [Int]
    /// The tensor's `parameters` object, if it had one (including `binary_data_size`).
    public var parameters: JSONObject?
    /// The data.
    public var data: Data

    /// Creates a decoded tensor from its parts.
    public init(name: String, datatype: TensorDatatype, shape: [Int], parameters: JSONObject?, data: Data) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.parameters = parameters
        self.data = data
    }

    /// The raw little-endian bytes, or `nil` when the data was inline JSON.
    public var bytes: [UInt8]? {
        if case .binary(let bytes) = data { bytes } else { nil }
    }

    /// The inline JSON data, or `nil` when the data was binary.
    public var inlineData: JSONValue? {
        if case .inline(let value) = data { value } else { nil }
    }

    /// The number of elements the shape holds.
    public var elementCount: Int {
        // Decoding already checked the shape, so overflow cannot happen for a decoded tensor.
        shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    }
}
