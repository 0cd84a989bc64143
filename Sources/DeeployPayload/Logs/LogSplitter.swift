public import StrictJSON

/// Splits one inference call into one request log and its prediction logs, the way Deeploy
/// does.
///
/// **The rule.** The call is split into N prediction logs when all of these hold:
/// - the status is 2xx, and both bodies have a JSON type and are valid JSON objects;
/// - the request's `instances` (else `inputs`, else, for the `completions` and
///   `chat/completions` endpoints, `prompt`) is an array of N > 1 entries;
/// - the response's `predictions` and `explanations` (those present), or else its `choices`,
///   are arrays of exactly N entries.
///
/// A member whose value is `null` counts as absent.
///
/// Otherwise there is one prediction log with the whole bodies, and
/// ``RequestLog/noSplitReason`` says why. Nothing here throws: malformed input is a reason,
/// not an error.
///
/// **Error statuses** (anything outside 200–299) are never split: there are no predictions to
/// pair with the entries. Both bodies are still logged whole.
///
/// **Non-JSON bodies.** A request without a Content-Type is JSON (Deeploy's default). A
/// response without one is sniffed when the splitter has a ``Sniffer``, and otherwise taken as
/// `application/octet-stream`. A body whose type is not JSON, or which claims JSON but does not
/// parse, is kept in the request log as a ``BinaryObject`` (media type, size, SHA-256, bytes),
/// and its side of the prediction log is `nil`. A binary response therefore never splits: its
/// entries cannot be told apart.
///
/// **Byte surgery.** Entry *i*'s bodies are the original bytes with the split array replaced by
/// `[` + entry *i*'s exact bytes + `]`; every other byte (members, whitespace, number
/// spellings) stays as sent. Bodies are scanned with StrictJSON's `JSONSpans`, never parsed into a tree:
/// a 100 MB request costs one scan for its members, one for the split array's elements, and
/// one copy of the entries.
///
/// ```swift
/// let split = LogSplitter().split(
///     request: LoggedBody(contentType: .applicationJSON, bytes: requestBytes),
///     response: LoggedBody(contentType: .applicationJSON, bytes: responseBytes),
///     status: 200, endpoint: .predict)
/// split.predictionLogs.count           // 3
/// split.requestLog.outcome.code        // "split"
/// ```
public struct LogSplitter: Sendable {
    /// The sniffer for responses without a Content-Type, if any.
    public var sniffer: Sniffer?
    /// The JSON reading options; raise `JSONOptions.maxSize` for bodies above 256 MiB.
    public var options: JSONOptions

    /// Creates a splitter.
    public init(sniffer: Sniffer? = nil, options: JSONOptions = .init()) {
        self.sniffer = sniffer
        self.options = options
    }

    /// The request members that can be split, in the order they are looked for.
    public static func requestKeys(for endpoint: InferenceEndpoint) -> [String] {
        switch endpoint {
        case .completions, .chatCompletions: ["instances", "inputs", "prompt"]
        default: ["instances", "inputs"]
        }
    }

    /// Splits one call.
    public func split(request: LoggedBody, response: LoggedBody, status: Int, endpoint: InferenceEndpoint) -> LogSplit {
        let requestType = request.contentType ?? .applicationJSON
        let responseType = response.contentType ?? sniffedType(of: response.bytes)
        let requestScan = BodyScan(request.bytes, mediaType: requestType, options: options)
        let responseScan = BodyScan(response.bytes, mediaType: responseType, options: options)

        let decision = decide(request: request.bytes, requestScan, response: response.bytes, responseScan,
                              requestType: requestType, responseType: responseType, status: status, endpoint: endpoint)
        let requestLog = RequestLog(
            status: status, endpoint: endpoint,
            request: Self.payload(request.bytes, requestType, requestScan),
            response: Self.payload(response.bytes, responseType, responseScan),
            outcome: decision.outcome)

        guard let splicers = decision.splicers, case .split(let plan) = decision.outcome else {
            let single = PredictionLog(
                index: 0,
                requestBody: requestScan.isValidJSON ? request.bytes : nil,
                responseBody: responseScan.isValidJSON ? response.bytes : nil)
            return LogSplit(requestLog: requestLog, predictionLogs: [single])
        }
        var logs: [PredictionLog] = []
        logs.reserveCapacity(plan.count)
        for index in 0..<plan.count {
            logs.append(
                PredictionLog(
                    index: index, requestBody: splicers.request.body(for: index), responseBody: splicers.response.body(for: index)))
        }
        return LogSplit(requestLog: requestLog, predictionLogs: logs)
    }

    private typealias Decision = (outcome: SplitOutcome, splicers: (request: SpanSplicer, response: SpanSplicer)?)

    private func decide(
        request: [UInt8], _ requestScan: BodyScan, response: [UInt8], _ responseScan: BodyScan,
        requestType: MediaType, responseType: MediaType, status: Int, endpoint: InferenceEndpoint
    ) -> Decision {
        func no(_ reason: NoSplitReason) -> Decision { (.notSplit(reason), nil) }

        guard (200..<300).contains(status) else { return no(.errorStatus(status)) }
        if let reason = Self.reason(requestScan, side: .request, type: requestType) { return no(reason) }
        if let reason = Self.reason(responseScan, side: .response, type: responseType) { return no(reason) }

        guard let requestKey = Self.requestKeys(for: endpoint).first(where: { requestScan.member($0, in: request) != nil }),
            let requestValue = requestScan.member(requestKey, in: request)
        else { return no(.noSplitArray) }
        guard let requestElements = elements(of: requestValue, in: request) else {
            return no(.notAnArray(.request, key: requestKey))
        }
        let count = requestElements.count
        if count == 0 { return no(.noEntries(key: requestKey)) }
        if count == 1 { return no(.singleEntry(key: requestKey)) }

        var responseKeys = ["predictions", "explanations"].filter { responseScan.member($0, in: response) != nil }
        if responseKeys.isEmpty, responseScan.member("choices", in: response) != nil { responseKeys = ["choices"] }
        guard !responseKeys.isEmpty else { return no(.noResponseArray) }
        var responseArrays: [(value: Range<Int>, elements: [Range<Int>])] = []
        for key in responseKeys {
            guard let value = responseScan.member(key, in: response), let elements = elements(of: value, in: response) else {
                return no(.notAnArray(.response, key: key))
            }
            guard elements.count == count else {
                return no(.lengthMismatch(requestKey: requestKey, requestCount: count, responseKey: key, responseCount: elements.count))
            }
            responseArrays.append((value, elements))
        }
        let plan = SplitPlan(requestKey: requestKey, responseKeys: responseKeys, count: count)
        return (
            .split(plan),
            (SpanSplicer(body: request, arrays: [(requestValue, requestElements)]), SpanSplicer(body: response, arrays: responseArrays))
        )
    }

    /// Why a scanned body cannot be split, if it cannot.
    private static func reason(_ scan: BodyScan, side: LogSide, type: MediaType) -> NoSplitReason? {
        switch scan {
        case .notJSON: side == .request ? .requestNotJSON(type) : .binaryResponse(type)
        case .invalid(let error): .invalidJSON(side, error)
        case .notObject: .notAnObject(side)
        case .duplicateKey(let error): .duplicateKey(side, error)
        case .object: nil
        }
    }

    /// The element ranges of the array at `value`, or `nil` when the value is not an array.
    private func elements(of value: Range<Int>, in body: [UInt8]) -> [Range<Int>]? {
        // The body was validated whole already, so the only failure left is "not an array".
        // This checks the array's bytes a second time: an unchecked pass that only tracks
        // strings and brackets measured barely faster than StrictJSON's scanner, so one
        // scanner it is.
        try? JSONSpans.elements(ofArrayAt: value, in: body, options: options)
    }

    private func sniffedType(of bytes: [UInt8]) -> MediaType {
        guard let sniffer, let sniff = try? sniffer.sniff(.bytes(bytes)) else { return .applicationOctetStream }
        return sniff.mediaTypeWithCharset
    }

    private static func payload(_ bytes: [UInt8], _ type: MediaType, _ scan: BodyScan) -> LoggedPayload {
        scan.isValidJSON ? .json(bytes: bytes, mediaType: type) : .binary(BinaryObject(mediaType: type, bytes: bytes))
    }
}
