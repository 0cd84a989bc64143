import DeeployPayload
import Testing

@Suite("AcceptedMediaTypes")
struct AcceptedMediaTypesTests {
    @Test func deeployListsItsSixRanges() {
        #expect(AcceptedMediaTypes.deeploy.ranges.map(\.description) == [
            "application/json", "application/pdf", "application/octet-stream", "image/*", "text/*",
            "binary/octet-stream",
        ])
        #expect(AcceptedMediaTypes.deeploy.description.hasPrefix("application/json, application/pdf"))
    }

    @Test(arguments: [
        "application/json", "application/json; charset=utf-8", "application/pdf", "application/octet-stream",
        "image/png", "image/svg+xml", "text/plain", "text/html", "binary/octet-stream", "image/*",
    ])
    func deeployAccepts(_ string: String) throws {
        #expect(AcceptedMediaTypes.deeploy.accepts(try #require(MediaType(string))))
    }

    @Test(arguments: [
        "application/xml", "application/zip", "video/mp4", "application/problem+json", "multipart/form-data",
        "binary/json", "*/*",
    ])
    func deeployRejects(_ string: String) throws {
        #expect(!AcceptedMediaTypes.deeploy.accepts(try #require(MediaType(string))))
    }

    @Test func rangeMatchingPrefersTheMostSpecific() {
        let accepted = AcceptedMediaTypes([.any, .anyImage, MediaRange("image/png")!, MediaRange("image/png")!])
        #expect(accepted.range(matching: .imagePNG) == MediaRange("image/png"))
        #expect(accepted.range(matching: .imageGIF) == .anyImage)
        #expect(accepted.range(matching: .applicationJSON) == .any)
        #expect(AcceptedMediaTypes.deeploy.range(matching: .applicationZip) == nil)
        #expect(AcceptedMediaTypes.deeploy.range(matching: .imageWebP) == .anyImage)
    }

    /// Deeploy's set is held as a tag; the same ranges given as a list must be the same value.
    @Test func deeploysRangesGivenAsAListAreDeeploy() {
        let rebuilt = AcceptedMediaTypes(AcceptedMediaTypes.deeploy.ranges)
        #expect(rebuilt == .deeploy)
        #expect(rebuilt.hashValue == AcceptedMediaTypes.deeploy.hashValue)
        let reordered = AcceptedMediaTypes(AcceptedMediaTypes.deeploy.ranges.reversed())
        #expect(reordered != .deeploy)
        #expect(reordered.ranges == AcceptedMediaTypes.deeploy.ranges.reversed())
        #expect(AcceptancePolicy(accepted: rebuilt) == .deeploy)
    }

    @Test func emptyListAcceptsNothing() {
        #expect(!AcceptedMediaTypes([]).accepts(.applicationJSON))
    }
}
