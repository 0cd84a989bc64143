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

    @Test func emptyListAcceptsNothing() {
        #expect(!AcceptedMediaTypes([]).accepts(.applicationJSON))
    }
}
