import DeeployPayload
import DeeployTestSupport
import Testing

extension MutationFuzzTests {
    static let responseContentTypes: [String?] = [
        nil, "application/json", "application/json; charset=utf-8", "application/problem+json", "image/png",
        "application/octet-stream", "text/plain", "not a type",
    ]
    static let statuses = [200, 200, 201, 204, 400, 404, 500, 503]
    static let responseDecoders = [ResponseDecoder(sniffer: builtInSniffer), ResponseDecoder()]

    /// `ResponseDecoder.decode` of the input under a random status and Content-Type: a JSON type
    /// on a success status decodes exactly when the parser accepts the body, to the parser's
    /// value; other types come back byte for byte; error statuses throw with a bounded message.
    @Test func responseDecoding() async {
        var run = FuzzRun("response-decode")
        var outcomes: [String: Int] = [:]
        await run.forEachInput(fraction: 0.8) { run, bytes, rng in
            let contentType = rng.oneIn(5) ? FuzzSeeds.headerString(rng: &rng) : rng.pick(Self.responseContentTypes)
            let status = rng.pick(Self.statuses)
            let decoder = rng.pick(Self.responseDecoders)
            outcomes[PayloadInvariants.checkResponse(bytes, status: status, contentType: contentType, decoder: decoder, into: &run).rawValue, default: 0] += 1
        }
        for outcome in ["json", "binary", "invalid-json", "http-status", "invalid-content-type"] {
            #expect(outcomes[outcome, default: 0] * 500 >= run.count, "too few inputs decoded as \(outcome): \(outcomes)")
        }
    }

    /// `BinaryTensorBody.decode` of the input with plausible header lengths, and of a corpus
    /// tensor body whose header and data are mutated apart (with the header length following the
    /// mutated header): a decoded body accounts for every byte, its binary tensors are the body's
    /// bytes in order, their own typed views read them, and re-encoding decodes to the same tensors.
    @Test func tensorDecoding() async {
        var run = FuzzRun("tensor-decode")
        var decoded = 0
        await run.forEachInput(fraction: 0.8) { run, bytes, rng in
            var lengths: [Int?] = [nil, rng.below(bytes.count + 2)]
            if let brace = bytes.firstIndex(of: UInt8(ascii: "}")) { lengths.append(brace + 1) }
            for length in lengths where PayloadInvariants.checkTensors(bytes, headerLength: length, into: &run) { decoded += 1 }

            let tensor = rng.pick(FuzzSeeds.tensors)
            let header = rng.oneIn(3) ? tensor.header : FuzzInputs.mutate(tensor.header, rng: &rng)
            let data = rng.oneIn(2) ? tensor.data : FuzzInputs.mutate(tensor.data, rng: &rng)
            let body = header + data
            run.saving(body)
            let length = rng.oneIn(8) ? header.count + rng.below(5) - 2 : header.count
            let field = rng.oneIn(8) ? FuzzSeeds.headerString(rng: &rng) : rng.pick(["", " ", "0", "\t"]) + String(length)
            if let read = PayloadInvariants.checkHeaderLengthField(field, into: &run),
                PayloadInvariants.checkTensors(body, headerLength: read, into: &run)
            {
                decoded += 1
            }
        }
        #expect(decoded * 10 >= run.count, "only \(decoded) bodies of \(run.count) iterations decoded")
    }
}
