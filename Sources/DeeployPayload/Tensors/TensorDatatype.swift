/// The element type of an Open Inference Protocol tensor, spelled as the protocol spells it.
///
/// Binary tensor data is little-endian, row-major and unpadded. `BOOL` takes one byte per
/// element; `BYTES` elements are each a 4-byte little-endian length followed by that many bytes,
/// so they have no fixed size.
public enum TensorDatatype: String, Codable, Sendable, Hashable, CaseIterable {
    /// A boolean, one byte (0 or 1).
    case bool = "BOOL"
    /// An unsigned 8-bit integer.
    case uint8 = "UINT8"
    /// An unsigned 16-bit integer.
    case uint16 = "UINT16"
    /// An unsigned 32-bit integer.
    case uint32 = "UINT32"
    /// An unsigned 64-bit integer.
    case uint64 = "UINT64"
    /// A signed 8-bit integer.
    case int8 = "INT8"
    /// A signed 16-bit integer.
    case int16 = "INT16"
    /// A signed 32-bit integer.
    case int32 = "INT32"
    /// A signed 64-bit integer.
    case int64 = "INT64"
    /// An IEEE 754 binary16 float.
    case fp16 = "FP16"
    /// An IEEE 754 binary32 float.
    case fp32 = "FP32"
    /// An IEEE 754 binary64 float.
    case fp64 = "FP64"
    /// A byte string of any length.
    case bytes = "BYTES"

    /// The size of one element in bytes, or `nil` for ``bytes``, whose elements vary.
    public var elementSize: Int? {
        switch self {
        case .bool, .uint8, .int8: 1
        case .uint16, .int16, .fp16: 2
        case .uint32, .int32, .fp32: 4
        case .uint64, .int64, .fp64: 8
        case .bytes: nil
        }
    }

    /// Whether the elements are integers (signed or unsigned).
    public var isInteger: Bool {
        switch self {
        case .uint8, .uint16, .uint32, .uint64, .int8, .int16, .int32, .int64: true
        default: false
        }
    }

    /// Whether the elements are floating-point numbers.
    public var isFloatingPoint: Bool { self == .fp16 || self == .fp32 || self == .fp64 }
}
