@testable import DeeployPayload
import Testing

/// The table of known media types (``KnownEssence``): what is derived from it agrees with its
/// readable rows, and the compact representation of its essences is invisible: every way of
/// making a media type gives the same value, hash, strings and groups as the two strings would.
@Suite("KnownEssence")
struct KnownMediaTypesTests {
    @Test(arguments: KnownEssence.allCases)
    func everyWayOfMakingTheTypeHoldsTheCase(_ known: KnownEssence) throws {
        let fromParts = MediaType(uncheckedType: known.type, subtype: known.subtype)
        let parsed = try MediaType.parse(known.essence.uppercased())
        #expect(fromParts.storedEssence == .known(known))
        #expect(parsed.storedEssence == .known(known))
        #expect(try MediaType.parse(known.essence + ";q=1").withoutParameters.storedEssence == .known(known))
        #expect(known.essence == known.type + "/" + known.subtype)
        #expect(parsed.description == known.essence)
    }

    @Test(arguments: KnownEssence.allCases)
    func tableGroupsAreTheComputedOnes(_ known: KnownEssence) {
        #expect(known.groups == MediaType.Groups(type: known.type, subtype: known.subtype))
    }

    @Test func theCasesFitTheAcceptanceMask() {
        #expect(KnownEssence.allCases.count <= 64)
        #expect(KnownEssence.allCases.map(\.bit).reduce(0, |) == UInt64.max >> (64 - KnownEssence.allCases.count))
    }

    @Test func everyRowHasItsOwnEssence() {
        #expect(Set(KnownEssence.allCases.map(\.essence)).count == KnownEssence.allCases.count)
        #expect(KnownEssence.allCases.map(\.rawValue) == Array(0..<UInt8(KnownEssence.allCases.count)))
    }

    /// The signature column and the sniffer's `SignatureFormat.mediaType` are one link, read
    /// both ways.
    @Test func signatureColumnAgreesWithTheSniffersFormats() {
        for format in SignatureFormat.allCases {
            #expect(format.mediaType.knownEssence?.row.signature == format, "\(format)")
        }
        for known in KnownEssence.allCases {
            if let format = known.row.signature {
                #expect(format.mediaType == MediaType(known: known), "\(known.essence)")
            }
        }
        let linked = KnownEssence.allCases.compactMap(\.row.signature)
        #expect(Set(linked).count == linked.count)
        #expect(Set(linked) == Set(SignatureFormat.allCases))
    }

    @Test func aTypeWithParametersKeepsTheCaseAndDiffersFromTheBareOne() throws {
        let withCharset = try #require(MediaType("text/plain;charset=utf-8"))
        #expect(withCharset.storedEssence == .known(.textPlain))
        #expect(withCharset != .textPlain)
        #expect(withCharset.withoutParameters == .textPlain)
        #expect(withCharset.withoutParameters.hashValue == MediaType.textPlain.hashValue)
        #expect(withCharset.hasSameEssence(as: .textPlain))
    }

    @Test(arguments: ["image/x-portable-pixmap", "application/vnd.api+json", "text/markdown", "video/mp4", "image/svg"])
    func otherTypesKeepTheirStrings(_ string: String) throws {
        let type = try MediaType.parse(string)
        guard case .other(let typeName, let subtype) = type.storedEssence else {
            Issue.record("\(string) was held as a known essence")
            return
        }
        #expect(typeName + "/" + subtype == string)
        #expect(type.groups == MediaType.Groups(type: typeName, subtype: subtype))
    }

    @Test func acceptanceOfKnownTypesAgreesWithTheRanges() throws {
        let rangeLists: [[MediaRange]] = [
            AcceptedMediaTypes.deeploy.ranges,
            [.any],
            [.anyImage],
            [try #require(MediaRange("application/json")), .anyText],
            [try #require(MediaRange("image/png")), try #require(MediaRange("binary/octet-stream"))],
            [],
        ]
        for ranges in rangeLists {
            let accepted = AcceptedMediaTypes(ranges)
            for known in KnownEssence.allCases {
                let type = MediaType(known: known)
                #expect(accepted.accepts(type) == ranges.contains { $0.matches(type) }, "\(ranges) and \(known.essence)")
            }
        }
    }

    @Test func deeploysSetIsTheOneItsRangesMake() {
        let computed = AcceptedMediaTypes.knownEssences(acceptedBy: AcceptedMediaTypes.deeploy.ranges)
        #expect(AcceptedMediaTypes.deeploy.acceptedKnownEssences == computed)
        #expect(AcceptedMediaTypes.deeploy == AcceptedMediaTypes(AcceptedMediaTypes.deeploy.ranges))
        for known in KnownEssence.allCases {
            let type = MediaType(known: known)
            #expect(AcceptedMediaTypes.deeploy.accepts(type) == AcceptedMediaTypes.deeploy.ranges.contains { $0.matches(type) })
        }
    }

    /// Deeploy's acceptance of each row, in words: JSON, PDF, both octet-streams, and every
    /// text and image type. A row added to the table is judged by this rule too.
    @Test(arguments: KnownEssence.allCases)
    func deeployAcceptsWhatItsDocumentationSays(_ known: KnownEssence) {
        let groups = known.groups
        let documented = known == .applicationJSON || known == .applicationPDF
            || groups.contains(.octetStream) || groups.contains(.text) || groups.contains(.image)
        #expect(AcceptedMediaTypes.deeploy.accepts(MediaType(known: known)) == documented)
        #expect((AcceptedMediaTypes.deeploy.acceptedKnownEssences & known.bit != 0) == documented)
    }
}
