@testable import DeeployPayload
import Foundation
import Magic
import Testing

/// The sniffer loads libmagic's database only for a payload that needs libmagic: the CLI's
/// start-up on a JSON payload never pays for it (issue 21, "Start-up").
@Suite struct SnifferLibmagicLoadingTests {
    @Test func jsonSignaturesAndEmptyPayloadsNeverLoadLibmagic() throws {
        let sniffer = try Sniffer()
        #expect(sniffer.pool.openedCount == 0)
        let payloads: [[UInt8]] = [
            Payloads.utf8(#"{"instances": [[1, 2, 3]]}"#), Payloads.utf8("42"),
            Payloads.utf8("{\"a\": 1}\n{\"a\": 2}\n"), [],
        ] + Payloads.signed.map(\.bytes)
        for bytes in payloads {
            _ = try sniffer.sniff(.bytes(bytes))
            _ = try sniffer.verdict(bytes, declared: "application/json")
        }
        #expect(sniffer.pool.openedCount == 0)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("plain words\n"))).mediaType == .textPlain)
        #expect(sniffer.pool.openedCount == 1)
    }

    @Test func loadLibmagicLoadsItAtOnce() throws {
        let sniffer = try Sniffer()
        try sniffer.loadLibmagic()
        #expect(sniffer.pool.openedCount == 1)
    }

    /// A bad database no longer fails the sniffer's creation: JSON is still judged, and a
    /// payload that needs libmagic reports the database, not an analysis failure.
    @Test func aBadDatabaseFailsOnlyThePayloadsThatNeedLibmagic() throws {
        let configuration = SnifferConfiguration(magic: MagicConfiguration(database: .path("/missing.mgc")))
        let sniffer = try Sniffer(configuration: configuration)
        #expect(try sniffer.verdict(Payloads.utf8(#"{"instances": []}"#), declared: "application/json").isAccepted)
        #expect(try sniffer.sniff(.bytes(Payloads.signed[0].bytes)).mediaType != .applicationOctetStream)
        for load in [{ _ = try sniffer.sniff(.bytes(Payloads.utf8("plain words\n"))) }, { try sniffer.loadLibmagic() }] {
            #expect {
                try load()
            } throws: { error in
                guard case SniffError.libmagic(.databaseUnavailable(let path, _, _)) = error else { return false }
                return path == "/missing.mgc"
            }
        }
    }
}
