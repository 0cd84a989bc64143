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
            let description = try TensorEntry(entry, index: index)
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
