public import HTTPTypes
public import StrictJSON

/// The Open Inference Protocol's binary data extension: a JSON header followed by raw tensor
/// data, in the order of the header's tensors.
///
/// The `Inference-Header-Content-Length` header gives the JSON part's length; each binary
/// tensor gives its byte count in `parameters.binary_data_size`. Data is little-endian,
/// row-major and unpadded; `BOOL` is one byte; each `BYTES` element is a 4-byte little-endian
/// length followed by its bytes. Every size is checked before any byte is read, so inconsistent
/// input is a ``TensorError``, never a crash or an over-read.
///
/// ```swift
/// let decoded = try BinaryTensorBody.decode(body: body, headerLength: 94)
/// let values = try decoded.tensors[0].floats()
/// ```
public enum BinaryTensorBody {
    /// The HTTP header that carries the JSON part's length.
    public static let headerLengthField = "Inference-Header-Content-Length"

    /// The value of `Inference-Header-Content-Length` in `fields`, or `nil` when there is none.
    ///
    /// - Throws: ``TensorError/unreadableHeaderLength(_:)`` when the value is not ASCII digits
    ///   (at most 18 of them), or when several fields disagree.
    public static func headerLength(in fields: HTTPFields) throws(TensorError) -> Int? {
        guard let name = HTTPField.Name(headerLengthField) else { return nil }
        let values = fields[values: name]
        guard let first = values.first else { return nil }
        let trimmed = first.trimmingCharacters(in: " \t")
        guard values.allSatisfy({ $0.trimmingCharacters(in: " \t") == trimmed }), (1...18).contains(trimmed.utf8.count),
            trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let length = Int(trimmed)
        else { throw .unreadableHeaderLength(values) }
        return length
    }

    /// Reads a body.
    ///
    /// - Parameters:
    ///   - body: the whole HTTP body.
    ///   - headerLength: the value of `Inference-Header-Content-Length`, or `nil` when the
    ///     request or response had none: then the whole body is the JSON header, and any tensor
    ///     that declares binary data is an error.
    /// - Returns: the header and its tensors. The tensors come from `inputs` when the header
    ///   has that member (a request), otherwise from `outputs` (a response).
    public static func decode(body: [UInt8], headerLength: Int?) throws(TensorError) -> DecodedTensorBody {
        let headerEnd = try checkedHeaderEnd(headerLength, bodySize: body.count)
        let header: JSONValue
        do throws(JSONError) {
            header = try JSONParser.parse(body[0..<headerEnd])
        } catch {
            throw .headerNotJSON(error)
        }
        guard case .object(let object) = header else { throw .headerNotObject(found: header.typeName) }
        let list: TensorList = object["inputs"] != nil ? .inputs : .outputs
        guard case .array(let entries) = object[list.rawValue] else { throw .noTensorList }

        var cursor = headerEnd
        var tensors: [DecodedTensor] = []
        tensors.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let description = try Entry(entry, index: index)
            let data: DecodedTensor.Data
            if let size = description.binaryDataSize {
                guard size <= body.count - cursor else {
                    throw .dataPastEnd(tensor: description.name, offset: cursor, size: size, bodySize: body.count)
                }
                let slice = body[cursor..<(cursor + size)]
                try TensorLayout.check(
                    slice, datatype: description.datatype, shape: description.shape, tensor: description.name, base: cursor)
                data = .binary(Array(slice))
                cursor += size
            } else if let inline = description.inlineData {
                data = .inline(inline)
            } else {
                throw .missingData(tensor: description.name)
            }
            tensors.append(
                DecodedTensor(
                    name: description.name, datatype: description.datatype, shape: description.shape,
                    parameters: description.parameters, data: data))
        }
        guard cursor == body.count else { throw .trailingBytes(offset: cursor, count: body.count - cursor) }
        return DecodedTensorBody(header: header, tensorList: list, tensors: tensors)
    }

    /// Writes a body: `header` with an entry for each tensor appended to its `list` array, then
    /// the tensors' bytes in that order.
    ///
    /// Each entry is `{"name", "shape", "datatype", "parameters": {"binary_data_size": n}}`.
    /// Entries already in the header's list (inline tensors, for example) stay first and are
    /// not changed.
    ///
    /// - Returns: the body, and the value to send as `Inference-Header-Content-Length`.
    /// - Throws: ``TensorError`` when the header is not an object, its list is not an array, or a
    ///   tensor's bytes do not fit its datatype and shape.
    public static func encode(
        header: JSONValue = .object(JSONObject()), tensors: [BinaryTensor], list: TensorList = .inputs
    ) throws(TensorError) -> (body: [UInt8], headerLength: Int) {
        guard case .object(var object) = header else { throw .headerNotObject(found: header.typeName) }
        var entries: [JSONValue]
        switch object[list.rawValue] {
        case nil: entries = []
        case .array(let existing): entries = existing
        default: throw .noTensorList
        }
        var dataSize = 0
        for tensor in tensors {
            try TensorLayout.check(tensor.bytes[...], datatype: tensor.datatype, shape: tensor.shape, tensor: tensor.name, base: 0)
            let parameters: JSONObject = ["binary_data_size": .number(JSONNumber(tensor.bytes.count))]
            let entry: JSONObject = [
                "name": .string(tensor.name),
                "shape": .array(tensor.shape.map { .number(JSONNumber($0)) }),
                "datatype": .string(tensor.datatype.rawValue),
                "parameters": .object(parameters),
            ]
            entries.append(.object(entry))
            dataSize += tensor.bytes.count
        }
        object[list.rawValue] = .array(entries)
        var body = JSONSerializer().serialize(.object(object))
        let headerLength = body.count
        body.reserveCapacity(headerLength + dataSize)
        for tensor in tensors { body.append(contentsOf: tensor.bytes) }
        return (body, headerLength)
    }

    private static func checkedHeaderEnd(_ headerLength: Int?, bodySize: Int) throws(TensorError) -> Int {
        guard let headerLength else { return bodySize }
        guard headerLength > 0 else { throw .invalidHeaderLength(headerLength: headerLength, bodySize: bodySize) }
        guard headerLength <= bodySize else { throw .headerPastEnd(headerLength: headerLength, bodySize: bodySize) }
        return headerLength
    }

    /// One tensor entry of the JSON header, checked: name, datatype, shape and
    /// where its data is.
    private struct Entry {
        let name: String
        let datatype: TensorDatatype
        let shape: [Int]
        let parameters: JSONObject?
        /// `parameters.binary_data_size`, when the data follows the header.
        let binaryDataSize: Int?
        /// The `data` member, when the data is inline.
        let inlineData: JSONValue?

        init(_ entry: JSONValue, index: Int) throws(TensorError) {
            guard case .object(let object) = entry else {
                throw .malformedTensor(index: index, problem: "it is a JSON \(entry.typeName), not an object")
            }
            guard case .string(let name) = object["name"] else {
                throw .malformedTensor(index: index, problem: #"it has no string "name""#)
            }
            guard case .string(let datatypeName) = object["datatype"] else {
                throw .malformedTensor(index: index, problem: #"tensor '\#(name)' has no string "datatype""#)
            }
            guard let datatype = TensorDatatype(rawValue: datatypeName) else {
                throw .unknownDatatype(tensor: name, datatype: datatypeName)
            }
            guard case .array(let dimensions) = object["shape"] else {
                throw .malformedTensor(index: index, problem: #"tensor '\#(name)' has no "shape" array"#)
            }
            var shape: [Int] = []
            shape.reserveCapacity(dimensions.count)
            for dimension in dimensions {
                guard case .number(let number) = dimension, number.isIntegerLiteral, let value = number.int64.flatMap(Int.init(exactly:)) else {
                    throw .malformedTensor(
                        index: index, problem: "tensor '\(name)' has shape dimension \(dimension.jsonString), which is not a 64-bit integer")
                }
                shape.append(value)
            }
            // Checked for every tensor, inline ones too, so a bad shape is never passed on.
            _ = try TensorLayout.byteCount(datatype: datatype, shape: shape, tensor: name)

            var parameters: JSONObject?
            switch object["parameters"] {
            case nil: parameters = nil
            case .object(let value): parameters = value
            case let other?:
                throw .malformedTensor(index: index, problem: "tensor '\(name)' has \"parameters\" that is a JSON \(other.typeName), not an object")
            }
            var binaryDataSize: Int?
            if let size = parameters?["binary_data_size"] {
                guard case .number(let number) = size, number.isIntegerLiteral, let value = number.int64.flatMap(Int.init(exactly:)), value >= 0 else {
                    throw .invalidBinaryDataSize(tensor: name, value: size.jsonString)
                }
                binaryDataSize = value
            }
            self.name = name
            self.datatype = datatype
            self.shape = shape
            self.parameters = parameters
            self.binaryDataSize = binaryDataSize
            self.inlineData = object["data"]
        }
    }
}

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

extension String {
    /// This string without the given ASCII characters at either end.
    fileprivate func trimmingCharacters(in set: String) -> String {
        let drop = Set(set.utf8)
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !drop.contains($0) }), let last = bytes.lastIndex(where: { !drop.contains($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
