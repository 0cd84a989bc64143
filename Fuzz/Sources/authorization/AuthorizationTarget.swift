import DeeployPayload
import Foundation
import FuzzSupport

/// Reading an `Authorization` value: the raw input as a value, and as the decoded part of a
/// Basic value and the token of a Bearer value. Whatever parses must render back to a value
/// that parses to the same credentials.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    check(text)
    check("Basic " + Data(bytes).base64EncodedString())
    check("Bearer " + text)
    check("  bAsIc\t" + Data(bytes).base64EncodedString() + " ")
    return 0
}

private func check(_ value: String) {
    switch Result(catching: { () throws(CredentialsError) in try Credentials.parse(authorization: value) }) {
    case .success(let credentials):
        let rendered = credentials.revealedAuthorizationValue()
        do {
            let again = try Credentials.parse(authorization: rendered)
            Invariant.require(again == credentials, "\(rendered.debugDescription) parses to other credentials")
            Invariant.require(again.revealedAuthorizationValue() == rendered, "rendering is not a fixed point")
        } catch {
            Invariant.fail("the rendered value \(rendered.debugDescription) does not parse: \(error)")
        }
        Invariant.require(credentials.authorizationField().value == rendered, "the field's value is not the rendered value")
    case .failure(let error):
        Invariant.require(!error.description.isEmpty, "an empty error message")
    }
}
