public import StrictJSON

/// An Open Inference Protocol body read with the binary data extension: the JSON header and
/// its tensors with their data, in the header's order.
public struct DecodedTensorBody: Sendable, Hashable {
    /// The JSON header, an object, as sent (tensor entries included, without their binary data).
    public var header: JSONValue
    /// Which header member listed the tensors: `inputs` for a request, `outputs` for a response.
    public var tensorList: TensorList
    /// The tensors, in the order of the header's list.
    public var tensors: [DecodedTensor]

    /// Creates a decoded body from its parts.
    public init(header: JSONValue, tensorList: TensorList, tensors: [DecodedTensor]) {
        self.header = header
        self.tensorList = tensorList
        self.tensors = tensors
    }

    /// The tensor named `name`, if there is one.
    public func tensor(named name: String) -> DecodedTensor? {
        tensors.first { $0.name == name }
    }

    /// The header decoded as `T`, for example ``InferenceRequestV2`` or ``InferenceResponseV2``
    /// (binary tensors then have no `data`).
    public func decodeHeader<T: Decodable>(as type: T.Type, decoder: StrictJSONDecoder = .init()) throws -> T {
        try decoder.decode(type, from: header)
    }
}

/// The header member that lists a body's tensors.
public enum TensorList: String, Sendable, Hashable, CaseIterable {
    /// `inputs`: the tensors of an inference request.
    case inputs
    /// `outputs`: the tensors of an inference response.
    case outputs
}
