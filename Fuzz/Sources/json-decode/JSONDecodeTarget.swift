import DeeployTestSupport
import FuzzSupport
import StrictJSON

/// `StrictJSONDecoder` reading straight from the bytes against the same decoder reading the
/// parsed tree (`JSONInvariants.checkDecoding`, shared with the byte-decoding tests): both
/// must accept the same documents (with the parser's error) and decode the same values or
/// fail with the same message. `Walked` asks for every container kind; `[Record]` asks for fixed names in and
/// out of order, several key types per object and containers kept across records.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for policy in [JSONOptions.DuplicateKeyPolicy.keepLast, .keepFirst] {
        let decoder = StrictJSONDecoder(options: JSONOptions(maxDepth: 24, duplicateKeys: policy))
        var trap = Invariant.Trap()
        JSONInvariants.checkDecoding(JSONInvariants.Walked.self, bytes, decoder: decoder, into: &trap)
        JSONInvariants.checkDecoding([JSONInvariants.Record].self, bytes, decoder: decoder, into: &trap)
    }
    return 0
}
