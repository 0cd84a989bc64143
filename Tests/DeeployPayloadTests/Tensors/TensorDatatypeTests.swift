import DeeployPayload
import StrictJSON
import Testing

@Suite struct TensorDatatypeTests {
    @Test func rawValuesAreTheProtocolNames() {
        #expect(TensorDatatype.allCases.map(\.rawValue) == [
            "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES",
        ])
    }

    @Test func elementSizes() {
        #expect(TensorDatatype.allCases.map(\.elementSize) == [1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, nil])
    }

    @Test func kinds() {
        #expect(TensorDatatype.allCases.filter(\.isInteger).count == 8)
        #expect(TensorDatatype.allCases.filter(\.isFloatingPoint) == [.fp16, .fp32, .fp64])
    }

    @Test func codesAsItsName() throws {
        #expect(try StrictJSONEncoder().encode([TensorDatatype.fp32]) == Array(#"["FP32"]"#.utf8))
        #expect(try StrictJSONDecoder().decode([TensorDatatype].self, from: Array(#"["BYTES"]"#.utf8)) == [.bytes])
        #expect(throws: (any Error).self) { try StrictJSONDecoder().decode([TensorDatatype].self, from: Array(#"["fp32"]"#.utf8)) }
    }
}
