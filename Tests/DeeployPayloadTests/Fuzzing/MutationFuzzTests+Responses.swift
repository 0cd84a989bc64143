import DeeployPayload
import Foundation
import HTTPTypes
import StrictJSON
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
    @Test func responseDecoding() {
        var run = FuzzRun("response-decode")
        var outcomes: [String: Int] = [:]
        run.forEachInput(fraction: 0.8) { run, bytes, rng in
            let contentType = rng.oneIn(5) ? FuzzSeeds.headerString(rng: &rng) : rng.pick(Self.responseContentTypes)
            let status = rng.pick(Self.statuses)
            let decoder = rng.pick(Self.responseDecoders)
            outcomes[Self.checkResponse(bytes, status: status, contentType: contentType, decoder: decoder, run: &run), default: 0] += 1
        }
        for outcome in ["json", "binary", "invalid-json", "http-status", "invalid-content-type"] {
            #expect(outcomes[outcome, default: 0] * 500 >= run.count, "too few inputs decoded as \(outcome): \(outcomes)")
        }
    }

    /// Checks one response; returns what it decoded to.
    static func checkResponse(_ body: [UInt8], status: Int, contentType: String?, decoder: ResponseDecoder, run: inout FuzzRun) -> String {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        let outcome = Result { () throws(ResponseError) in try decoder.decode(status: status, fields: fields, body: body) }
        run.check(
            outcome == Result { () throws(ResponseError) in try decoder.decode(status: status, fields: fields, body: body) },
            "decoding twice differs")
        if status >= 400 {
            guard case .failure(.httpStatus(let reported, let message)) = outcome else {
                run.check(false, "status \(status) did not throw httpStatus: \(outcome)")
                return "wrong"
            }
            run.check(reported == status, "status \(status) reported as \(reported)")
            run.check((message?.count ?? 0) <= decoder.maxErrorMessageLength + 1, "an error message of \(message?.count ?? 0) characters")
            return "http-status"
        }
        // The field as stored: HTTPField turns CR, LF and NUL into spaces.
        let stored = fields[.contentType]
        let declared = stored.flatMap { MediaType($0) }
        let parsed = try? JSONParser.parse(body, options: decoder.options)
        switch outcome {
        case .failure(.invalidContentType):
            run.check(stored != nil && declared == nil, "a valid Content-Type \(String(describing: stored)) was rejected")
            return "invalid-content-type"
        case .success(.json(let value)):
            run.check(parsed == value, "the decoded JSON is not the parser's value")
            run.check(declared == nil || declared?.isJSON == true, "a non-JSON Content-Type decoded as JSON")
            return "json"
        case .success(.binary(let binary)):
            run.check(binary.bytes == body, "a binary body lost or changed bytes")
            run.check(!binary.mediaType.isJSON, "a JSON media type decoded as binary")
            run.check(declared == nil || declared == binary.mediaType, "the binary body's type is not the declared one")
            return "binary"
        case .failure(.invalidJSON(let error)):
            run.check(parsed == nil, "a body the parser accepts was rejected: \(error)")
            return "invalid-json"
        case .failure(let error):
            run.check(false, "unexpected error for status \(status): \(error)")
            return "wrong"
        }
    }

    /// `BinaryTensorBody.decode` of the input with plausible header lengths, and of a corpus
    /// tensor body whose header and data are mutated apart (with the header length following the
    /// mutated header): a decoded body accounts for every byte, its binary tensors are the body's
    /// bytes in order, their own typed views read them, and re-encoding decodes to the same tensors.
    @Test func tensorDecoding() {
        var run = FuzzRun("tensor-decode")
        var decoded = 0
        run.forEachInput(fraction: 0.8) { run, bytes, rng in
            var lengths: [Int?] = [nil, rng.below(bytes.count + 2)]
            if let brace = bytes.firstIndex(of: UInt8(ascii: "}")) { lengths.append(brace + 1) }
            for length in lengths where Self.checkTensors(bytes, headerLength: length, run: &run) { decoded += 1 }

            let tensor = rng.pick(FuzzSeeds.tensors)
            let header = rng.oneIn(3) ? tensor.header : FuzzInputs.mutate(tensor.header, rng: &rng)
            let data = rng.oneIn(2) ? tensor.data : FuzzInputs.mutate(tensor.data, rng: &rng)
            let body = header + data
            run.saving(body)
            let length = rng.oneIn(8) ? header.count + rng.below(5) - 2 : header.count
            let field = rng.oneIn(8) ? FuzzSeeds.headerString(rng: &rng) : rng.pick(["", " ", "0", "\t"]) + String(length)
            if let read = Self.checkHeaderLengthField(field, run: &run),
                Self.checkTensors(body, headerLength: read, run: &run)
            {
                decoded += 1
            }
        }
        #expect(decoded * 10 >= run.count, "only \(decoded) bodies of \(run.count) iterations decoded")
    }

    /// Reads `value` as the `Inference-Header-Content-Length` field: a length read back must be
    /// the field's digits.
    static func checkHeaderLengthField(_ value: String, run: inout FuzzRun) -> Int?? {
        guard let name = HTTPField.Name(BinaryTensorBody.headerLengthField) else { return nil }
        var fields = HTTPFields()
        fields[name] = value
        switch Result(catching: { () throws(TensorError) in try BinaryTensorBody.headerLength(in: fields) }) {
        case .success(let length?):
            let stored = fields[name]?.trimmingCharacters(in: .init(charactersIn: " \t"))
            run.check(stored.flatMap { Int($0) } == length && length >= 0, "read \(length) from \(value.debugDescription)")
            return .some(length)
        case .success(nil):
            run.check(false, "a present field read as absent: \(value.debugDescription)")
            return nil
        case .failure(let error):
            run.check(!error.description.isEmpty, "an empty error message")
            return nil
        }
    }

    /// Checks one body; true when it decodes.
    static func checkTensors(_ body: [UInt8], headerLength: Int?, run: inout FuzzRun) -> Bool {
        let decoded: DecodedTensorBody
        switch Result(catching: { () throws(TensorError) in try BinaryTensorBody.decode(body: body, headerLength: headerLength) }) {
        case .failure(let error):
            run.check(!error.description.isEmpty, "an empty error message")
            return false
        case .success(let value):
            decoded = value
        }
        let headerEnd = headerLength ?? body.count
        run.check((try? JSONParser.parse(body[..<headerEnd])) == decoded.header, "the header is not the parsed JSON part")
        let binary = decoded.tensors.filter { $0.bytes != nil }
        run.check(binary.flatMap { $0.bytes ?? [] } == Array(body[headerEnd...]), "the binary tensors are not the bytes after the header")
        for tensor in binary { run.check(Self.readsAsItsDatatype(tensor), "a decoded \(tensor.datatype) tensor does not read as one") }

        let tensors = binary.map { BinaryTensor(name: $0.name, datatype: $0.datatype, shape: $0.shape, bytes: $0.bytes ?? []) }
        do {
            let encoded = try BinaryTensorBody.encode(tensors: tensors, list: decoded.tensorList)
            let again = try BinaryTensorBody.decode(body: encoded.body, headerLength: encoded.headerLength)
            let reread = again.tensors.map { BinaryTensor(name: $0.name, datatype: $0.datatype, shape: $0.shape, bytes: $0.bytes ?? []) }
            run.check(reread == tensors, "tensors changed on re-encoding")
        } catch {
            run.check(false, "decoded tensors do not re-encode and decode: \(error)")
        }
        return true
    }

    /// Whether the view of a tensor's own datatype reads it.
    static func readsAsItsDatatype(_ tensor: DecodedTensor) -> Bool {
        do {
            switch tensor.datatype {
            case .bool: _ = try tensor.bools()
            case .uint8: _ = try tensor.integers(as: UInt8.self)
            case .uint16: _ = try tensor.integers(as: UInt16.self)
            case .uint32: _ = try tensor.integers(as: UInt32.self)
            case .uint64: _ = try tensor.integers(as: UInt64.self)
            case .int8: _ = try tensor.integers(as: Int8.self)
            case .int16: _ = try tensor.integers(as: Int16.self)
            case .int32: _ = try tensor.integers(as: Int32.self)
            case .int64: _ = try tensor.int64s()
            case .fp16: _ = try tensor.halfBits()
            case .fp32: _ = try tensor.floats()
            case .fp64: _ = try tensor.doubles()
            case .bytes: _ = try tensor.strings()
            }
            return true
        } catch {
            return false
        }
    }
}
