public import HTTPTypes
public import StrictJSON

extension PayloadGate {
    /// A stable, machine-readable reason the gate refused a body: every ``Verdict/Code``, and the
    /// gate's own codes, such as ``unsupportedEncoding``.
    ///
    /// The raw values are part of the public contract, as a verdict's codes are.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The stable code, such as `too-large`.
        public let rawValue: String

        /// A code from its stable value.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The code of a verdict's finding.
        public init(_ code: Verdict.Code) { self.rawValue = code.rawValue }

        /// The body has a Content-Encoding the gate cannot decode: not gzip, x-gzip or deflate,
        /// or several codings stacked.
        public static let unsupportedEncoding = Code(rawValue: "unsupported-encoding")

        /// The gzip or deflate body decodes to more than ``PayloadGate/maximumExpansionRatio``
        /// times its encoded size: a compression bomb. Decoding stopped as soon as the ratio
        /// passed.
        public static let compressionBomb = Code(rawValue: "compression-bomb")

        /// The gzip or deflate body is not valid data of its encoding: corrupt, or cut off before
        /// its end.
        public static let invalidEncoding = Code(rawValue: "invalid-encoding")

        /// The verdict code this is, or nil for one of the gate's own.
        public var verdictCode: Verdict.Code? { Verdict.Code(rawValue: rawValue) }

        /// The stable code.
        public var description: String { rawValue }
    }

    /// One reason a body was refused: a stable code and a message a person can act on.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        /// The stable code.
        public var code: Code
        /// What is wrong and what to do about it.
        public var message: String

        /// Creates a reason.
        public init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }

        /// A verdict's finding as a reason.
        public init(_ finding: Verdict.Finding) { self.init(Code(finding.code), finding.message) }

        init(_ code: Verdict.Code, _ message: String) { self.init(Code(code), message) }

        /// `code: message`.
        public var description: String { "\(code): \(message)" }
    }

    /// A refused body: why, and how to answer the client.
    public struct Rejection: Error, Sendable, Hashable {
        /// Why the body is refused, the reason that decided first.
        public var reasons: [Reason]
        /// A Content-Type that would describe the bytes, when the verdict offers one.
        public var suggestedContentType: MediaType?
        /// How many bytes were read before the refusal, the refused chunk included: encoded
        /// bytes, for a body with a Content-Encoding.
        public var bytesRead: Int
        /// For a body with a Content-Encoding, how many decoded bytes the gate had produced when
        /// it refused the body (at most one more than the limit that passed); nil otherwise.
        public var bytesDecoded: Int?
        /// The verdict on the whole body, when it was read to its end; nil for a refusal made
        /// early, before or while the body arrived.
        public var verdict: Verdict?

        /// Creates a rejection.
        public init(
            reasons: [Reason], suggestedContentType: MediaType? = nil, bytesRead: Int, bytesDecoded: Int? = nil, verdict: Verdict? = nil
        ) {
            self.reasons = reasons
            self.suggestedContentType = suggestedContentType
            self.bytesRead = bytesRead
            self.bytesDecoded = bytesDecoded
            self.verdict = verdict
        }

        /// The reason codes, in order.
        public var codes: [Code] { reasons.map(\.code) }

        /// The HTTP status to answer with, from the first reason (see ``PayloadGate/status(for:)``).
        public var status: HTTPResponse.Status { reasons.first.map { PayloadGate.status(for: $0.code) } ?? .badRequest }
    }

    /// The HTTP status for a refusal with `code`:
    /// - 413 Content Too Large for `too-large` and `compression-bomb`;
    /// - 400 Bad Request for a body or header that is malformed: `invalid-json`,
    ///   `invalid-declared-type`, `invalid-encoding` (corrupt or truncated gzip or deflate), and
    ///   `empty` (a type that needs content got none);
    /// - 415 Unsupported Media Type for every other code: a type that is not accepted, a declared
    ///   type that does not match the bytes (`declared-mismatch`, `subtype-mismatch`,
    ///   `binary-as-text`, `charset-mismatch`), content a strict policy refuses (`scriptable`,
    ///   `polyglot`), and an encoding the gate cannot decode (`unsupported-encoding`).
    public static func status(for code: Code) -> HTTPResponse.Status {
        switch code {
        case .compressionBomb: return .contentTooLarge
        case .invalidEncoding: return .badRequest
        default: break
        }
        return switch code.verdictCode {
        case .tooLarge: .contentTooLarge
        case .invalidJSON, .invalidDeclaredType, .empty: .badRequest
        default: .unsupportedMediaType
        }
    }
}

extension PayloadGate.Rejection {
    /// The media type of ``problemDetails(typeBase:)``, `application/problem+json` (RFC 9457).
    public static let problemContentType = MediaType("application/problem+json")!

    /// The refusal as an RFC 9457 problem details object, to send with ``status`` and the
    /// Content-Type ``problemContentType``.
    ///
    /// ```json
    /// {"type":"about:blank","title":"Unsupported Media Type","status":415,
    ///  "detail":"declared image/png, but the bytes are application/x-executable.",
    ///  "codes":["declared-mismatch"],
    ///  "reasons":[{"code":"declared-mismatch","message":"declared image/png, but ..."}],
    ///  "suggestedContentType":"application/octet-stream"}
    /// ```
    ///
    /// The members: `type` (see `typeBase`), `title` (the status's reason phrase), `status`,
    /// `detail` (every reason's message, in order), and three extension members: `codes` (the
    /// stable codes), `reasons` (each code with its message) and, when there is one,
    /// `suggestedContentType`. The body holds messages about the payload and its headers, never
    /// the payload's bytes or a credential.
    ///
    /// - Parameter typeBase: nil for the type `about:blank` (RFC 9457 §4.2.1: the problem is
    ///   what the status says); otherwise a URI prefix that each code is appended to, such as
    ///   `https://errors.example.com/payload/` for `https://errors.example.com/payload/too-large`,
    ///   where a client can look the problem up. The type is that of the first reason.
    public func problemDetails(typeBase: String? = nil) -> JSONValue {
        let status = self.status
        var members: [JSONObject.Member] = [
            ("type", .string(typeBase.map { $0 + (codes.first?.rawValue ?? "") } ?? "about:blank")),
            ("title", .string(status.reasonPhrase)),
            ("status", .number(JSONNumber(status.code))),
            ("detail", .string(reasons.map(\.message).joined(separator: " "))),
            ("codes", .array(codes.map { .string($0.rawValue) })),
            ("reasons", .array(reasons.map { ["code": .string($0.code.rawValue), "message": .string($0.message)] })),
        ]
        if let suggestedContentType {
            members.append(("suggestedContentType", .string(suggestedContentType.description)))
        }
        return .object(JSONObject(members))
    }
}
