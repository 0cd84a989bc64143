/// One tensor to send as binary data: its name, datatype, shape and raw little-endian bytes.
///
/// The typed initialisers lay the values out as the protocol wants them (little-endian,
/// row-major, unpadded; `BYTES` as 4-byte lengths and contents). ``BinaryTensorBody/encode(header:tensors:list:)``
/// checks that the bytes fit the shape.
///
/// ```swift
/// let input = BinaryTensor(name: "input-0", shape: [2, 2], floats: [1, 2, 3, 4])
/// ```
public struct BinaryTensor: Sendable, Hashable {
    /// The tensor's name.
    public var name: String
    /// The element type.
    public var datatype: TensorDatatype
    /// The dimensions, row-major.
    public var shape: [Int]
    /// The raw data, little-endian.
    public var bytes: [UInt8]

    /// A tensor from raw bytes already in the protocol's layout.
    public init(name: String, datatype: TensorDatatype, shape: [Int], bytes: [UInt8]) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.bytes = bytes
    }

    /// A `BOOL` tensor, one byte per element.
    public init(name: String, shape: [Int], bools: [Bool]) {
        self.init(name: name, datatype: .bool, shape: shape, bytes: bools.map { $0 ? 1 : 0 })
    }

    /// An integer tensor; the datatype follows `T` (`UInt8` is `UINT8`, `Int64` is `INT64`, ...).
    public init<T: FixedWidthInteger>(name: String, shape: [Int], integers: [T]) {
        let datatype: TensorDatatype =
            switch (T.isSigned, T.bitWidth) {
            case (false, 8): .uint8
            case (false, 16): .uint16
            case (false, 32): .uint32
            case (false, 64): .uint64
            case (true, 8): .int8
            case (true, 16): .int16
            case (true, 32): .int32
            default: .int64
            }
        let bytes =
            T.bitWidth <= 64
            ? LittleEndian.bytes(of: integers)
            : LittleEndian.bytes(of: integers.map { Int64(truncatingIfNeeded: $0) })
        self.init(name: name, datatype: datatype, shape: shape, bytes: bytes)
    }

    /// An `FP32` tensor.
    public init(name: String, shape: [Int], floats: [Float]) {
        self.init(name: name, datatype: .fp32, shape: shape, bytes: LittleEndian.bytes(of: floats.map(\.bitPattern)))
    }

    /// An `FP64` tensor.
    public init(name: String, shape: [Int], doubles: [Double]) {
        self.init(name: name, datatype: .fp64, shape: shape, bytes: LittleEndian.bytes(of: doubles.map(\.bitPattern)))
    }

    /// An `FP16` tensor from floats, each rounded to the nearest half (ties to even).
    public init(name: String, shape: [Int], halfPrecision floats: [Float]) {
        self.init(name: name, shape: shape, halfBits: floats.map(HalfFloat.bits(from:)))
    }

    /// An `FP16` tensor from raw binary16 bit patterns.
    public init(name: String, shape: [Int], halfBits: [UInt16]) {
        self.init(name: name, datatype: .fp16, shape: shape, bytes: LittleEndian.bytes(of: halfBits))
    }

    /// A `BYTES` tensor: each element written as its 4-byte little-endian length and its bytes.
    ///
    /// An element longer than `UInt32.max` bytes cannot be expressed; its length is written
    /// truncated, and encoding then fails with a ``TensorError``, because the data no longer
    /// parses into the shape's element count.
    public init(name: String, shape: [Int], byteStrings: [[UInt8]]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteStrings.reduce(0) { $0 + 4 + $1.count })
        for element in byteStrings {
            LittleEndian.append(UInt32(truncatingIfNeeded: element.count), to: &bytes)
            bytes.append(contentsOf: element)
        }
        self.init(name: name, datatype: .bytes, shape: shape, bytes: bytes)
    }

    /// A `BYTES` tensor of UTF-8 strings.
    public init(name: String, shape: [Int], strings: [String]) {
        self.init(name: name, shape: shape, byteStrings: strings.map { Array($0.utf8) })
    }
}
