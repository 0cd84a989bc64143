import DeeployPayload
import HTTPTypes
import NIOCore

/// Judges a `multipart/form-data` body part by part, as ``MultipartRules`` says.
struct MultipartJudge {
    let gateway: PayloadGateway
    let fields: HTTPFields
    let contentEncoding: String?

    /// The most headers one part may have; a form part has two or three.
    static let maximumHeaderCount = 32

    nonisolated(nonsending) func judge<Body: AsyncSequence>(form: MultipartForm, body: Body) async throws -> PayloadGateway.Judgment
    where Body.Element == ByteBuffer {
        let typeBase = gateway.problemTypeBase
        func refuse(_ reason: PayloadGate.Reason, partName: String? = nil, bytesRead: Int = 0) -> PayloadGateway.Judgment {
            let refusal = GatewayRefusal(
                status: PayloadGateway.status(for: reason.code), reasons: [reason], partName: partName,
                bytesRead: bytesRead, problemTypeBase: typeBase
            )
            return PayloadGateway.Judgment(outcome: .refuse(refusal))
        }
        if let problem = form.problem { return refuse(problem) }
        if let reason = Self.encodingProblem(contentEncoding) { return refuse(reason) }
        guard let boundary = form.boundary else { return refuse(PayloadGate.Reason(.multipartNoBoundary, "no boundary")) }

        let rules = gateway.multipart
        let partLimit = rules.maximumPartSize ?? gateway.gate.policy.maximumSize
        let reader = MultipartReader(body.makeAsyncIterator(), boundary: boundary, limit: gateway.gate.policy.maximumSize)
        var count = 0
        var chosen: (acceptance: PayloadGate.Acceptance, name: String?, fileName: String?)?
        do {
            while try await reader.peek() != nil {
                count += 1
                if count > rules.maximumPartCount {
                    return refuse(PayloadGate.Reason(
                        .multipartTooManyParts,
                        "the form has more than \(rules.maximumPartCount) parts, the most this gateway reads; send fewer fields or files."
                    ), bytesRead: reader.bytesRead)
                }
                var contentType: String?
                var disposition: ContentDisposition?
                var headerCount = 0
                while case .header(let name, let value)? = try await reader.peek() {
                    _ = try await reader.next()
                    headerCount += 1
                    guard headerCount <= Self.maximumHeaderCount else {
                        return refuse(PayloadGate.Reason(
                            .multipartInvalid, "part \(count) has more than \(Self.maximumHeaderCount) headers; a form part has a Content-Disposition and a Content-Type."
                        ), bytesRead: reader.bytesRead)
                    }
                    switch name.lowercased() {
                    case "content-type": contentType = value
                    case "content-disposition": disposition = ContentDisposition(value)
                    default: break
                    }
                }
                let name = disposition?.name
                let fileName = disposition?.fileName
                let isChosen = chosen == nil && (rules.forwardedPart.map { $0 == name } ?? (fileName != nil))
                let part = PartChunks(reader: reader, limit: partLimit, name: name, number: count)
                guard fileName != nil || isChosen else {
                    for try await _ in part {}
                    continue
                }
                switch try await gateway.gate.judge(contentType: contentType, contentEncoding: nil, body: part) {
                case .accepted(let acceptance):
                    if isChosen { chosen = (acceptance, name, fileName) }
                case .rejected(let rejection):
                    var refusal = GatewayRefusal(rejection, partName: name ?? "part \(count)", problemTypeBase: typeBase)
                    refusal.bytesRead = reader.bytesRead
                    return PayloadGateway.Judgment(outcome: .refuse(refusal), sniffed: rejection.verdict?.sniffed)
                }
            }
        } catch let stop as MultipartStop {
            return refuse(stop.reason, partName: stop.partName, bytesRead: reader.bytesRead)
        }
        guard count > 0 else {
            return refuse(PayloadGate.Reason(
                .multipartInvalid,
                "the body has no part delimited by the boundary \(GatewayText.quoted(boundary)) of its Content-Type; send the form as the encoder built it, with the boundary it chose."
            ), bytesRead: reader.bytesRead)
        }
        guard let chosen else {
            let what = rules.forwardedPart.map { "no part named \(GatewayText.quoted($0)), the field this gateway forwards" }
                ?? "no file part (a part whose Content-Disposition has a filename), which this gateway forwards"
            return refuse(PayloadGate.Reason(.multipartNoFilePart, "the form has \(count) parts but \(what); add the file to the form."), bytesRead: reader.bytesRead)
        }
        let acceptance = GatewayAcceptance(
            body: ByteBuffer(bytes: chosen.acceptance.body), contentType: chosen.acceptance.contentType,
            verdict: chosen.acceptance.verdict, requestFields: fields, partName: chosen.name, fileName: chosen.fileName
        )
        return PayloadGateway.Judgment(outcome: .forward(acceptance), sniffed: chosen.acceptance.verdict.sniffed)
    }

    /// The refusal of a Content-Encoding on a form, or nil when there is none (or `identity`).
    static func encodingProblem(_ value: String?) -> PayloadGate.Reason? {
        guard let value else { return nil }
        let codings = value.split(separator: ",").map { $0.trimmingCharacters(in: " \t").lowercased() }.filter { !$0.isEmpty && $0 != "identity" }
        guard !codings.isEmpty else { return nil }
        return PayloadGate.Reason(
            .unsupportedEncoding,
            "the multipart/form-data body is sent with Content-Encoding \(GatewayText.quoted(value)), which this gateway does not decode for forms; send the form unencoded."
        )
    }
}

extension Substring {
    /// The substring without leading and trailing characters in `set`.
    func trimmingCharacters(in set: String) -> String {
        String(self.drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
