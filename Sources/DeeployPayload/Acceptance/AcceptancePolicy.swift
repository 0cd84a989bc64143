/// The rules that decide whether a payload may be sent, and as what.
///
/// ``deeploy`` encodes Deeploy's documented behaviour; ``strict`` additionally
/// rejects what the default only warns about (subtype mismatches, scriptable
/// content, polyglots). Custom policies are plain values:
///
/// ```swift
/// var policy = AcceptancePolicy.deeploy
/// policy.maximumSize = 10 << 20
/// let verdict = policy.verdict(for: sniff, declared: "image/png")
/// ```
public struct AcceptancePolicy: Sendable, Hashable {
    /// The media ranges a payload may be declared as.
    public var accepted: AcceptedMediaTypes
    /// Reject (rather than warn about) subtype mismatches, scriptable content and polyglots.
    public var isStrict: Bool
    /// The largest payload accepted, in bytes; nil for no limit.
    public var maximumSize: Int?
    /// Whether a JSON payload may start with a UTF-8 byte-order mark (RFC 8259 §8.1 forbids it).
    public var allowsByteOrderMarkInJSON: Bool
    /// The type a request without Content-Type is taken to have.
    public var defaultContentType: MediaType

    /// Creates a policy.
    public init(
        accepted: AcceptedMediaTypes = .deeploy,
        isStrict: Bool = false,
        maximumSize: Int? = nil,
        allowsByteOrderMarkInJSON: Bool = false,
        defaultContentType: MediaType = .applicationJSON
    ) {
        self.accepted = accepted
        self.isStrict = isStrict
        self.maximumSize = maximumSize
        self.allowsByteOrderMarkInJSON = allowsByteOrderMarkInJSON
        self.defaultContentType = defaultContentType
    }

    /// Deeploy's rules: the accepted set, JSON when no Content-Type is sent, warnings for risky content.
    public static let deeploy = AcceptancePolicy()

    /// Deeploy's rules, rejecting subtype mismatches, scriptable content and polyglots.
    public static let strict = AcceptancePolicy(isStrict: true)

    // MARK: Judging

    /// Judges a sniffed payload against a declared Content-Type value, or none.
    ///
    /// - Parameters:
    ///   - sniff: what the ``Sniffer`` found.
    ///   - declared: the raw Content-Type value the payload will be sent with; nil for no header.
    public func verdict(for sniff: consuming Sniff, declared: String?) -> Verdict {
        guard let declared else { return judge(sniff, declaredRaw: nil, declared: nil) }
        if let common = Self.commonDeclaredType(declared) {
            return judge(sniff, declaredRaw: declared, declared: common)
        }
        do {
            let type = try MediaType.parse(declared)
            return judge(sniff, declaredRaw: declared, declared: type)
        } catch {
            var judgment = Judgment()
            judgment.reject(.invalidDeclaredType, Self.invalidDeclaredTypeMessage(declared, error))
            judgment.suggest(recommendedContentType(for: sniff))
            judgment.addContentWarnings(sniff, declared: nil, strict: isStrict)
            return judgment.verdict(on: sniff, declaredRaw: declared, declared: nil)
        }
    }

    /// Judges a sniff against a declared Content-Type value that ``parseDeclared(_:)`` has
    /// already parsed to `parsed` (nil when there is no value or it is not a media type).
    func verdict(for sniff: consuming Sniff, declared: String?, parsed: MediaType?) -> Verdict {
        // Tested, not unwrapped: unwrapping copies the type (with the two tests below, about
        // 60 instructions and 10% of a small PNG or JPEG verdict's time, Swift 6.3.1).
        if parsed != nil { return judge(sniff, declaredRaw: declared, declared: parsed) }
        return verdict(for: sniff, declared: declared)
    }

    /// Judges a file or stream that may have been read only up to ``maximumSize``. One read
    /// whole meets every rule. One that is larger is rejected as `too-large`, and for that alone:
    /// the bytes past the limit were never read, so no rule about content can be applied.
    func verdict(for bounded: consuming BoundedSniff, declared: String?, parsed: MediaType?) -> Verdict {
        let read = bounded.read
        let sniff = bounded.sniff
        if case .whole = read { return verdict(for: sniff, declared: declared, parsed: parsed) }
        if case .startUntilRefused(let finding) = read {
            // The prefix is refused with the same finding the watch saw, as the whole would be;
            // should it not be, the finding refuses it.
            let prefix = verdict(for: sniff, declared: declared, parsed: parsed)
            if !prefix.isAccepted { return prefix }
            var judgment = Judgment()
            judgment.reject(finding.code, finding.message)
            return judgment.verdict(on: sniff, declaredRaw: declared, declared: parsed)
        }
        let limit = maximumSize ?? 0
        let message = if case .headerOfLargerFile = read {
            Self.tooLargeMessage(size: sniff.size, limit: limit)
        } else {
            Self.stoppedReadingMessage(limit: limit)
        }
        var judgment = Judgment()
        judgment.reject(.tooLarge, message)
        return judgment.verdict(on: sniff, declaredRaw: declared, declared: parsed)
    }

    private static func tooLargeMessage(size: Int, limit: Int) -> String {
        "the payload is \(size) bytes; this policy accepts at most \(limit)."
    }

    /// The `too-large` message for a stream whose reading stopped past `limit`.
    static func stoppedReadingMessage(limit: Int) -> String {
        "the payload is more than \(limit) bytes, the most this policy accepts; reading stopped there."
    }

    static func binaryAsTextMessage(declared: MediaType, offset: Int) -> String {
        "declared \(declared.essence), but byte \(offset) is binary data, so this is not text. Send it as application/octet-stream or as its real type."
    }

    static func duplicateKeyMessage(_ duplicate: Sniff.DuplicateKey) -> String {
        "the member \(duplicate.path) (at byte \(duplicate.offset)) repeats a name its object already has; receivers disagree on which one counts (most keep the last). Keep one member per name."
    }

    static func invalidDeclaredTypeMessage(_ declared: String, _ error: MediaTypeError) -> String {
        "the declared Content-Type '\(declared)' is not a MIME type: \(Diagnostic.clause(error)). Send a type such as application/json."
    }

    static func notAcceptedMessage(_ effective: MediaType, accepted: AcceptedMediaTypes) -> String {
        "Deeploy does not accept \(effective.essence); it accepts \(accepted). Send the bytes as application/octet-stream, or convert them."
    }

    static func invalidJSONMessage(declared: MediaType?, _ error: any Error) -> String {
        let what = declared == nil ? "with no Content-Type the payload is taken as JSON, so it" : "declared \(declared?.essence ?? "JSON"), so the payload"
        return "\(what) must be valid JSON, but it is not: \(error)"
    }

    /// The reason to refuse a payload declared as `declared` (parsed to `parsed` by
    /// ``parseDeclared(_:)``) whatever its bytes, or nil when its bytes decide.
    ///
    /// Certain because ``verdict(for:declared:)-(Sniff,String?)`` rejects a value that is not a
    /// media type whatever the sniff, and ``judge(_:declared:into:)`` rejects a type it does not
    /// accept whatever the sniff: as `not-accepted-type`, or as `empty` for an empty payload,
    /// which it tests first.
    func certainRejection(declared: String?, parsed: MediaType?) -> Verdict.Finding? {
        if let declared, parsed == nil {
            do {
                _ = try MediaType.parse(declared)
            } catch {
                return Verdict.Finding(.invalidDeclaredType, Self.invalidDeclaredTypeMessage(declared, error))
            }
        }
        let effective = parsed ?? defaultContentType
        guard accepted.accepts(effective) else {
            return Verdict.Finding(.notAcceptedType, Self.notAcceptedMessage(effective, accepted: accepted))
        }
        return nil
    }

    /// A declared Content-Type value as a media type: the common spellings looked up, any other
    /// by ``MediaType/parse(_:)``; nil when the value is not a media type.
    static func parseDeclared(_ declared: String) -> MediaType? {
        commonDeclaredType(declared) ?? MediaType(declared)
    }

    /// Whether the verdict on a payload declared as `declared` can name text by the built-in
    /// rules rather than libmagic's. It can when the declared type is a text type this policy
    /// accepts: the verdict then rests on the sniffer's own evidence (binary bytes, charset),
    /// and the only thing a text subtype can add, the scriptable warning, the built-in rules
    /// find wherever libmagic does. libmagic's text rules cost 0.3-2 ms a call.
    func namesTextByBuiltInRules(declared: MediaType) -> Bool {
        declared.isText && accepted.accepts(declared)
    }

    /// The most common declared values, spelled exactly so, as media types. Parsing one of them
    /// gives the same value (a test checks every one and near misses), so this only saves time:
    /// grouped by length, finding one takes a comparison or two, with no hashing and no table to
    /// load. A plain switch on the string compared "image/jpeg" and "application/pdf" with the
    /// cases before them: 40 and 80 instructions more a small JPEG and PDF verdict, and 15-25%
    /// more time (Swift 6.3.1). Keep every value in the group of its UTF-8 length.
    private static func commonDeclaredType(_ declared: String) -> MediaType? {
        switch declared.utf8.count {
        case 8: declared == "text/csv" ? MediaType(known: .textCSV) : nil
        case 9:
            switch declared {
            case "image/png": .imagePNG
            case "image/gif": .imageGIF
            case "text/html": .textHTML
            case "image/bmp": .imageBMP
            default: nil
            }
        case 10:
            switch declared {
            case "image/jpeg": .imageJPEG
            case "text/plain": .textPlain
            case "image/webp": .imageWebP
            case "image/tiff": .imageTIFF
            default: nil
            }
        case 13: declared == "image/svg+xml" ? .imageSVG : nil
        case 15: declared == "application/pdf" ? .applicationPDF : nil
        case 16: declared == "application/json" ? .applicationJSON : nil
        case 19: declared == "binary/octet-stream" ? .binaryOctetStream : nil
        case 24:
            switch declared {
            case "application/octet-stream": .applicationOctetStream
            case "text/plain;charset=utf-8": textPlainUTF8
            default: nil
            }
        case 25: declared == "text/plain; charset=utf-8" ? textPlainUTF8 : nil
        case 30: declared == "application/json;charset=utf-8" ? applicationJSONUTF8 : nil
        case 31: declared == "application/json; charset=utf-8" ? applicationJSONUTF8 : nil
        default: nil
        }
    }

    private static let textPlainUTF8 = MediaType("text/plain;charset=utf-8")
    private static let applicationJSONUTF8 = MediaType("application/json;charset=utf-8")

    /// Judges a sniffed payload against an already parsed Content-Type, or none.
    public func verdict(for sniff: consuming Sniff, declared: MediaType?) -> Verdict {
        judge(sniff, declaredRaw: declared?.description, declared: declared)
    }

    /// The Content-Type a client should declare for a payload it knows nothing about:
    /// the sniffed type when it is accepted (with its checked charset for text),
    /// `application/octet-stream` otherwise.
    public func recommendedContentType(for sniff: Sniff) -> MediaType {
        if sniff.sniffedJSON.isValid && (allowsByteOrderMarkInJSON || sniff.text.byteOrderMark == nil) {
            return .applicationJSON
        }
        let sniffed = sniff.mediaTypeWithCharset
        if sniff.size > 0, accepted.accepts(sniff.mediaType), !sniff.mediaType.isOctetStream {
            return sniffed
        }
        return .applicationOctetStream
    }

    private func judge(_ sniff: consuming Sniff, declaredRaw: consuming String?, declared: consuming MediaType?) -> Verdict {
        var judgment = Judgment()
        judge(sniff, declared: declared, into: &judgment)
        return judgment.verdict(on: sniff, declaredRaw: declaredRaw, declared: declared)
    }

    /// Applies every rule to a sniff and the declared type, gathering what they find.
    private func judge(_ sniff: Sniff, declared: MediaType?, into judgment: inout Judgment) {
        let effective = declared ?? defaultContentType
        let size = sniff.size

        if let maximumSize, size > maximumSize {
            judgment.reject(.tooLarge, Self.tooLargeMessage(size: size, limit: maximumSize))
        }
        judgment.addContentWarnings(sniff, declared: declared, strict: isStrict)

        if size == 0 {
            if effective.isOctetStream {
                judgment.warn(.empty, "the payload is empty; Deeploy will receive no bytes.")
            } else {
                judgment.reject(.empty, "the payload is empty; \(Diagnostic.withArticle(effective.essence)) payload needs content.")
                return
            }
        }

        guard accepted.accepts(effective) else {
            judgment.reject(.notAcceptedType, Self.notAcceptedMessage(effective, accepted: accepted))
            judgment.suggest(recommendedContentType(for: sniff))
            return
        }

        if effective.isJSON {
            checkJSON(sniff, declared: declared, into: &judgment)
        } else if effective.isOctetStream {
            let better = recommendedContentType(for: sniff)
            if size > 0, !better.isOctetStream {
                judgment.warn(.moreSpecificType, "the bytes are \(better); declaring that lets Deeploy and its models treat them properly.")
                judgment.suggest(better)
            }
        } else if effective.isPDF {
            if !sniff.mediaType.isPDF {
                judgment.reject(.declaredMismatch, "declared application/pdf, but the bytes are \(sniff.mediaType.essence).")
                judgment.suggest(recommendedContentType(for: sniff))
            }
        } else if effective.isImage {
            checkImage(sniff, declared: effective, into: &judgment)
            return
        } else if effective.isText {
            checkText(sniff, declared: effective, into: &judgment)
        }
        judgment.sendAs = effective
    }

    private func checkJSON(_ sniff: Sniff, declared: MediaType?, into judgment: inout Judgment) {
        if case .invalid(let error) = sniff.json {
            judgment.reject(.invalidJSON, Self.invalidJSONMessage(declared: declared, error))
            judgment.suggest(recommendedContentType(for: sniff))
        } else if sniff.text.byteOrderMark == .utf8 && !allowsByteOrderMarkInJSON {
            // Made here, not for every JSON payload: building it was ~0.2 µs of each accepted
            // 1 KiB JSON verdict in a gateway.
            let what = declared == nil ? "with no Content-Type the payload is taken as JSON, so it" : "declared \(declared?.essence ?? "JSON"), so the payload"
            judgment.reject(.invalidJSON, "\(what) must be valid JSON, but it starts with a UTF-8 byte-order mark (EF BB BF), which RFC 8259 forbids. Remove the first three bytes.")
        }
        if let duplicate = sniff.duplicateKey {
            judgment.flag(.duplicateKey, Self.duplicateKeyMessage(duplicate), strict: isStrict)
        }
    }

    /// The image rules: the bytes must be an image; a wildcard is sent as the sniffed type, and
    /// another subtype than the sniffed one is flagged.
    private func checkImage(_ sniff: Sniff, declared: MediaType, into judgment: inout Judgment) {
        let sniffed = sniff.mediaType
        guard sniffed.isImage else {
            judgment.reject(.declaredMismatch, "declared \(declared.essence), but the bytes are \(sniffed.essence).")
            judgment.suggest(recommendedContentType(for: sniff))
            return
        }
        if declared.isWildcard {
            judgment.warn(.moreSpecificType, "declared \(declared.essence); the bytes are \(sniffed.essence), which is sent instead.")
            judgment.sendAs = sniffed
            return
        }
        if !declared.hasSameEssence(as: sniffed) {
            let message = "declared \(declared.essence), but the bytes are \(sniffed.essence). Declare \(sniffed.essence)."
            judgment.flag(.subtypeMismatch, message, strict: isStrict)
            judgment.suggest(sniffed)
        }
        judgment.sendAs = declared
    }

    private func checkText(_ sniff: Sniff, declared: MediaType, into judgment: inout Judgment) {
        let text = sniff.text
        let charset = Charset(declared.charset)
        if !text.isUTF16Text, let offset = text.firstBinaryByte {
            judgment.reject(.binaryAsText, Self.binaryAsTextMessage(declared: declared, offset: offset))
            judgment.suggest(recommendedContentType(for: sniff))
            return
        }
        if let problem = charset.problem(with: text) {
            let what = declared.charset == nil
                ? "declared \(declared.essence) with no charset, which means \(charset.name)"
                : "declared \(declared.essence) in \(charset.name)"
            // A proven charset (from a byte-order mark or the bytes), else the sniffed one when
            // the bytes are valid in it (any bytes are Latin-1 text).
            let candidates = [text.provenCharset, sniff.charset].compactMap { $0 }
            let fitting = candidates.first { label in
                let candidate = Charset(label)
                return candidate.encoding != nil && candidate.name != charset.name && candidate.problem(with: text) == nil
            }
            var message = "\(what), but \(Diagnostic.clause(problem))."
            if let fitting, let better = try? declared.with(charset: fitting.lowercased()) {
                if !problem.contains("charset=\(fitting.lowercased())") {
                    message += " The bytes look like \(fitting.lowercased()): declare \(declared.essence); charset=\(fitting.lowercased())."
                }
                judgment.reject(.charsetMismatch, message)
                judgment.suggest(better)
            } else {
                judgment.reject(.charsetMismatch, message)
            }
        }
    }
}
