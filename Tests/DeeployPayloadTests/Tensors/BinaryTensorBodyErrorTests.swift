import DeeployPayload
import HTTPTypes
import StrictJSON
import Testing

/// A body made of a JSON header and the given data bytes; returns it with the header length.
private func body(_ header: String, _ data: [UInt8] = []) -> (bytes: [UInt8], headerLength: Int) {
    (Array(header.utf8) + data, header.utf8.count)
}

private func decode(_ header: String, _ data: [UInt8] = []) throws(TensorError) -> DecodedTensorBody {
    let (bytes, length) = body(header, data)
    return try BinaryTensorBody.decode(body: bytes, headerLength: length)
}

private func tensor(_ fields: String) -> String { #"{"inputs":[{\#(fields)}]}"# }

@Suite struct BinaryTensorBodyErrorTests {
    @Test func headerLengthPastTheBody() {
        let bytes = Array(tensor(#""name":"x","shape":[1],"datatype":"UINT8","parameters":{"binary_data_size":1}"#).utf8) + [1]
        #expect(throws: TensorError.headerPastEnd(headerLength: bytes.count + 1, bodySize: bytes.count)) {
            try BinaryTensorBody.decode(body: bytes, headerLength: bytes.count + 1)
        }
        #expect(TensorError.headerPastEnd(headerLength: 9999, bodySize: 110).description
            == "Inference-Header-Content-Length is 9999 but the body has only 110 bytes; the header length must not exceed the body size.")
    }

    @Test func headerLengthZeroOrNegative() {
        #expect(throws: TensorError.invalidHeaderLength(headerLength: 0, bodySize: 3)) { try BinaryTensorBody.decode(body: [1, 2, 3], headerLength: 0) }
        #expect(throws: TensorError.invalidHeaderLength(headerLength: -5, bodySize: 3)) { try BinaryTensorBody.decode(body: [1, 2, 3], headerLength: -5) }
        #expect(TensorError.invalidHeaderLength(headerLength: 0, bodySize: 3).description.contains("at least 1"))
    }

    @Test func headerLengthCuttingTheJSON() throws {
        let text = tensor(#""name":"x","shape":[1],"datatype":"UINT8","parameters":{"binary_data_size":1}"#)
        let error = #expect(throws: TensorError.self) { try BinaryTensorBody.decode(body: Array(text.utf8) + [1], headerLength: 20) }
        guard case .headerNotJSON(let json)? = error else {
            Issue.record("expected headerNotJSON, got \(String(describing: error))")
            return
        }
        #expect(json.offset == 20)
        #expect(error?.description.hasPrefix("the tensor body's JSON header (the first Inference-Header-Content-Length bytes) is not JSON: invalid JSON at line 1, column 21 (byte 20)") == true)
    }

    @Test func headerNotJSON() {
        #expect(throws: TensorError.self) { try decode("not json at all!", [0, 0, 128, 63]) }
    }

    @Test func headerNotAnObject() {
        #expect(throws: TensorError.headerNotObject(found: "array")) { try decode("[1, 2, 3]", [1]) }
        #expect(TensorError.headerNotObject(found: "array").description.contains("is a JSON array, not an object"))
    }

    @Test func headerWithoutTensorList() {
        #expect(throws: TensorError.noTensorList) { try decode(#"{"id": "1"}"#) }
        #expect(throws: TensorError.noTensorList) { try decode(#"{"inputs": {"name": "x"}}"#) }
    }

    @Test func malformedTensorEntries() {
        #expect(throws: TensorError.malformedTensor(index: 0, problem: "it is a JSON number, not an object")) { try decode(#"{"inputs": [1]}"#) }
        #expect(throws: TensorError.malformedTensor(index: 0, problem: #"it has no string "name""#)) {
            try decode(tensor(#""shape":[1],"datatype":"UINT8","data":[1]"#))
        }
        #expect(throws: TensorError.malformedTensor(index: 0, problem: #"tensor 'x' has no string "datatype""#)) {
            try decode(tensor(#""name":"x","shape":[1],"data":[1]"#))
        }
        #expect(throws: TensorError.malformedTensor(index: 0, problem: #"tensor 'x' has no "shape" array"#)) {
            try decode(tensor(#""name":"x","datatype":"UINT8","data":[1]"#))
        }
        #expect(throws: TensorError.malformedTensor(index: 0, problem: "tensor 'x' has shape dimension 1.5, which is not a 64-bit integer")) {
            try decode(tensor(#""name":"x","shape":[1.5],"datatype":"UINT8","data":[1]"#))
        }
        #expect(throws: TensorError.malformedTensor(index: 0, problem: "tensor 'x' has shape dimension 99999999999999999999, which is not a 64-bit integer")) {
            try decode(tensor(#""name":"x","shape":[99999999999999999999],"datatype":"UINT8","data":[1]"#))
        }
        #expect(throws: TensorError.malformedTensor(index: 0, problem: #"tensor 'x' has "parameters" that is a JSON array, not an object"#)) {
            try decode(tensor(#""name":"x","shape":[1],"datatype":"UINT8","parameters":[]"#))
        }
        #expect(TensorError.malformedTensor(index: 2, problem: "it is a JSON number, not an object").description == "tensor 2 in the header: it is a JSON number, not an object.")
    }

    @Test func unknownDatatype() {
        #expect(throws: TensorError.unknownDatatype(tensor: "x", datatype: "FP8")) {
            try decode(tensor(#""name":"x","shape":[2],"datatype":"FP8","parameters":{"binary_data_size":2}"#), [1, 2])
        }
        #expect(TensorError.unknownDatatype(tensor: "x", datatype: "FP8").description.contains("BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES"))
    }

    @Test func negativeDimension() {
        #expect(throws: TensorError.negativeDimension(tensor: "x", shape: [-1, 4])) {
            try decode(tensor(#""name":"x","shape":[-1,4],"datatype":"FP32","parameters":{"binary_data_size":16}"#), Array(repeating: 0, count: 16))
        }
    }

    @Test func shapeOverflow() {
        #expect(throws: TensorError.shapeOverflow(tensor: "x", shape: [4_611_686_018_427_387_904, 4])) {
            try decode(tensor(#""name":"x","shape":[4611686018427387904,4],"datatype":"FP32","parameters":{"binary_data_size":4}"#), [0, 0, 128, 63])
        }
        // The element count fits, but times the element size it does not.
        #expect(throws: TensorError.shapeOverflow(tensor: "x", shape: [2_305_843_009_213_693_952])) {
            try decode(tensor(#""name":"x","shape":[2305843009213693952],"datatype":"FP64","parameters":{"binary_data_size":8}"#), Array(repeating: 0, count: 8))
        }
        // A zero dimension makes the tensor empty, however large the others.
        #expect(throws: Never.self) {
            try decode(tensor(#""name":"x","shape":[9223372036854775807,0,9223372036854775807],"datatype":"FP64","parameters":{"binary_data_size":0}"#))
        }
    }

    @Test func invalidBinaryDataSize() {
        #expect(throws: TensorError.invalidBinaryDataSize(tensor: "x", value: "-1")) {
            try decode(tensor(#""name":"x","shape":[1],"datatype":"UINT8","parameters":{"binary_data_size":-1}"#), [1])
        }
        #expect(throws: TensorError.invalidBinaryDataSize(tensor: "x", value: #""1""#)) {
            try decode(tensor(#""name":"x","shape":[1],"datatype":"UINT8","parameters":{"binary_data_size":"1"}"#), [1])
        }
        #expect(throws: TensorError.invalidBinaryDataSize(tensor: "x", value: "1.0")) {
            try decode(tensor(#""name":"x","shape":[1],"datatype":"UINT8","parameters":{"binary_data_size":1.0}"#), [1])
        }
    }

    @Test func missingDataAndSize() {
        #expect(throws: TensorError.missingData(tensor: "x")) { try decode(tensor(#""name":"x","shape":[2],"datatype":"INT32""#)) }
        #expect(TensorError.missingData(tensor: "x").description.contains("binary_data_size"))
    }

    @Test func sizesExceedingTheBody() {
        let (bytes, length) = body(tensor(#""name":"x","shape":[2,2],"datatype":"FP32","parameters":{"binary_data_size":16}"#), Array(repeating: 0, count: 12))
        #expect(throws: TensorError.dataPastEnd(tensor: "x", offset: length, size: 16, bodySize: length + 12)) {
            try BinaryTensorBody.decode(body: bytes, headerLength: length)
        }
        #expect(TensorError.dataPastEnd(tensor: "x", offset: 94, size: 16, bodySize: 106).description.contains("(12 bytes available)"))
    }

    @Test func hugeBinaryDataSizeDoesNotOverflow() {
        let (bytes, length) = body(tensor(#""name":"x","shape":[1],"datatype":"UINT8","parameters":{"binary_data_size":9223372036854775807}"#), [1])
        #expect(throws: TensorError.dataPastEnd(tensor: "x", offset: length, size: .max, bodySize: length + 1)) {
            try BinaryTensorBody.decode(body: bytes, headerLength: length)
        }
    }

    @Test func sizesLeavingTrailingBytes() {
        let (bytes, length) = body(tensor(#""name":"x","shape":[2],"datatype":"UINT16","parameters":{"binary_data_size":4}"#), [1, 0, 2, 0, 9, 9])
        #expect(throws: TensorError.trailingBytes(offset: length + 4, count: 2)) { try BinaryTensorBody.decode(body: bytes, headerLength: length) }
        #expect(TensorError.trailingBytes(offset: 98, count: 2).description.hasPrefix("2 bytes follow the last tensor's data at byte 98"))
    }

    @Test func shapeTimesSizeIsNotTheByteCount() {
        #expect(throws: TensorError.sizeMismatch(tensor: "x", datatype: .fp32, shape: [2, 2], expected: 16, actual: 12)) {
            try decode(tensor(#""name":"x","shape":[2,2],"datatype":"FP32","parameters":{"binary_data_size":12}"#), Array(repeating: 0, count: 12))
        }
        #expect(throws: TensorError.sizeMismatch(tensor: "h", datatype: .fp16, shape: [2], expected: 4, actual: 3)) {
            try decode(tensor(#""name":"h","shape":[2],"datatype":"FP16","parameters":{"binary_data_size":3}"#), [0, 60, 0])
        }
        #expect(TensorError.sizeMismatch(tensor: "x", datatype: .fp32, shape: [2, 2], expected: 16, actual: 12).description
            == "tensor 'x' is FP32 with shape [2, 2], which is 16 bytes, but its data has 12 bytes.")
    }

    @Test func bytesLengthPastTheEnd() {
        // "abc", then a length of 1000 with two bytes left.
        let data: [UInt8] = [3, 0, 0, 0] + Array("abc".utf8) + [0xE8, 0x03, 0, 0] + Array("xy".utf8)
        let (bytes, length) = body(tensor(#""name":"s","shape":[2],"datatype":"BYTES","parameters":{"binary_data_size":13}"#), data)
        #expect(throws: TensorError.bytesElementPastEnd(tensor: "s", element: 1, offset: length + 7, needed: 1004, available: 6)) {
            try BinaryTensorBody.decode(body: bytes, headerLength: length)
        }
        // A length prefix cut short.
        let (short, shortLength) = body(tensor(#""name":"s","shape":[2],"datatype":"BYTES","parameters":{"binary_data_size":7}"#), [1, 0, 0, 0, 97, 1, 0])
        #expect(throws: TensorError.bytesElementPastEnd(tensor: "s", element: 1, offset: shortLength + 5, needed: 4, available: 2)) {
            try BinaryTensorBody.decode(body: short, headerLength: shortLength)
        }
    }

    @Test func bytesCountMismatch() {
        let data: [UInt8] = [1, 0, 0, 0, 97, 1, 0, 0, 0, 98]
        #expect(throws: TensorError.bytesCountMismatch(tensor: "s", shape: [3], expected: 3, actual: 2)) {
            try decode(tensor(#""name":"s","shape":[3],"datatype":"BYTES","parameters":{"binary_data_size":10}"#), data)
        }
    }

    @Test func randomBodiesNeverCrash() throws {
        // Every truncation and every single-byte change of a valid body either decodes or
        // throws a TensorError; none reads out of bounds.
        let (valid, headerLength) = try BinaryTensorBody.encode(tensors: BinaryTensorBodyTests.tensors)
        var failures = 0
        for cut in stride(from: 0, to: valid.count, by: 3) {
            do { _ = try BinaryTensorBody.decode(body: Array(valid[..<cut]), headerLength: headerLength) } catch { failures += 1 }
        }
        for position in stride(from: 0, to: valid.count, by: 2) {
            var changed = valid
            changed[position] &+= 1
            do {
                let decoded = try BinaryTensorBody.decode(body: changed, headerLength: headerLength)
                for tensor in decoded.tensors where tensor.datatype == .bytes { _ = try tensor.byteStrings() }
            } catch {
                failures += 1
            }
        }
        #expect(failures > 0)
    }
}

@Suite struct BinaryTensorHeaderLengthFieldTests {
    private func fields(_ values: [String]) -> HTTPFields {
        var fields = HTTPFields()
        for value in values {
            if let name = HTTPField.Name(BinaryTensorBody.headerLengthField) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }

    @Test func readsTheLength() throws {
        #expect(try BinaryTensorBody.headerLength(in: fields(["94"])) == 94)
        #expect(try BinaryTensorBody.headerLength(in: fields([" 94 ", "94"])) == 94)
        #expect(try BinaryTensorBody.headerLength(in: HTTPFields()) == nil)
    }

    @Test func rejectsWhatIsNotOneNumber() {
        #expect(throws: TensorError.unreadableHeaderLength(["-1"])) { try BinaryTensorBody.headerLength(in: fields(["-1"])) }
        #expect(throws: TensorError.unreadableHeaderLength(["0x5E"])) { try BinaryTensorBody.headerLength(in: fields(["0x5E"])) }
        #expect(throws: TensorError.unreadableHeaderLength([""])) { try BinaryTensorBody.headerLength(in: fields([""])) }
        #expect(throws: TensorError.unreadableHeaderLength(["94", "95"])) { try BinaryTensorBody.headerLength(in: fields(["94", "95"])) }
        #expect(throws: TensorError.unreadableHeaderLength(["9999999999999999999"])) { try BinaryTensorBody.headerLength(in: fields(["9999999999999999999"])) }
        #expect(TensorError.unreadableHeaderLength(["94", "95"]).description
            == #"Inference-Header-Content-Length is "94", "95"; it must be one decimal number of bytes, such as 94."#)
    }
}
