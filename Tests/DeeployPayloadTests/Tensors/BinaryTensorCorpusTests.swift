import DeeployPayload
import StrictJSON
import Testing

@Suite struct BinaryTensorCorpusTests {
    @Test func manifestListsTensors() {
        #expect(LogsCorpus.tensors.count == LogsCorpus.manifest["tensors"]?.arrayValue?.count)
        #expect(LogsCorpus.tensors.filter(\.valid).count >= 13)
        #expect(LogsCorpus.tensors.filter { !$0.valid }.count >= 10)
    }

    @Test(arguments: LogsCorpus.tensors)
    func tensorFileDecodesAsTheManifestSays(_ file: LogsCorpus.Tensor) throws {
        let body = try LogsCorpus.bytes(file.path)
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
            let file = try #require(LogsCorpus.tensors.first { $0.id == "tensor/" + name })
            return try #require(try BinaryTensorBody.decode(body: LogsCorpus.bytes(file.path), headerLength: file.headerLength).tensors.first)
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
            let file = try #require(LogsCorpus.tensors.first { $0.id == "malformed/tensor/" + name })
            let body = try LogsCorpus.bytes(file.path)
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
