@testable import DeeployPayload
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

@Suite struct HalfFloatTests {
    @Test func knownBitPatterns() {
        let cases: [(UInt16, Float)] = [
            (0x0000, 0), (0x3C00, 1), (0xC000, -2), (0x3555, 0.333251953125), (0x7BFF, 65504),
            (0x0001, 0x1p-24), (0x03FF, 0x1.ff8p-15), (0x0400, 0x1p-14), (0x7C00, .infinity), (0xFC00, -.infinity),
        ]
        for (bits, value) in cases {
            #expect(HalfFloat.float(fromBits: bits) == value, "\(bits)")
            #expect(HalfFloat.bits(from: value) == bits, "\(value)")
        }
        #expect(HalfFloat.float(fromBits: 0x8000).sign == .minus)
        #expect(HalfFloat.float(fromBits: 0x7E00).isNaN)
        #expect(HalfFloat.bits(from: .nan) & 0x7C00 == 0x7C00)
        #expect(HalfFloat.bits(from: .nan) & 0x03FF != 0)
    }

    @Test func everyHalfRoundTripsThroughFloat() {
        let mismatches = (UInt16.min...UInt16.max).filter { bits in
            let value = HalfFloat.float(fromBits: bits)
            return !value.isNaN && HalfFloat.bits(from: value) != bits
        }
        #expect(mismatches.isEmpty)
    }

    @Test func roundsToNearestEven() {
        #expect(HalfFloat.bits(from: 1 + 0x1p-11) == 0x3C00)  // halfway, tie to even (down)
        #expect(HalfFloat.bits(from: 1 + 3 * 0x1p-11) == 0x3C02)  // halfway, tie to even (up)
        #expect(HalfFloat.bits(from: 65520) == 0x7C00)  // rounds past the largest half
        #expect(HalfFloat.bits(from: 0x1p-26) == 0x0000)
        #expect(HalfFloat.bits(from: 0x1.8p-25) == 0x0001)
    }

    // Float16 exists everywhere but on macOS for Intel; where it exists it is the oracle.
    #if !(os(macOS) && arch(x86_64))
        @Test func agreesWithFloat16() {
            let mismatches = (UInt16.min...UInt16.max).filter { bits in
                let half = Float16(bitPattern: bits)
                return !half.isNaN && (HalfFloat.float(fromBits: bits) != Float(half) || HalfFloat.bits(from: Float(half)) != bits)
            }
            #expect(mismatches.isEmpty)
            let floats: [Float] = [0.1, 1.0 / 3, 1e-7, 3e-5, 65519, 65520, 1e6, -0.000061, 2049, 4097]
            for value in floats { #expect(HalfFloat.bits(from: value) == Float16(value).bitPattern, "\(value)") }
        }
    #endif
}
