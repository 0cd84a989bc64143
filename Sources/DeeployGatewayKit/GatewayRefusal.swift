public import DeeployPayload
public import HTTPTypes
public import NIOCore
import StrictJSON

/// A refused request: the status, the stable reason codes, and the RFC 9457 problem response to
/// answer the client with.
///
/// An adapter answers a refusal as it is: ``status``, ``fields`` and ``body``. The body is an
/// `application/problem+json` object (RFC 9457):
///
/// ```json
/// {"type":"about:blank","title":"Unsupported Media Type","status":415,
///  "detail":"declared image/png, but the bytes are not an image: they start as application/x-executable.",
///  "codes":["declared-mismatch"],
///  "reasons":[{"code":"declared-mismatch","message":"declared image/png, but ..."}]}
/// ```
///
/// Extension members: `codes` (the stable codes, in order), `reasons` (each code with its
/// message), `suggestedContentType` when the verdict offers one, and `part` (the form field)
/// when a part of a `multipart/form-data` body was refused. The body holds messages about the
/// payload and its headers, never the payload's bytes or a credential.
public struct GatewayRefusal: Error, Sendable, Hashable {
    /// The status to answer with: 400, 401, 413 or 415 (see ``PayloadGateway/status(for:)``).
    public var status: HTTPResponse.Status
    /// Why the request is refused: each stable code with a message a person can act on.
    public var reasons: [PayloadGate.Reason]
    /// A Content-Type that would describe the bytes, when the verdict offers one.
    public var suggestedContentType: MediaType?
    /// The `multipart/form-data` field whose part was refused, or nil.
    public var partName: String?
    /// How many bytes of the request body were read before the refusal (0 when it was refused
    /// on its headers alone).
    public var bytesRead: Int
    /// The fields to answer with: `Content-Type: application/problem+json`, and on a 401 a
    /// `WWW-Authenticate` challenge.
    public var fields: HTTPFields
    /// The RFC 9457 problem object, serialized.
    public var body: ByteBuffer

    /// The stable reason codes, in order, such as `too-large` or `multipart-no-boundary`.
    public var codes: [String] { reasons.map(\.code.rawValue) }

    /// The media type of ``body``, `application/problem+json`.
    public static let problemContentType = "application/problem+json"

    /// The challenge sent with a 401: the two schemes Deeploy accepts.
    public static let authenticateChallenge = #"Basic realm="Deeploy", Bearer realm="Deeploy""#

    /// Creates a refusal with `status` and `reasons`, and builds its problem response.
    ///
    /// - Parameters:
    ///   - status: The response's status: 400, 401, 413 or 415.
    ///   - reasons: Why the request is refused, first the one that decided it.
    ///   - suggestedContentType: A Content-Type the payload would be accepted with, if any.
    ///   - partName: The form field of a refused `multipart/form-data` part, if any.
    ///   - bytesRead: How many bytes of the body were read before the refusal.
    ///   - problemTypeBase: nil for the problem type `about:blank`; otherwise a URI
    ///     prefix that the first code is appended to, such as
    ///     `https://errors.example.com/payload/` for `https://errors.example.com/payload/too-large`.
    public init(
        status: HTTPResponse.Status, reasons: [PayloadGate.Reason], suggestedContentType: MediaType? = nil,
        partName: String? = nil, bytesRead: Int = 0, problemTypeBase: String? = nil
    ) {
        self.status = status
        self.reasons = reasons
        self.suggestedContentType = suggestedContentType
        self.partName = partName
        self.bytesRead = bytesRead
        var fields = HTTPFields()
        fields[.contentType] = Self.problemContentType
        if status == .unauthorized { fields[.wwwAuthenticate] = Self.authenticateChallenge }
        self.fields = fields
        self.body = ByteBuffer(bytes: Self.problem(
            status: status, reasons: reasons, suggestedContentType: suggestedContentType, partName: partName,
            typeBase: problemTypeBase
        ).serialized())
    }

    /// The gate's rejection as a refusal; `partName` names the form field it came from.
    public init(_ rejection: PayloadGate.Rejection, partName: String? = nil, problemTypeBase: String? = nil) {
        let reasons = partName.map { name in
            rejection.reasons.map { PayloadGate.Reason($0.code, "form field \(GatewayText.quoted(name)): \($0.message)") }
        } ?? rejection.reasons
        self.init(
            status: rejection.status, reasons: reasons, suggestedContentType: rejection.suggestedContentType,
            partName: partName, bytesRead: rejection.bytesRead, problemTypeBase: problemTypeBase
        )
    }

    /// The problem object: `type`, `title`, `status`, `detail`, then `codes`, `reasons`, and
    /// `suggestedContentType` and `part` when known.
    static func problem(
        status: HTTPResponse.Status, reasons: [PayloadGate.Reason], suggestedContentType: MediaType?, partName: String?,
        typeBase: String?
    ) -> JSONValue {
        var members: [JSONObject.Member] = [
            ("type", .string(typeBase.map { $0 + (reasons.first?.code.rawValue ?? "") } ?? "about:blank")),
            ("title", .string(status.reasonPhrase)),
            ("status", .number(JSONNumber(status.code))),
            ("detail", .string(reasons.map(\.message).joined(separator: " "))),
            ("codes", .array(reasons.map { .string($0.code.rawValue) })),
            ("reasons", .array(reasons.map { ["code": .string($0.code.rawValue), "message": .string($0.message)] })),
        ]
        if let suggestedContentType {
            members.append(("suggestedContentType", .string(suggestedContentType.description)))
        }
        if let partName { members.append(("part", .string(partName))) }
        return .object(JSONObject(members))
    }
}
