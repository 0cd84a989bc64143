import StrictJSON

/// One tensor entry of a binary tensor body's JSON header, checked: name, datatype, shape and
/// where its data is.
struct TensorEntry {
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
