/// Sizes of tensor data, computed without overflow and without reading past any end.
enum TensorLayout {
    /// The number of elements of `shape` (1 for the scalar shape `[]`).
    static func elementCount(of shape: [Int], tensor: String) throws(TensorError) -> Int {
        if shape.contains(where: { $0 < 0 }) { throw .negativeDimension(tensor: tensor, shape: shape) }
        // A zero dimension makes the tensor empty however large the others are.
        if shape.contains(0) { return 0 }
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { throw .shapeOverflow(tensor: tensor, shape: shape) }
            count = product
        }
        return count
    }

    /// The byte count of a fixed-size tensor, or `nil` for `BYTES`.
    static func byteCount(datatype: TensorDatatype, shape: [Int], tensor: String) throws(TensorError) -> Int? {
        let count = try elementCount(of: shape, tensor: tensor)
        guard let size = datatype.elementSize else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        if overflow { throw .shapeOverflow(tensor: tensor, shape: shape) }
        return bytes
    }

    /// Checks that `data` has exactly the bytes `shape` needs, or for `BYTES` exactly
    /// `shape`'s element count of length-prefixed strings; `base` is `data`'s offset in the body,
    /// for messages.
    static func check(
        _ data: ArraySlice<UInt8>, datatype: TensorDatatype, shape: [Int], tensor: String, base: Int
    ) throws(TensorError) {
        if let expected = try byteCount(datatype: datatype, shape: shape, tensor: tensor) {
            guard data.count == expected else {
                throw .sizeMismatch(tensor: tensor, datatype: datatype, shape: shape, expected: expected, actual: data.count)
            }
            return
        }
        let expected = try elementCount(of: shape, tensor: tensor)
        let found = try byteStringRanges(in: data, tensor: tensor, base: base).count
        guard found == expected else {
            throw .bytesCountMismatch(tensor: tensor, shape: shape, expected: expected, actual: found)
        }
    }

    /// The ranges (indices of `data`) of each `BYTES` element: a 4-byte little-endian length,
    /// then that many bytes, until `data` ends exactly.
    static func byteStringRanges(in data: ArraySlice<UInt8>, tensor: String, base: Int) throws(TensorError) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var position = data.startIndex
        while position < data.endIndex {
            let available = data.endIndex - position
            let offset = base + (position - data.startIndex)
            guard available >= 4 else {
                throw .bytesElementPastEnd(tensor: tensor, element: ranges.count, offset: offset, needed: 4, available: available)
            }
            let length = Int(LittleEndian.read(UInt32.self, from: data, at: position))
            guard length <= available - 4 else {
                throw .bytesElementPastEnd(tensor: tensor, element: ranges.count, offset: offset, needed: 4 + length, available: available)
            }
            ranges.append((position + 4)..<(position + 4 + length))
            position += 4 + length
        }
        return ranges
    }
}
