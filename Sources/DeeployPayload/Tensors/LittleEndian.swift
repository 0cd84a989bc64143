/// Reading and writing fixed-width integers as little-endian bytes, the tensor data order.
enum LittleEndian {
    /// The `T` stored little-endian at `index` of `bytes`; the caller has checked that
    /// `index + T.byteWidth <= bytes.endIndex`.
    @inline(__always)
    static func read<T: FixedWidthInteger>(_: T.Type, from bytes: ArraySlice<UInt8>, at index: Int) -> T {
        var value: T = 0
        for byte in 0..<(T.bitWidth / 8) {
            value |= T(truncatingIfNeeded: bytes[index + byte]) << (8 * byte)
        }
        return value
    }

    /// Every `T` in `bytes`, read little-endian; a count not divisible by the width is the
    /// caller's mistake to have checked.
    static func readAll<T: FixedWidthInteger>(_: T.Type, from bytes: ArraySlice<UInt8>) -> [T] {
        let width = T.bitWidth / 8
        let count = bytes.count / width
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for index in 0..<count {
                    // loadUnaligned: the data follows a JSON header of any length.
                    buffer[index] = T(littleEndian: raw.loadUnaligned(fromByteOffset: index * width, as: T.self))
                }
            }
            initialized = count
        }
    }

    /// Appends `value` to `bytes`, little-endian.
    @inline(__always)
    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        for byte in 0..<(T.bitWidth / 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * byte)))
        }
    }

    /// `values` as little-endian bytes.
    static func bytes<T: FixedWidthInteger>(of values: some Collection<T>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * (T.bitWidth / 8))
        for value in values { append(value, to: &bytes) }
        return bytes
    }
}
