import DeeployPayload
import StrictJSON
import Testing

@Suite struct BinaryTensorBodyTests {
    /// One tensor of every datatype, with values at the edges of its range.
    static let tensors: [BinaryTensor] = [
        BinaryTensor(name: "bool", shape: [4], bools: [true, false, true, true]),
        BinaryTensor(name: "u8", shape: [2, 3], integers: [0, 1, 127, 128, 254, 255] as [UInt8]),
        BinaryTensor(name: "u16", shape: [3], integers: [0, 513, .max] as [UInt16]),
        BinaryTensor(name: "u32", shape: [2], integers: [1, .max] as [UInt32]),
        BinaryTensor(name: "u64", shape: [2], integers: [0, .max] as [UInt64]),
        BinaryTensor(name: "i8", shape: [4], integers: [.min, -1, 0, .max] as [Int8]),
        BinaryTensor(name: "i16", shape: [2, 2], integers: [.min, -2, 2, .max] as [Int16]),
        BinaryTensor(name: "i32", shape: [3], integers: [.min, 0, .max] as [Int32]),
        BinaryTensor(name: "i64", shape: [2], integers: [.min, .max] as [Int64]),
        BinaryTensor(name: "fp16", shape: [4], halfPrecision: [0, 1, -2.5, 65504]),
        BinaryTensor(name: "fp32", shape: [2, 2], floats: [1, 2.5, -3.25, .greatestFiniteMagnitude]),
        BinaryTensor(name: "fp64", shape: [3], doubles: [.pi, -0.0, 1e300]),
        BinaryTensor(name: "bytes", shape: [3], strings: ["hello", "", "wörld"]),
    ]

    @Test func everyDatatypeIsCovered() {
        #expect(Set(Self.tensors.map(\.datatype)) == Set(TensorDatatype.allCases))
    }

    @Test(arguments: tensors)
    func roundTripsOneTensor(_ tensor: BinaryTensor) throws {
        let (body, headerLength) = try BinaryTensorBody.encode(tensors: [tensor])
        let decoded = try BinaryTensorBody.decode(body: body, headerLength: headerLength)
        #expect(decoded.tensorList == .inputs)
        #expect(decoded.tensors.count == 1)
        let result = try #require(decoded.tensors.first)
        #expect(result.name == tensor.name)
        #expect(result.datatype == tensor.datatype)
        #expect(result.shape == tensor.shape)
        #expect(result.bytes == tensor.bytes)
        #expect(result.parameters?["binary_data_size"] == .number(JSONNumber(tensor.bytes.count)))
        #expect(body.count == headerLength + tensor.bytes.count)
    }

    @Test func roundTripsAllTensorsInOneBody() throws {
        let header: JSONValue = ["id": "42", "parameters": ["binary_data_output": true]]
        let (body, headerLength) = try BinaryTensorBody.encode(header: header, tensors: Self.tensors)
        let decoded = try BinaryTensorBody.decode(body: body, headerLength: headerLength)
        #expect(decoded.tensors.map(\.name) == Self.tensors.map(\.name))
        #expect(decoded.tensors.map(\.bytes) == Self.tensors.map(\.bytes))
        #expect(decoded.header["id"] == "42")
        #expect(decoded.header["parameters"]?["binary_data_output"] == true)
    }

    @Test func typedViewsReadBackTheValues() throws {
        let (body, headerLength) = try BinaryTensorBody.encode(tensors: Self.tensors)
        let decoded = try BinaryTensorBody.decode(body: body, headerLength: headerLength)
        func tensor(_ name: String) throws -> DecodedTensor { try #require(decoded.tensor(named: name)) }
        #expect(try tensor("bool").bools() == [true, false, true, true])
        #expect(try tensor("u8").integers(as: UInt8.self) == [0, 1, 127, 128, 254, 255])
        #expect(try tensor("u16").integers(as: UInt16.self) == [0, 513, .max])
        #expect(try tensor("u32").integers(as: UInt32.self) == [1, .max])
        #expect(try tensor("u64").integers(as: UInt64.self) == [0, .max])
        #expect(try tensor("i8").integers(as: Int8.self) == [.min, -1, 0, .max])
        #expect(try tensor("i16").integers(as: Int16.self) == [.min, -2, 2, .max])
        #expect(try tensor("i32").integers(as: Int32.self) == [.min, 0, .max])
        #expect(try tensor("i64").integers(as: Int64.self) == [.min, .max])
        #expect(try tensor("i16").int64s() == [-32768, -2, 2, 32767])
        #expect(try tensor("u32").int64s() == [1, 4_294_967_295])
        #expect(try tensor("fp16").floats() == [0, 1, -2.5, 65504])
        #expect(try tensor("fp16").halfBits() == [0x0000, 0x3C00, 0xC100, 0x7BFF])
        #expect(try tensor("fp32").floats() == [1, 2.5, -3.25, .greatestFiniteMagnitude])
        #expect(try tensor("fp32").doubles() == [1, 2.5, -3.25, Double(Float.greatestFiniteMagnitude)])
        #expect(try tensor("fp64").doubles().map(\.bitPattern) == [Double.pi, -0.0, 1e300].map(\.bitPattern))
        #expect(try tensor("bytes").byteStrings() == [Array("hello".utf8), [], Array("wörld".utf8)])
        #expect(try tensor("bytes").strings() == ["hello", "", "wörld"])
    }

    @Test func viewsOfAnotherDatatypeThrow() throws {
        let (body, headerLength) = try BinaryTensorBody.encode(tensors: Self.tensors)
        let decoded = try BinaryTensorBody.decode(body: body, headerLength: headerLength)
        let fp32 = try #require(decoded.tensor(named: "fp32"))
        #expect(throws: TensorError.wrongDatatype(tensor: "fp32", datatype: .fp32, view: "[Bool]")) { try fp32.bools() }
        #expect(throws: TensorError.wrongDatatype(tensor: "fp32", datatype: .fp32, view: "[Int32]")) { try fp32.integers(as: Int32.self) }
        let u16 = try #require(decoded.tensor(named: "u16"))
        #expect(throws: TensorError.wrongDatatype(tensor: "u16", datatype: .uint16, view: "[Int16]")) { try u16.integers(as: Int16.self) }
        #expect(throws: TensorError.wrongDatatype(tensor: "u16", datatype: .uint16, view: "[Float]")) { try u16.floats() }
        let u64 = try #require(decoded.tensor(named: "u64"))
        #expect(throws: TensorError.valueOutOfRange(tensor: "u64", element: 1)) { try u64.int64s() }
        #expect(TensorError.wrongDatatype(tensor: "fp32", datatype: .fp32, view: "[Bool]").description == "tensor 'fp32' is FP32 and cannot be read as [Bool].")
    }

    @Test func inlineTensorsKeepTheirJSONData() throws {
        let header: JSONValue = ["inputs": [["name": "inline", "shape": [2], "datatype": "INT32", "data": [1, 2]]]]
        let (body, headerLength) = try BinaryTensorBody.encode(header: header, tensors: [BinaryTensor(name: "bin", shape: [1], doubles: [1])])
        let decoded = try BinaryTensorBody.decode(body: body, headerLength: headerLength)
        #expect(decoded.tensors.map(\.name) == ["inline", "bin"])
        #expect(decoded.tensors[0].inlineData == [1, 2])
        #expect(decoded.tensors[0].bytes == nil)
        #expect(throws: TensorError.notBinary(tensor: "inline")) { try decoded.tensors[0].int64s() }
        #expect(try decoded.tensors[1].doubles() == [1])
    }

    @Test func encodesResponsesUnderOutputs() throws {
        let (body, headerLength) = try BinaryTensorBody.encode(
            header: ["model_name": "m", "id": "1"], tensors: [BinaryTensor(name: "y", shape: [1], integers: [7] as [Int32])], list: .outputs)
        let decoded = try BinaryTensorBody.decode(body: body, headerLength: headerLength)
        #expect(decoded.tensorList == .outputs)
        let response = try decoded.decodeHeader(as: InferenceResponseV2.self)
        #expect(response.modelName == "m")
        #expect(response.outputs.first?.parameters?["binary_data_size"] == 4)
        #expect(response.outputs.first?.data == nil)
    }

    @Test func headerIsWrittenCompactWithBinaryDataSize() throws {
        let (body, headerLength) = try BinaryTensorBody.encode(tensors: [BinaryTensor(name: "x", shape: [2], floats: [1, 2])])
        #expect(String(decoding: body[..<headerLength], as: UTF8.self)
            == #"{"inputs":[{"name":"x","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":8}}]}"#)
    }

    @Test func withoutHeaderLengthTheWholeBodyIsJSON() throws {
        let body = Array(#"{"inputs":[{"name":"x","shape":[2],"datatype":"INT32","data":[1,2]}]}"#.utf8)
        let decoded = try BinaryTensorBody.decode(body: body, headerLength: nil)
        #expect(decoded.tensors.first?.inlineData == [1, 2])
        let binary = Array(#"{"inputs":[{"name":"x","shape":[1],"datatype":"INT32","parameters":{"binary_data_size":4}}]}"#.utf8)
        #expect(throws: TensorError.dataPastEnd(tensor: "x", offset: binary.count, size: 4, bodySize: binary.count)) {
            try BinaryTensorBody.decode(body: binary, headerLength: nil)
        }
    }

    @Test func encodeRejectsBytesThatDoNotFitTheShape() {
        #expect(throws: TensorError.sizeMismatch(tensor: "x", datatype: .fp32, shape: [3], expected: 12, actual: 8)) {
            try BinaryTensorBody.encode(tensors: [BinaryTensor(name: "x", shape: [3], floats: [1, 2])])
        }
        #expect(throws: TensorError.bytesCountMismatch(tensor: "s", shape: [2], expected: 2, actual: 1)) {
            try BinaryTensorBody.encode(tensors: [BinaryTensor(name: "s", shape: [2], strings: ["a"])])
        }
        #expect(throws: TensorError.negativeDimension(tensor: "x", shape: [-1])) {
            try BinaryTensorBody.encode(tensors: [BinaryTensor(name: "x", datatype: .uint8, shape: [-1], bytes: [])])
        }
        #expect(throws: TensorError.headerNotObject(found: "array")) {
            try BinaryTensorBody.encode(header: [1], tensors: [])
        }
        #expect(throws: TensorError.noTensorList) {
            try BinaryTensorBody.encode(header: ["inputs": "x"], tensors: [])
        }
    }
}

@Suite struct BinaryTensorCorpusTests {
    @Test func manifestListsTensors() {
        #expect(CorpusManifest.shared.tensors.count >= 30)
        #expect(CorpusManifest.shared.tensors.filter(\.valid).count >= 13)
        #expect(CorpusManifest.shared.tensors.filter { !$0.valid }.count >= 10)
    }

    @Test(arguments: CorpusManifest.shared.tensors)
    func tensorFileDecodesAsTheManifestSays(_ file: CorpusManifest.Tensor) throws {
        let body = try CorpusManifest.bytes(file.path)
        let result = Result { () throws(TensorError) in try BinaryTensorBody.decode(body: body, headerLength: file.headerLength) }
        switch result {
        case .success(let decoded):
            #expect(file.valid, "\(file.id) decoded but the manifest says it is invalid")
            #expect(decoded.tensors.count == file.tensorCount)
            // Decoding, then encoding the binary tensors again, gives the same data.
            for tensor in decoded.tensors {
                guard let bytes = tensor.bytes else { continue }
                let again = try BinaryTensorBody.encode(tensors: [BinaryTensor(name: tensor.name, datatype: tensor.datatype, shape: tensor.shape, bytes: bytes)])
                #expect(try BinaryTensorBody.decode(body: again.body, headerLength: again.headerLength).tensors.first?.bytes == bytes)
            }
        case .failure(let error):
            #expect(!file.valid, "\(file.id): \(error)")
            #expect(!error.description.isEmpty)
        }
    }

    @Test func corpusValuesReadBack() throws {
        func decoded(_ name: String) throws -> DecodedTensor {
            let file = try #require(CorpusManifest.shared.tensors.first { $0.id == "tensor/" + name })
            return try #require(try BinaryTensorBody.decode(body: CorpusManifest.bytes(file.path), headerLength: file.headerLength).tensors.first)
        }
        #expect(try decoded("bool-4").bools() == [true, false, true, true])
        #expect(try decoded("int8-4").integers(as: Int8.self) == [-128, -1, 0, 127])
        #expect(try decoded("int64-2").int64s() == [.min, .max])
        #expect(try decoded("uint64-2").integers(as: UInt64.self) == [0, .max])
        #expect(try decoded("fp16-4").halfBits() == [0x0000, 0x3C00, 0xC100, 0x7BFF])
        #expect(try decoded("fp16-4").floats() == [0, 1, -2.5, 65504])
        #expect(try decoded("fp32-2x2").floats() == [1, 2.5, -3.25, 4])
        #expect(try decoded("fp64-3").doubles().first == .pi)
        #expect(try decoded("bytes-3").strings() == ["hello", "", "wörld"])
        #expect(try decoded("scalar-shape").integers(as: Int32.self) == [7])
        #expect(try decoded("zero-elements").floats() == [])
        #expect(try decoded("response-outputs").integers(as: Int32.self) == [0, 1, 2])
    }

    @Test func malformedCorpusFilesGiveTheirErrors() throws {
        func error(_ name: String) throws -> TensorError? {
            let file = try #require(CorpusManifest.shared.tensors.first { $0.id == "malformed/tensor/" + name })
            let body = try CorpusManifest.bytes(file.path)
            return #expect(throws: TensorError.self) { try BinaryTensorBody.decode(body: body, headerLength: file.headerLength) }
        }
        #expect(try error("header-past-end") == .headerPastEnd(headerLength: 9999, bodySize: 110))
        #expect(try error("header-length-zero") == .invalidHeaderLength(headerLength: 0, bodySize: 110))
        #expect(try error("header-not-object") == .headerNotObject(found: "array"))
        #expect(try error("sizes-exceed-body") == .dataPastEnd(tensor: "x", offset: 94, size: 16, bodySize: 106))
        #expect(try error("sizes-leave-trailing-bytes") == .trailingBytes(offset: 110, count: 4))
        #expect(try error("shape-times-size-mismatch") == .sizeMismatch(tensor: "x", datatype: .fp32, shape: [2, 2], expected: 16, actual: 12))
        #expect(try error("bytes-count-mismatch") == .bytesCountMismatch(tensor: "s", shape: [3], expected: 3, actual: 2))
        #expect(try error("negative-shape") == .negativeDimension(tensor: "x", shape: [-1, 4]))
        #expect(try error("huge-shape-overflow") == .shapeOverflow(tensor: "x", shape: [4_611_686_018_427_387_904, 4]))
        #expect(try error("unknown-datatype") == .unknownDatatype(tensor: "x", datatype: "FP8"))
        #expect(try error("negative-binary-size") == .invalidBinaryDataSize(tensor: "x", value: "-1"))
        #expect(try error("missing-data-and-size") == .missingData(tensor: "x"))
        #expect(try error("fp16-odd-byte-count") == .sizeMismatch(tensor: "h", datatype: .fp16, shape: [2], expected: 4, actual: 3))
        if case .bytesElementPastEnd(let tensor, let element, _, _, _)? = try error("bytes-length-past-end") {
            #expect(tensor == "s" && element == 1)
        } else {
            Issue.record("bytes-length-past-end gave another error")
        }
        if case .headerNotJSON? = try error("header-not-json") {} else { Issue.record("header-not-json gave another error") }
        if case .headerNotJSON? = try error("header-length-cuts-json") {} else { Issue.record("header-length-cuts-json gave another error") }
    }
}
