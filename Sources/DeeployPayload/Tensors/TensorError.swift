public import StrictJSON

/// Why a binary tensor body (the Open Inference Protocol's binary data extension) cannot be
/// read or written.
///
/// Tensors are named by their position in the header's `inputs` or `outputs` array and by their
/// `name`; byte offsets count from the start of the whole body.
public enum TensorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `Inference-Header-Content-Length` is not a decimal number, or the field appears with
    /// different values.
    case unreadableHeaderLength([String])
    /// `Inference-Header-Content-Length` is zero or negative.
    case invalidHeaderLength(headerLength: Int, bodySize: Int)
    /// `Inference-Header-Content-Length` is larger than the body.
    case headerPastEnd(headerLength: Int, bodySize: Int)
    /// The JSON header does not parse.
    case headerNotJSON(JSONError)
    /// The JSON header parses but is not an object.
    case headerNotObject(found: String)
    /// The header has neither an `inputs` nor an `outputs` array of tensors.
    case noTensorList
    /// A tensor entry is not an object, or misses `name`, `shape` or `datatype`, or has them
    /// with the wrong JSON type.
    case malformedTensor(index: Int, problem: String)
    /// A tensor's `datatype` is not one the protocol defines.
    case unknownDatatype(tensor: String, datatype: String)
    /// A dimension of a tensor's `shape` is negative.
    case negativeDimension(tensor: String, shape: [Int])
    /// The product of a tensor's dimensions, or that times the element size, does not fit in
    /// an `Int`.
    case shapeOverflow(tensor: String, shape: [Int])
    /// `parameters.binary_data_size` is not a non-negative integer.
    case invalidBinaryDataSize(tensor: String, value: String)
    /// A tensor has neither `parameters.binary_data_size` nor inline `data`.
    case missingData(tensor: String)
    /// A fixed-size tensor's byte count is not its element count times its element size.
    case sizeMismatch(tensor: String, datatype: TensorDatatype, shape: [Int], expected: Int, actual: Int)
    /// A tensor's binary data runs past the end of the body.
    case dataPastEnd(tensor: String, offset: Int, size: Int, bodySize: Int)
    /// Bytes are left after the last tensor's data.
    case trailingBytes(offset: Int, count: Int)
    /// A `BYTES` element's 4-byte length, or the bytes it announces, run past the tensor's data.
    case bytesElementPastEnd(tensor: String, element: Int, offset: Int, needed: Int, available: Int)
    /// A `BYTES` tensor holds another number of elements than its shape says.
    case bytesCountMismatch(tensor: String, shape: [Int], expected: Int, actual: Int)
    /// A typed view was asked of a tensor of another datatype.
    case wrongDatatype(tensor: String, datatype: TensorDatatype, view: String)
    /// A typed view was asked of a tensor whose data is inline JSON, not binary.
    case notBinary(tensor: String)
    /// A value does not fit the requested view's type (an `UINT64` above `Int64.max`).
    case valueOutOfRange(tensor: String, element: Int)

    /// What was wrong, where, and what would be accepted.
    public var description: String {
        switch self {
        case .unreadableHeaderLength(let values):
            return "Inference-Header-Content-Length is " + values.map(Diagnostic.quoted).joined(separator: ", ")
                + "; it must be one decimal number of bytes, such as 94."
        case .invalidHeaderLength(let length, let size):
            return "Inference-Header-Content-Length is \(length) for a body of \(size) bytes; "
                + "it must be the JSON header's length in bytes, at least 1 and at most the body size."
        case .headerPastEnd(let length, let size):
            return "Inference-Header-Content-Length is \(length) but the body has only \(size) bytes; "
                + "the header length must not exceed the body size."
        case .headerNotJSON(let error):
            return "the tensor body's JSON header (the first Inference-Header-Content-Length bytes) is not JSON: \(Diagnostic.clause(error)). "
                + "Check that the header length counts exactly the JSON part."
        case .headerNotObject(let found):
            return "the tensor body's JSON header is a JSON \(found), not an object; "
                + #"it must be an object such as {"inputs": [...]} or {"outputs": [...]}."#
        case .noTensorList:
            return #"the tensor body's JSON header has no "inputs" or "outputs" array of tensors."#
        case .malformedTensor(let index, let problem):
            return "tensor \(index) in the header: \(Diagnostic.clause(problem))."
        case .unknownDatatype(let tensor, let datatype):
            return "tensor '\(tensor)' has datatype \(Diagnostic.quoted(datatype)), which is not one of "
                + TensorDatatype.allCases.map(\.rawValue).joined(separator: ", ") + "."
        case .negativeDimension(let tensor, let shape):
            return "tensor '\(tensor)' has shape \(shape) with a negative dimension; dimensions must be 0 or more."
        case .shapeOverflow(let tensor, let shape):
            return "tensor '\(tensor)' has shape \(shape), whose size in bytes does not fit in 64 bits."
        case .invalidBinaryDataSize(let tensor, let value):
            return "tensor '\(tensor)' has parameters.binary_data_size \(value); it must be a non-negative integer number of bytes."
        case .missingData(let tensor):
            return "tensor '\(tensor)' has neither parameters.binary_data_size (binary data after the header) nor inline \"data\"."
        case .sizeMismatch(let tensor, let datatype, let shape, let expected, let actual):
            return "tensor '\(tensor)' is \(datatype.rawValue) with shape \(shape), which is \(expected) bytes, "
                + "but its data has \(actual) bytes."
        case .dataPastEnd(let tensor, let offset, let size, let bodySize):
            return "tensor '\(tensor)' declares \(size) bytes of data at byte \(offset), "
                + "but the body ends at byte \(bodySize) (\(max(0, bodySize - offset)) bytes available)."
        case .trailingBytes(let offset, let count):
            return "\(count) bytes follow the last tensor's data at byte \(offset); "
                + "the binary_data_size values must add up to the body size minus the header length."
        case .bytesElementPastEnd(let tensor, let element, let offset, let needed, let available):
            return "BYTES tensor '\(tensor)' element \(element) at byte \(offset) needs \(needed) bytes "
                + "but only \(available) remain in the tensor's data; each element is a 4-byte little-endian length and that many bytes."
        case .bytesCountMismatch(let tensor, let shape, let expected, let actual):
            return "BYTES tensor '\(tensor)' has shape \(shape), which is \(expected) elements, but its data holds \(actual)."
        case .wrongDatatype(let tensor, let datatype, let view):
            return "tensor '\(tensor)' is \(datatype.rawValue) and cannot be read as \(view)."
        case .notBinary(let tensor):
            return "tensor '\(tensor)' carries inline JSON data, not binary data; read it from the header's \"data\"."
        case .valueOutOfRange(let tensor, let element):
            return "tensor '\(tensor)' element \(element) does not fit in the requested type."
        }
    }
}
