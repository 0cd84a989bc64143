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
    public func verdict(for sniff: Sniff, declared: String?) -> Verdict {
        guard let declared else { return judge(sniff, declaredRaw: nil, declared: nil) }
        if let common = Self.commonDeclaredTypes[declared] {
            return judge(sniff, declaredRaw: declared, declared: common)
        }
        do {
            let type = try MediaType.parse(declared)
            return judge(sniff, declaredRaw: declared, declared: type)
        } catch {
            var builder = VerdictBuilder(isStrict: isStrict, sniff: sniff, declaredRaw: declared, declared: nil)
            builder.reject(.invalidDeclaredType, "the declared Content-Type '\(declared)' is not a MIME type: \(error). Send a type such as application/json.")
            builder.suggest(recommendedContentType(for: sniff))
            builder.addContentWarnings()
            return builder.build(effective: nil)
        }
    }

    /// Exact spellings of the most common declared values, parsed once. Parsing
    /// one of them gives the same value, so this only saves time.
    private static let commonDeclaredTypes: [String: MediaType] = {
        let spellings = [
            "application/json", "application/pdf", "application/octet-stream", "binary/octet-stream",
            "text/plain", "text/csv", "text/html", "image/png", "image/jpeg", "image/gif", "image/webp",
            "image/bmp", "image/tiff", "image/svg+xml", "application/json; charset=utf-8",
            "application/json;charset=utf-8", "text/plain; charset=utf-8", "text/plain;charset=utf-8",
        ]
        return Dictionary(uniqueKeysWithValues: spellings.compactMap { spelling in MediaType(spelling).map { (spelling, $0) } })
    }()

    /// Judges a sniffed payload against an already parsed Content-Type, or none.
    public func verdict(for sniff: Sniff, declared: MediaType?) -> Verdict {
        judge(sniff, declaredRaw: declared?.description, declared: declared)
    }

    /// The Content-Type a client should declare for a payload it knows nothing about:
    /// the sniffed type when it is accepted (with its checked charset for text),
    /// `application/octet-stream` otherwise.
    public func recommendedContentType(for sniff: Sniff) -> MediaType {
        if sniff.json.isValid && (allowsByteOrderMarkInJSON || sniff.text.byteOrderMark == nil) {
            return .applicationJSON
        }
        let sniffed = sniff.mediaTypeWithCharset
        if sniff.size > 0, accepted.accepts(sniff.mediaType), !sniff.mediaType.isOctetStream {
            return sniffed
        }
        return .applicationOctetStream
    }

    private func judge(_ sniff: Sniff, declaredRaw: String?, declared: MediaType?) -> Verdict {
        var builder = VerdictBuilder(isStrict: isStrict, sniff: sniff, declaredRaw: declaredRaw, declared: declared)
        let effective = declared ?? defaultContentType

        if let maximumSize, sniff.size > maximumSize {
            builder.reject(.tooLarge, "the payload is \(sniff.size) bytes; this policy accepts at most \(maximumSize).")
        }
        builder.addContentWarnings()

        if sniff.size == 0 {
            if effective.isOctetStream {
                builder.warn(.empty, "the payload is empty; Deeploy will receive no bytes.")
            } else {
                builder.reject(.empty, "the payload is empty; a \(effective.essence) payload needs content.")
                return builder.build(effective: nil)
            }
        }

        guard accepted.accepts(effective) else {
            let ranges = accepted.ranges.map(\.description).joined(separator: ", ")
            builder.reject(.notAcceptedType, "Deeploy does not accept \(effective.essence); it accepts \(ranges). Send the bytes as application/octet-stream, or convert them.")
            builder.suggest(recommendedContentType(for: sniff))
            return builder.build(effective: nil)
        }

        var sendAs = effective
        if effective.isJSON {
            checkJSON(sniff, declared: declared, into: &builder)
        } else if effective.isOctetStream {
            let better = recommendedContentType(for: sniff)
            if sniff.size > 0, !better.isOctetStream {
                builder.warn(.moreSpecificType, "the bytes are \(better); declaring that lets Deeploy and its models treat them properly.")
                builder.suggest(better)
            }
        } else if effective.isPDF {
            if !sniff.mediaType.isPDF {
                builder.reject(.declaredMismatch, "declared application/pdf, but the bytes are \(sniff.mediaType.essence).")
                builder.suggest(recommendedContentType(for: sniff))
            }
        } else if effective.type == "image" {
            sendAs = checkImage(sniff, declared: effective, into: &builder)
        } else if effective.type == "text" {
            checkText(sniff, declared: effective, into: &builder)
        }
        return builder.build(effective: sendAs)
    }

    private func checkJSON(_ sniff: Sniff, declared: MediaType?, into builder: inout VerdictBuilder) {
        let what = declared == nil ? "with no Content-Type the payload is taken as JSON, so it" : "declared \(declared?.essence ?? "JSON"), so the payload"
        if case .invalid(let error) = sniff.json {
            builder.reject(.invalidJSON, "\(what) must be valid JSON, but it is not: \(error)")
            builder.suggest(recommendedContentType(for: sniff))
        } else if sniff.text.byteOrderMark == .utf8 && !allowsByteOrderMarkInJSON {
            builder.reject(.invalidJSON, "\(what) must be valid JSON, but it starts with a UTF-8 byte-order mark (EF BB BF), which RFC 8259 forbids. Remove the first three bytes.")
        }
    }

    private func checkImage(_ sniff: Sniff, declared: MediaType, into builder: inout VerdictBuilder) -> MediaType {
        guard sniff.mediaType.type == "image" else {
            builder.reject(.declaredMismatch, "declared \(declared.essence), but the bytes are \(sniff.mediaType.essence).")
            builder.suggest(recommendedContentType(for: sniff))
            return declared
        }
        if declared.subtype == "*" {
            builder.warn(.moreSpecificType, "declared \(declared.essence); the bytes are \(sniff.mediaType.essence), which is sent instead.")
            return sniff.mediaType
        }
        if declared.subtype != sniff.mediaType.subtype {
            let message = "declared \(declared.essence), but the bytes are \(sniff.mediaType.essence). Declare \(sniff.mediaType.essence)."
            if isStrict { builder.reject(.subtypeMismatch, message) } else { builder.warn(.subtypeMismatch, message) }
            builder.suggest(sniff.mediaType)
        }
        return declared
    }

    private func checkText(_ sniff: Sniff, declared: MediaType, into builder: inout VerdictBuilder) {
        let text = sniff.text
        let charset = Charset(declared.charset)
        if !text.isUTF16Text, let offset = text.firstBinaryByte {
            builder.reject(.binaryAsText, "declared \(declared.essence), but byte \(offset) is binary data, so this is not text. Send it as application/octet-stream or as its real type.")
            builder.suggest(recommendedContentType(for: sniff))
            return
        }
        if let problem = charset.problem(with: text) {
            builder.reject(.charsetMismatch, "declared \(declared.essence) in \(charset.name), but \(problem).")
            if let proven = text.provenCharset, let better = try? declared.with(charset: proven) { builder.suggest(better) }
        }
    }
}

extension MediaType {
    /// `application/octet-stream` or `binary/octet-stream`.
    var isOctetStream: Bool { subtype == "octet-stream" && (type == "application" || type == "binary") }

    /// `application/pdf`, compared without building the essence string.
    var isPDF: Bool { subtype == "pdf" && type == "application" }
}
