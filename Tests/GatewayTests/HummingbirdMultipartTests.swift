import AsyncHTTPClient
import DeeployGatewayKit
import DeeployHummingbird
import DeeployPayload
import LoopbackTesting
import NIOCore
import StrictJSON
import Testing

/// Upload forms, and many uploads at once, through the Hummingbird middleware over real sockets.
@Suite(.loopback) struct HummingbirdMultipartTests {
    static func codes(_ body: [UInt8]) throws -> [String] { KitFixtures.codes(try JSONParser.parse(body)) }

    @Test func theFilePartReachesTheHandlerAsTheBody() async throws {
        let png = try KitFixtures.corpus("valid/image/png-1x1.png")
        var form = FormBuilder()
        form.field("note", "a cat")
        form.file("image", fileName: "cat.png", contentType: "image/png", png)
        let contentType = form.contentType, formBody = form.body()
        try await HummingbirdTestServer.with(gateway: HummingbirdMiddlewareTests.gateway()) { server in
            let body = UploadChunks(formBody, chunkSize: 50)
            let response = try await server.post("/mw/echo", .stream(body, length: .unknown), fields: [("Content-Type", contentType)])
            #expect(response.status == 200)
            #expect(response.body == png)
            #expect(response.headers.value("X-Part") == "image")
            #expect(response.headers.value("X-Request-Content-Type") == "image/png")
        }
    }

    @Test func noBoundaryAnOversizedPartAndAThousandPartsAreRefused() async throws {
        var oversized = FormBuilder()
        oversized.file("big", contentType: "application/octet-stream", [UInt8](repeating: 1, count: 200 * 1024))
        var many = FormBuilder()
        for index in 0..<1000 { many.field("f\(index)", "v") }
        let (oversizedType, oversizedBody) = (oversized.contentType, ByteBuffer(bytes: oversized.body()))
        let (manyType, manyBody) = (many.contentType, ByteBuffer(bytes: many.body()))
        try await HummingbirdTestServer.with(gateway: HummingbirdMiddlewareTests.gateway()) { server in
            let none = try await server.post("/mw/echo", .bytes(oversizedBody), fields: [("Content-Type", "multipart/form-data")])
            #expect(none.status == 400)
            #expect(try Self.codes(none.body) == ["multipart-no-boundary"])
            let big = try await server.post("/mw/echo", .bytes(oversizedBody), fields: [("Content-Type", oversizedType)])
            #expect(big.status == 413)
            #expect(try Self.codes(big.body) == ["multipart-part-too-large"])
            let thousand = try await server.post("/mw/echo", .bytes(manyBody), fields: [("Content-Type", manyType)])
            #expect(thousand.status == 413)
            #expect(try Self.codes(thousand.body) == ["multipart-too-many-parts"])
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    /// A part header name with a byte of 0x80 or more crashes multipart-kit 4.7.1's parser; the
    /// server answers 400 and goes on serving, and a UTF-8 file name (in a header value) passes.
    @Test func aNonASCIIHeaderNameIsRefused400AndTheServerGoesOn() async throws {
        let png = try KitFixtures.corpus("valid/image/png-1x1.png")
        var good = FormBuilder()
        good.file("image", fileName: "chat-été.png", contentType: "image/png", png)
        let (contentType, goodBody) = (good.contentType, good.body())
        let rawBad = Array("--\(good.boundary)\r\nContent-Disp".utf8) + [0xFF]
            + Array("osition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            + png + Array("\r\n--\(good.boundary)--\r\n".utf8)
        try await HummingbirdTestServer.with(gateway: HummingbirdMiddlewareTests.gateway()) { server in
            for chunkSize in [rawBad.count, 64] {
                let refused = try await server.post("/mw/echo", .stream(UploadChunks(rawBad, chunkSize: chunkSize), length: .unknown), fields: [("Content-Type", contentType)])
                #expect(refused.status == 400)
                #expect(try Self.codes(refused.body) == ["multipart-invalid"])
            }
            let healthy = try await server.isHealthy()
            #expect(healthy)
            let accepted = try await server.post("/mw/echo", .stream(UploadChunks(goodBody, chunkSize: 64), length: .unknown), fields: [("Content-Type", contentType)])
            #expect(accepted.status == 200)
            #expect(accepted.body == png)
        }
    }

    /// 64 uploads at once, half accepted JSON, half ELF declared as PNG: each gets its answer.
    @Test func sixtyFourConcurrentUploadsEachGetTheirAnswer() async throws {
        let elf = try KitFixtures.elf64KiB()
        try await HummingbirdTestServer.with(gateway: HummingbirdMiddlewareTests.gateway()) { server in
            let statuses = try await withThrowingTaskGroup(of: (Int, Int, Bool).self) { group in
                for index in 0..<64 {
                    group.addTask {
                        if index.isMultiple(of: 2) {
                            let json = Array("[\(String(repeating: "\(index), ", count: 2000))\(index)]".utf8)
                            let response = try await server.post("/mw/echo", .stream(UploadChunks(json, chunkSize: 1024), length: .unknown), fields: [("Content-Type", "application/json")])
                            return (index, response.status, response.body == json)
                        } else {
                            let response = try await server.post("/mw/echo", .stream(UploadChunks(elf, chunkSize: 8192), length: .unknown), fields: [("Content-Type", "image/png")])
                            return (index, response.status, try Self.codes(response.body) == ["declared-mismatch"])
                        }
                    }
                }
                var results: [(Int, Int, Bool)] = []
                for try await result in group { results.append(result) }
                return results
            }
            #expect(statuses.count == 64)
            for (index, status, bodyRight) in statuses {
                #expect(status == (index.isMultiple(of: 2) ? 200 : 415), "upload \(index)")
                #expect(bodyRight, "upload \(index)")
            }
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }
}
