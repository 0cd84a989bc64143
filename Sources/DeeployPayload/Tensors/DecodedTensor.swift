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

/// Typed views of a binary tensor's data. Each view checks the datatype and throws
/// ``TensorError/wrongDatatype(tensor:datatype:view:)`` rather than reinterpret bytes.
extension DecodedTensor {
    /// A `BOOL` tensor's elements; any non-zero byte is `true`.
    public func bools() throws(TensorError) -> [Bool] {
        try binary(for: [.bool], view: "[Bool]").map { $0 != 0 }
    }

    /// An integer tensor's elements as `T`, whose width and signedness must be the datatype's
    /// exactly (`UINT16` as `UInt16`, `INT64` as `Int64`, ...).
    public func integers<T: FixedWidthInteger>(as type: T.Type) throws(TensorError) -> [T] {
        let view = "[\(T.self)]"
        guard datatype.isInteger, datatype.elementSize == T.bitWidth / 8, datatype.isSigned == T.isSigned else {
            throw .wrongDatatype(tensor: name, datatype: datatype, view: view)
        }
        return LittleEndian.readAll(T.self, from: try binary(for: [datatype], view: view))
    }

    /// Any integer tensor's elements widened to `Int64`; an `UINT64` above `Int64.max` throws.
    public func int64s() throws(TensorError) -> [Int64] {
        let view = "[Int64]"
        let data = try binary(for: TensorDatatype.allCases.filter(\.isInteger), view: view)
        switch datatype {
        case .int8: return LittleEndian.readAll(Int8.self, from: data).map(Int64.init)
        case .int16: return LittleEndian.readAll(Int16.self, from: data).map(Int64.init)
        case .int32: return LittleEndian.readAll(Int32.self, from: data).map(Int64.init)
        case .int64: return LittleEndian.readAll(Int64.self, from: data)
        case .uint8: return LittleEndian.readAll(UInt8.self, from: data).map(Int64.init)
        case .uint16: return LittleEndian.readAll(UInt16.self, from: data).map(Int64.init)
        case .uint32: return LittleEndian.readAll(UInt32.self, from: data).map(Int64.init)
        default:
            let values = LittleEndian.readAll(UInt64.self, from: data)
            var result: [Int64] = []
            result.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                guard let exact = Int64(exactly: value) else { throw .valueOutOfRange(tensor: name, element: index) }
                result.append(exact)
            }
            return result
        }
    }

    /// An `FP32` tensor's elements, or an `FP16` tensor's widened exactly.
    public func floats() throws(TensorError) -> [Float] {
        let data = try binary(for: [.fp32, .fp16], view: "[Float]")
        if datatype == .fp16 { return LittleEndian.readAll(UInt16.self, from: data).map(HalfFloat.float(fromBits:)) }
        return LittleEndian.readAll(UInt32.self, from: data).map(Float.init(bitPattern:))
    }

    /// An `FP64` tensor's elements, or an `FP32` or `FP16` tensor's widened exactly.
    public func doubles() throws(TensorError) -> [Double] {
        let data = try binary(for: [.fp64, .fp32, .fp16], view: "[Double]")
        if datatype == .fp64 { return LittleEndian.readAll(UInt64.self, from: data).map(Double.init(bitPattern:)) }
        return try floats().map(Double.init)
    }

    /// An `FP16` tensor's raw binary16 bit patterns.
    public func halfBits() throws(TensorError) -> [UInt16] {
        LittleEndian.readAll(UInt16.self, from: try binary(for: [.fp16], view: "FP16 bits"))
    }

    /// A `BYTES` tensor's elements, each without its length prefix.
    public func byteStrings() throws(TensorError) -> [[UInt8]] {
        let data = try binary(for: [.bytes], view: "[[UInt8]]")
        return try TensorLayout.byteStringRanges(in: data, tensor: name, base: 0).map { Array(data[$0]) }
    }

    /// A `BYTES` tensor's elements as UTF-8 strings; `nil` for an element that is not valid UTF-8.
    public func strings() throws(TensorError) -> [String?] {
        try byteStrings().map { String(validating: $0, as: UTF8.self) }
    }

    private func binary(for datatypes: [TensorDatatype], view: String) throws(TensorError) -> ArraySlice<UInt8> {
        guard datatypes.contains(datatype) else { throw .wrongDatatype(tensor: name, datatype: datatype, view: view) }
        guard case .binary(let bytes) = data else { throw .notBinary(tensor: name) }
        // Decoding checked the size against the shape; a tensor built by hand may not have been.
        try TensorLayout.check(bytes[...], datatype: datatype, shape: shape, tensor: name, base: 0)
        return bytes[...]
    }
}
