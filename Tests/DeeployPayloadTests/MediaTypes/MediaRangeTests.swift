import DeeployPayload
import Testing

@Suite("MediaRange")
struct MediaRangeTests {
    @Test func parsesTheThreeForms() throws {
        #expect(MediaRange("*/*") == .any)
        #expect(MediaRange("image/*") == .anyImage)
        #expect(MediaRange("Text/*") == .anyText)
        let exact = try #require(MediaRange("Application/JSON"))
        #expect(exact.type == "application")
        #expect(exact.subtype == "json")
        #expect(exact.description == "application/json")
    }

    @Test func rejectsAnythingElse() {
        #expect(MediaRange("*/json") == nil)
        #expect(MediaRange("*") == nil)
        #expect(MediaRange("image") == nil)
        #expect(MediaRange("") == nil)
        #expect(MediaRange(MediaType("*/json")!) == nil)
    }

    @Test func dropsParameters() {
        #expect(MediaRange("text/*;q=0.5") == .anyText)
    }

    @Test func anyMatchesEverything() {
        for type in [MediaType.applicationJSON, .imageSVG, .textHTML, MediaType("x/y;a=b")!] {
            #expect(MediaRange.any.matches(type))
        }
    }

    @Test func typeRangeMatchesItsTypeOnly() {
        #expect(MediaRange.anyImage.matches(.imagePNG))
        #expect(MediaRange.anyImage.matches(.imageSVG))
        #expect(MediaRange.anyImage.matches(MediaType("image/*")!))
        #expect(!MediaRange.anyImage.matches(.applicationJSON))
        #expect(MediaRange.anyText.matches(.textHTML))
        #expect(!MediaRange.anyText.matches(MediaType("texts/plain")!))
    }

    @Test func exactRangeMatchesByEssence() {
        let json = MediaRange(MediaType.applicationJSON)!
        #expect(json.matches(MediaType("application/json; charset=utf-8")!))
        #expect(!json.matches(MediaType("application/problem+json")!))
        #expect(!json.matches(MediaType("text/json")!))
    }

    @Test func specificityOrdersTheForms() {
        #expect(MediaRange.any.specificity < MediaRange.anyImage.specificity)
        #expect(MediaRange.anyImage.specificity < MediaRange(MediaType.imagePNG)!.specificity)
    }
}
