@testable import DeeployPayload
import Testing

/// The compact representation of common essences must be invisible: every way of making a
/// media type gives the same value, hash, strings and traits as the two strings would.
@Suite("KnownEssence")
struct KnownEssenceTests {
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
    func tableTraitsAreTheComputedOnes(_ known: KnownEssence) {
        #expect(known.traits == MediaTypeTraits(type: known.type, subtype: known.subtype))
    }

    @Test func theCasesFitTheAcceptanceMask() {
        #expect(KnownEssence.allCases.count <= 64)
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
        #expect(type.traits == MediaTypeTraits(type: typeName, subtype: subtype))
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

    @Test func deeploysWrittenOutSetIsTheOneItsRangesMake() {
        let computed = AcceptedMediaTypes.knownEssences(acceptedBy: AcceptedMediaTypes.deeploy.ranges)
        #expect(AcceptedMediaTypes.deeployKnownEssences == computed)
        #expect(AcceptedMediaTypes.deeploy == AcceptedMediaTypes(AcceptedMediaTypes.deeploy.ranges))
        for known in KnownEssence.allCases {
            let type = MediaType(known: known)
            #expect(AcceptedMediaTypes.deeploy.accepts(type) == AcceptedMediaTypes.deeploy.ranges.contains { $0.matches(type) })
        }
    }
}
