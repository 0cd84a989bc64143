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
/// **Non-JSON bodies.** A request without a Content-Type is JSON (Deeploy's default,
/// ``AcceptancePolicy/defaultContentType``). A response without one is sniffed when the
/// splitter has a ``Sniffer``, and otherwise taken as `application/octet-stream`. A body whose
/// type is not JSON, or which claims JSON but does not parse, is kept in the request log as a
/// ``LoggedPayload/BinaryObject`` (media type, size, SHA-256, bytes), and its side of the
/// prediction log is `nil`. A binary response therefore never splits: its entries cannot be
/// told apart.
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

    /// The response members that can be split alongside the request's.
    private static let responseKeys = ["predictions", "explanations", "choices"]

    /// The request members that can be split, in the order they are looked for.
    public static func requestKeys(for endpoint: InferenceEndpoint) -> [String] {
        switch endpoint {
        case .completions, .chatCompletions: ["instances", "inputs", "prompt"]
        default: ["instances", "inputs"]
        }
    }

    /// Splits one call, holding every prediction log's bodies at once.
    ///
    /// The bodies of all prediction logs together are about as large as the original bodies.
    /// To write the logs out one by one instead, use ``splitLazily(request:response:status:endpoint:)``.
    public func split(request: LoggedBody, response: LoggedBody, status: Int, endpoint: InferenceEndpoint) -> LogSplit {
        let logs = splitLazily(request: request, response: response, status: status, endpoint: endpoint)
        return LogSplit(requestLog: logs.requestLog, predictionLogs: Array(logs.predictionLogs))
    }

    /// Splits one call, making each prediction log only when it is read.
    ///
    /// The bodies are scanned as ``split(request:response:status:endpoint:)`` scans them, and
    /// the request log and the outcome are the same; a prediction log's bodies are spliced
    /// from the original bytes when ``LazyLogSplit/predictionLogs`` is read at its index. A
    /// caller that writes each log and lets it go holds the original bodies and one
    /// prediction log, not all of them.
    ///
    /// ```swift
    /// let logs = LogSplitter().splitLazily(request: request, response: response, status: 200, endpoint: .predict)
    /// store(logs.requestLog)
    /// for log in logs.predictionLogs { store(log) }  // one at a time
    /// ```
    public func splitLazily(request: LoggedBody, response: LoggedBody, status: Int, endpoint: InferenceEndpoint) -> LazyLogSplit {
        let requestType = request.contentType ?? AcceptancePolicy.deeploy.defaultContentType
        // A sniff that fails leaves the response untyped, as if there were no sniffer.
        let responseType =
            response.contentType
            ?? (try? ResponseDecoder.untypedResponseType(of: response.bytes, sniffer: sniffer)) ?? .applicationOctetStream
        let requestScan = BodyScan(request.bytes, mediaType: requestType, arrays: Self.requestKeys(for: endpoint), options: options)
        let responseScan = BodyScan(response.bytes, mediaType: responseType, arrays: Self.responseKeys, options: options)

        let decision = decide(request: request.bytes, requestScan, response: response.bytes, responseScan,
                              requestType: requestType, responseType: responseType, status: status, endpoint: endpoint)
        let requestLog = RequestLog(
            status: status, endpoint: endpoint,
            request: Self.payload(request.bytes, requestType, requestScan),
            response: Self.payload(response.bytes, responseType, responseScan),
            outcome: decision.outcome)

        guard let splicers = decision.splicers, case .split(let plan) = decision.outcome else {
            return LazyLogSplit(
                requestLog: requestLog,
                predictionLogs: .init(
                    whole: requestScan.isValidJSON ? request.bytes : nil, responseScan.isValidJSON ? response.bytes : nil))
        }
        return LazyLogSplit(requestLog: requestLog, predictionLogs: .init(splicers.request, splicers.response, count: plan.count))
    }

    private typealias Decision = (outcome: SplitOutcome, splicers: (request: Splicer, response: Splicer)?)

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
        guard let requestElements = requestScan.elements(of: requestValue) else {
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
            guard let value = responseScan.member(key, in: response), let elements = responseScan.elements(of: value) else {
                return no(.notAnArray(.response, key: key))
            }
            guard elements.count == count else {
                return no(.lengthMismatch(requestKey: requestKey, requestCount: count, responseKey: key, responseCount: elements.count))
            }
            responseArrays.append((value, elements))
        }
        let plan = SplitOutcome.Plan(requestKey: requestKey, responseKeys: responseKeys, count: count)
        return (
            .split(plan),
            (Splicer(body: request, arrays: [(requestValue, requestElements)]), Splicer(body: response, arrays: responseArrays))
        )
    }

    /// Why a scanned body cannot be split, if it cannot.
    private static func reason(_ scan: BodyScan, side: NoSplitReason.Side, type: MediaType) -> NoSplitReason? {
        switch scan {
        case .notJSON: side == .request ? .requestNotJSON(type) : .binaryResponse(type)
        case .invalid(let error): .invalidJSON(side, error)
        case .notObject: .notAnObject(side)
        case .duplicateKey(let error): .duplicateKey(side, error)
        case .object: nil
        }
    }

    private static func payload(_ bytes: [UInt8], _ type: MediaType, _ scan: BodyScan) -> LoggedPayload {
        scan.isValidJSON ? .json(bytes: bytes, mediaType: type) : .binary(LoggedPayload.BinaryObject(mediaType: type, bytes: bytes))
    }
}

/// One side of an inference call as a logger saw it: the declared content type and the bytes.
public struct LoggedBody: Sendable, Hashable {
    /// The `Content-Type`, parsed; `nil` when the message had none.
    public var contentType: MediaType?
    /// The body.
    public var bytes: [UInt8]

    /// Creates a logged body.
    public init(contentType: MediaType?, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }
}

// MARK: - One pass over each body, then one copy per entry

extension LogSplitter {
    /// What one pass over a body found: whether it is JSON, and if it is an object, where its
    /// top-level members are. Values are never turned into a tree.
    private enum BodyScan {
        /// The type is not JSON.
        case notJSON
        /// The type is JSON but the bytes are not.
        case invalid(JSONError)
        /// Valid JSON, not an object.
        case notObject
        /// Valid JSON whose top-level object repeats a key.
        case duplicateKey(JSONError)
        /// A valid JSON object, its members in order, and the elements of those members that
        /// could be split and are arrays, by value range.
        case object([JSONMemberSpan], elements: [Range<Int>: [Range<Int>]])

        /// Scans `bytes`, recording the elements of the members named in `arrays` in the same
        /// pass. A second pass over the split array (JSONSpans.elements) doubled the scanning
        /// time: 66 against 32 ms of perf samples for `split --format json` on a 20 MB call of
        /// 20,000 instances, 14% of its CPU time.
        init(_ bytes: [UInt8], mediaType: MediaType, arrays: [String], options: JSONOptions) {
            guard mediaType.isJSON else {
                self = .notJSON
                return
            }
            var strict = options
            strict.duplicateKeys = .reject
            do throws(JSONError) {
                let spans = try JSONSpans.topLevelMembers(of: bytes, elementsOf: Set(arrays), options: strict)
                self = .object(spans.members, elements: spans.elements)
            } catch {
                switch error.kind {
                case .unexpectedType:
                    self = .notObject
                case .duplicateKey:
                    // Whether the bytes are JSON at all must not depend on when the spans reader
                    // noticed the repeat, so that is checked on its own.
                    do throws(JSONError) {
                        try JSONValidator.validate(bytes, options: options)
                        self = .duplicateKey(error)
                    } catch {
                        self = .invalid(error)
                    }
                default:
                    self = .invalid(error)
                }
            }
        }

        /// Whether the bytes are valid JSON.
        var isValidJSON: Bool {
            switch self {
            case .notJSON, .invalid: false
            case .notObject, .duplicateKey, .object: true
            }
        }

        /// The value range of the member named `key`, or `nil` when it is absent or `null`
        /// (`"explanations": null` means there are none). The body is valid JSON, so a value that
        /// starts with `n` is `null`.
        func member(_ key: String, in bytes: [UInt8]) -> Range<Int>? {
            guard case .object(let members, _) = self, let range = members.first(where: { $0.key == key })?.valueRange,
                bytes[range.lowerBound] != UInt8(ascii: "n")
            else { return nil }
            return range
        }

        /// The element ranges of the array at `value`, a member's value range, or `nil` when
        /// that value is not an array.
        func elements(of value: Range<Int>) -> [Range<Int>]? {
            guard case .object(_, let elements) = self else { return nil }
            return elements[value]
        }
    }

    /// Builds one body per entry from a body and the arrays being split, by copying bytes: the
    /// body with each split array's value replaced by `[` + entry *i* + `]`, everything else
    /// exactly as it was.
    struct Splicer: Sendable {
        /// The bytes outside the replaced values, in order; one more than the arrays.
        private let gaps: [Range<Int>]
        /// For each replaced array, in body order, its elements' ranges.
        private let elements: [[Range<Int>]]
        private let body: [UInt8]
        private let gapBytes: Int

        /// `arrays` are the value ranges of distinct top-level members with their element ranges;
        /// every array has the same number of elements.
        init(body: [UInt8], arrays: [(value: Range<Int>, elements: [Range<Int>])]) {
            let sorted = arrays.sorted { $0.value.lowerBound < $1.value.lowerBound }
            var gaps: [Range<Int>] = []
            var start = 0
            for array in sorted {
                gaps.append(start..<array.value.lowerBound)
                start = array.value.upperBound
            }
            gaps.append(start..<body.count)
            self.gaps = gaps
            self.elements = sorted.map(\.elements)
            self.body = body
            self.gapBytes = gaps.reduce(0) { $0 + $1.count }
        }

        /// The pretty text of each gap at level `indent`, where the text is short enough to keep
        /// (at most 1 MiB of source); `nil` for a gap to be reformatted for every entry.
        ///
        /// The body must have been validated by this splitter's scan (see ``writePretty(entry:indent:gaps:to:)``).
        func prettyGaps(indent: Int) -> [[UInt8]?] {
            body.withUnsafeBytes { document in
                gaps.indices.map { position in
                    guard gaps[position].count <= 1 << 20 else { return nil }
                    var text: [UInt8] = []
                    PrettyJSONWriter.withWriter(chunkSize: 1 << 16, to: { text.append(contentsOf: $0) }) { writer in
                        var layout = Self.layout(beforeGap: position)
                        writer.reformat(validated: document, range: gaps[position], indent: indent, layout: &layout)
                    }
                    return text
                }
            }
        }

        /// Where the layout stands at the start of gap `position`: the document's start, or
        /// just after a split array, a value of a top-level member.
        private static func layout(beforeGap position: Int) -> PrettyJSONWriter.Layout {
            position == 0 ? .init() : .init(depth: 1, hasSibling: true)
        }

        /// Writes the body for entry `index` in the pretty layout at level `indent`, as the
        /// validating reformat of ``body(for:)`` writes it, without splicing it: each gap's text
        /// (`gaps`, from ``prettyGaps(indent:)``, made once for all entries), and for each split
        /// array `[`, the entry's element at level `indent + 2` and `]`.
        ///
        /// The light path: this writes without checking, so it is only for a body that the
        /// splitter's own scan (`BodyScan`, JSONSpans over these very bytes) found valid in
        /// this run; every splice point lies between tokens.
        func writePretty(entry index: Int, indent: Int, gaps prettyGaps: [[UInt8]?], to writer: inout PrettyJSONWriter) {
            body.withUnsafeBytes { document in
                for (position, gap) in gaps.enumerated() {
                    if let text = prettyGaps[position] {
                        writer.write(text)
                    } else {
                        var layout = Self.layout(beforeGap: position)
                        writer.reformat(validated: document, range: gap, indent: indent, layout: &layout)
                    }
                    guard position < elements.count else { break }
                    // The array is a top-level member's value (level 1); its one element is at level 2.
                    writer.write("[")
                    writer.lineBreak(level: indent + 2)
                    var layout = PrettyJSONWriter.Layout()
                    writer.reformat(validated: document, range: elements[position][index], indent: indent + 2, layout: &layout)
                    writer.lineBreak(level: indent + 1)
                    writer.write("]")
                }
            }
        }

        /// The body for entry `index`.
        func body(for index: Int) -> [UInt8] {
            var size = gapBytes
            for array in elements { size += array[index].count + 2 }
            var output: [UInt8] = []
            output.reserveCapacity(size)
            for (position, gap) in gaps.enumerated() {
                output.append(contentsOf: body[gap])
                guard position < elements.count else { break }
                output.append(UInt8(ascii: "["))
                output.append(contentsOf: body[elements[position][index]])
                output.append(UInt8(ascii: "]"))
            }
            return output
        }
    }
}
