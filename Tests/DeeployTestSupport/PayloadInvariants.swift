public import DeeployPayload
import Foundation
import HTTPTypes
import StrictJSON

/// What the library promises about one payload: sniffing and judging it, decoding it as a
/// response or a binary tensor body, and splitting a call into logs. Shared by the mutation
/// fuzz tests and the `sniff-verdict`, `response-decode`, `tensor-decode` and `log-split`
/// fuzz targets.
public enum PayloadInvariants {
    /// Sniffs `bytes` with `sniffer`: sniffing a payload in memory answers, the sniff's size is
    /// the payload's, and the sniffer's JSON check is the validator's (which allows a BOM).
    /// Nil, recorded as a failure, when sniffing throws.
    public static func checkSniff(_ bytes: [UInt8], with sniffer: Sniffer, into recorder: inout some InvariantRecorder) -> Sniff? {
        let sniff: Sniff
        do {
            sniff = try sniffer.sniff(.bytes(bytes))
        } catch {
            recorder.check(false, "sniffing an in-memory payload failed: \(error)")
            return nil
        }
        recorder.check(sniff.size == bytes.count, "the sniff's size is \(sniff.size), not \(bytes.count)")
        recorder.check(
            sniff.json.isValid == JSONValidator.isValid(bytes, options: JSONOptions(allowByteOrderMark: true)),
            "the sniffer's JSON check (\(sniff.json)) disagrees with the validator")
        return sniff
    }

    /// Judges `sniff` (of `bytes`) under `policy` for `declared`: the verdict is the same
    /// computed twice, accepted exactly when it has no reasons and exactly when it names an
    /// effective type, and a payload accepted as JSON without a declared type parses, with a
    /// `duplicate-key` finding exactly when the parser finds a repeated member name.
    @discardableResult
    public static func checkVerdict(
        for sniff: Sniff, of bytes: [UInt8], declared: String?, policy: AcceptancePolicy, into recorder: inout some InvariantRecorder
    ) -> Verdict {
        let verdict = policy.verdict(for: sniff, declared: declared)
        recorder.check(verdict == policy.verdict(for: sniff, declared: declared), "the verdict for \(String(describing: declared)) differs when computed twice")
        recorder.check(verdict.isAccepted == verdict.reasons.isEmpty, "accepted with reasons, or rejected without: \(verdict)")
        recorder.check(verdict.isAccepted == (verdict.effectiveContentType != nil), "acceptance and effective type disagree: \(verdict)")
        if declared == nil, verdict.isAccepted, verdict.effectiveContentType?.isJSON == true {
            let options = JSONOptions(allowByteOrderMark: policy.allowsByteOrderMarkInJSON)
            do {
                _ = try JSONParser.parse(bytes, options: options)
            } catch {
                recorder.check(false, "accepted as JSON without a declared type, but does not parse: \(error)")
            }
        }
        if declared == nil, verdict.effectiveContentType?.isJSON == true || verdict.reasonCodes == [.duplicateKey] {
            // A repeated member name is flagged exactly when the parser, rejecting duplicates, refuses the body for one.
            var options = JSONOptions(allowByteOrderMark: policy.allowsByteOrderMarkInJSON)
            options.duplicateKeys = .reject
            var repeats = false
            do { _ = try JSONParser.parse(bytes, options: options) } catch { repeats = error.kind == .duplicateKey }
            let flagged = verdict.warningCodes.contains(.duplicateKey) || verdict.reasonCodes.contains(.duplicateKey)
            recorder.check(flagged == repeats, "duplicate-key flagged: \(flagged), but the parser finds a repeated name: \(repeats): \(verdict)")
        }
        return verdict
    }

    /// What a response body decoded to.
    public enum ResponseOutcome: String, Sendable {
        /// JSON, on a success status.
        case json
        /// Bytes, on a success status.
        case binary
        /// A JSON type whose body the parser rejects.
        case invalidJSON = "invalid-json"
        /// An error status.
        case httpStatus = "http-status"
        /// A Content-Type that is not a media type.
        case invalidContentType = "invalid-content-type"
        /// Something no invariant allows (recorded as a failure).
        case wrong
    }

    /// Decodes `body` under `status` and `contentType` (nil: no field) and checks the outcome.
    ///
    /// Decoding twice gives the same outcome. An error status always throws `httpStatus` with
    /// a bounded message. A JSON type on a success status decodes exactly when the parser
    /// accepts the body, to the parser's value; other types come back byte for byte, typed as
    /// declared; only a field that is not a media type is an invalid Content-Type.
    @discardableResult
    public static func checkResponse(
        _ body: [UInt8], status: Int, contentType: String?, decoder: ResponseDecoder, into recorder: inout some InvariantRecorder
    ) -> ResponseOutcome {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        let outcome = Result { () throws(ResponseError) in try decoder.decode(status: status, fields: fields, body: body) }
        recorder.check(
            outcome == Result { () throws(ResponseError) in try decoder.decode(status: status, fields: fields, body: body) },
            "decoding twice differs")
        if status >= 400 {
            guard case .failure(.httpStatus(let reported, let message)) = outcome else {
                recorder.check(false, "status \(status) did not throw httpStatus: \(outcome)")
                return .wrong
            }
            recorder.check(reported == status, "status \(status) reported as \(reported)")
            recorder.check((message?.count ?? 0) <= decoder.maxErrorMessageLength + 1, "an error message of \(message?.count ?? 0) characters")
            return .httpStatus
        }
        // The field as stored: HTTPField turns CR, LF and NUL into spaces.
        let stored = fields[.contentType]
        let declared = stored.flatMap { MediaType($0) }
        let parsed = try? JSONParser.parse(body, options: decoder.options)
        switch outcome {
        case .failure(.invalidContentType):
            recorder.check(stored != nil && declared == nil, "a valid Content-Type \(String(describing: stored)) was rejected")
            return .invalidContentType
        case .success(.json(let value)):
            recorder.check(parsed == value, "the decoded JSON is not the parser's value")
            recorder.check(declared == nil || declared?.isJSON == true, "a non-JSON Content-Type decoded as JSON")
            return .json
        case .success(.binary(let binary)):
            recorder.check(binary.bytes == body, "a binary body lost or changed bytes")
            recorder.check(!binary.mediaType.isJSON, "a JSON media type decoded as binary")
            recorder.check(declared == nil || declared == binary.mediaType, "the binary body's type is not the declared one")
            return .binary
        case .failure(.invalidJSON(let error)):
            recorder.check(parsed == nil, "a body the parser accepts was rejected: \(error)")
            return .invalidJSON
        case .failure(let error):
            recorder.check(false, "unexpected error for status \(status): \(error)")
            return .wrong
        }
    }

    /// Reads `value` as the `Inference-Header-Content-Length` field: a length read back is the
    /// field's digits; a field that is present never reads as absent. Returns the length read,
    /// or nil when the field is refused.
    public static func checkHeaderLengthField(_ value: String, into recorder: inout some InvariantRecorder) -> Int?? {
        guard let name = HTTPField.Name(BinaryTensorBody.headerLengthField) else {
            recorder.check(false, "the field name \(BinaryTensorBody.headerLengthField) is invalid")
            return nil
        }
        var fields = HTTPFields()
        fields[name] = value
        do {
            guard let length = try BinaryTensorBody.headerLength(in: fields) else {
                recorder.check(false, "a present field read as absent: \(value.debugDescription)")
                return nil
            }
            let stored = fields[name]?.trimmingCharacters(in: .init(charactersIn: " \t"))
            recorder.check(stored.flatMap { Int($0) } == length && length >= 0, "read \(length) from \(value.debugDescription)")
            return .some(length)
        } catch {
            recorder.check(!error.description.isEmpty, "an empty error message")
            return nil
        }
    }

    /// Decodes a binary tensor body with `headerLength` (nil: JSON alone); true when it decodes.
    ///
    /// A decoded body accounts for every byte: the header is the parsed JSON part, the binary
    /// tensors are the bytes after it in order, each reads as its own datatype, and
    /// re-encoding them decodes to the same tensors.
    @discardableResult
    public static func checkTensors(_ body: [UInt8], headerLength: Int?, into recorder: inout some InvariantRecorder) -> Bool {
        let decoded: DecodedTensorBody
        do {
            decoded = try BinaryTensorBody.decode(body: body, headerLength: headerLength)
        } catch {
            recorder.check(!error.description.isEmpty, "an empty error message")
            return false
        }
        let headerEnd = headerLength ?? body.count
        recorder.check((try? JSONParser.parse(body[..<headerEnd])) == decoded.header, "the header is not the parsed JSON part")
        let binary = decoded.tensors.filter { $0.bytes != nil }
        recorder.check(binary.flatMap { $0.bytes ?? [] } == Array(body[headerEnd...]), "the binary tensors are not the bytes after the header")
        for tensor in binary { checkViews(tensor, into: &recorder) }

        let tensors = binary.map { BinaryTensor(name: $0.name, datatype: $0.datatype, shape: $0.shape, bytes: $0.bytes ?? []) }
        do {
            let encoded = try BinaryTensorBody.encode(tensors: tensors, list: decoded.tensorList)
            let again = try BinaryTensorBody.decode(body: encoded.body, headerLength: encoded.headerLength)
            recorder.check(again.tensors.count == tensors.count, "re-encoding changed the number of tensors")
            for (tensor, reread) in zip(tensors, again.tensors) {
                recorder.check(
                    reread.name == tensor.name && reread.datatype == tensor.datatype && reread.shape == tensor.shape
                        && reread.bytes == tensor.bytes,
                    "tensor \(tensor.name.debugDescription) changed on re-encoding")
            }
        } catch {
            recorder.check(false, "decoded tensors do not re-encode and decode: \(error)")
        }
        return true
    }

    /// The view of a decoded tensor's own datatype reads it.
    private static func checkViews(_ tensor: DecodedTensor, into recorder: inout some InvariantRecorder) {
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
            case .bytes:
                _ = try tensor.byteStrings()
                _ = try tensor.strings()
            }
        } catch {
            recorder.check(false, "a decoded \(tensor.datatype) tensor does not read as one: \(error)")
        }
    }

    /// Checks one split of `request` and `response` (answered with `status`); true when the
    /// call was split.
    ///
    /// A split loses no byte: the request log holds both bodies exactly; an unsplit call has
    /// one prediction log with the bodies unchanged; a split call (on a success status only)
    /// has one prediction log per entry, each the original body with the split arrays cut to
    /// one entry whose bytes, in order, are the original arrays' elements.
    @discardableResult
    public static func checkSplit(_ split: LogSplit, request: [UInt8], response: [UInt8], status: Int, into recorder: inout some InvariantRecorder) -> Bool {
        recorder.check(split.requestLog.request.bytes == request, "the request log lost request bytes")
        recorder.check(split.requestLog.response.bytes == response, "the request log lost response bytes")
        recorder.check(!split.predictionLogs.isEmpty, "no prediction logs")
        recorder.check(split.predictionLogs.map(\.index) == Array(0..<split.predictionLogs.count), "prediction logs missing or out of order")
        guard let plan = split.requestLog.splitPlan else {
            recorder.check(split.predictionLogs.count == 1, "an unsplit call has \(split.predictionLogs.count) prediction logs")
            let log = split.predictionLogs.first
            recorder.check(log?.requestBody == nil || log?.requestBody == request, "an unsplit request body changed")
            recorder.check(log?.responseBody == nil || log?.responseBody == response, "an unsplit response body changed")
            return false
        }
        recorder.check((200..<300).contains(status), "a call with status \(status) was split")
        recorder.check(plan.count > 1 && split.predictionLogs.count == plan.count, "\(split.predictionLogs.count) logs for \(plan.count) entries")
        checkReassembles(split.predictionLogs.map(\.requestBody), original: request, keys: [plan.requestKey], into: &recorder)
        checkReassembles(split.predictionLogs.map(\.responseBody), original: response, keys: plan.responseKeys, into: &recorder)
        return true
    }

    /// Each body is the original outside the arrays named by `keys`; the arrays hold one
    /// element each, and those elements, in order, are the original arrays' elements byte for byte.
    private static func checkReassembles(_ bodies: [[UInt8]?], original: [UInt8], keys: [String], into recorder: inout some InvariantRecorder) {
        do {
            for key in keys {
                guard let value = try JSONSpans.member(key, in: original) else {
                    recorder.check(false, "the split member \(key) is not in the original")
                    return
                }
                let elements = try JSONSpans.elements(ofArrayAt: value, in: original).map { Array(original[$0]) }
                var pieces: [[UInt8]] = []
                for body in bodies {
                    guard let body else {
                        recorder.check(false, "a split call has a prediction log without a body")
                        return
                    }
                    guard let part = try JSONSpans.member(key, in: body) else {
                        recorder.check(false, "a prediction log lost \(key)")
                        return
                    }
                    let single = try JSONSpans.elements(ofArrayAt: part, in: body)
                    recorder.check(single.count == 1, "a prediction log's \(key) holds \(single.count) entries")
                    pieces += single.map { Array(body[$0]) }
                    if keys.count == 1 {
                        recorder.check(body[..<part.lowerBound] == original[..<value.lowerBound], "bytes before \(key) changed")
                        recorder.check(body[part.upperBound...] == original[value.upperBound...], "bytes after \(key) changed")
                    }
                }
                recorder.check(pieces == elements, "the entries of \(key) do not reassemble the original array")
            }
        } catch {
            recorder.check(false, "a split body is not valid JSON: \(error)")
        }
    }
}
