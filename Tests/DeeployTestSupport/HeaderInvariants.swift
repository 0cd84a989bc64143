import DeeployPayload
import Foundation

/// What the header readers and the request target promise about one value, shared by the
/// mutation fuzz tests and the `media-type`, `authorization` and `inference-target` fuzz targets.
public enum HeaderInvariants {
    /// Checks one Content-Type value; true when it parses.
    ///
    /// The failable and throwing parsers agree; a parsed value's serialisation parses back to
    /// an equal value, hashes alike and is a fixed point; the header normaliser agrees with the
    /// parser on values without CR, LF or NUL, and refuses those; errors have a message.
    @discardableResult
    public static func checkMediaType(_ string: String, into recorder: inout some InvariantRecorder) -> Bool {
        let forbidden = string.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
        let normalized: MediaType?
        do {
            normalized = try ContentTypeHeader.normalize([string])
        } catch {
            normalized = nil
            recorder.check(!error.description.isEmpty, "an empty error message")
        }
        do {
            let value = try MediaType.parse(string)
            recorder.check(MediaType(string) == value, "MediaType(_:) and MediaType.parse disagree on \(string.debugDescription)")
            let again = MediaType(value.description)
            recorder.check(again == value, "\(value.description.debugDescription) parses to \(String(describing: again)), not \(value)")
            recorder.check(again?.description == value.description, "serialising is not a fixed point: \(value.description.debugDescription)")
            recorder.check(again?.hashValue == value.hashValue, "equal media types hash differently")
            recorder.check(value.withoutParameters.essence == value.essence, "dropping parameters changed the essence")
            if forbidden {
                recorder.check(normalized == nil, "a value with CR, LF or NUL was normalised: \(string.debugDescription)")
            } else {
                recorder.check(normalized == value, "the normaliser gives \(String(describing: normalized)), the parser \(value)")
                let twice = try? ContentTypeHeader.normalize([string, value.description])
                recorder.check(twice == value, "a value and its normal form conflict: \(string.debugDescription)")
            }
            return true
        } catch {
            recorder.check(MediaType(string) == nil, "MediaType(_:) accepts what MediaType.parse rejects: \(string.debugDescription)")
            recorder.check(!error.description.isEmpty, "an empty error message")
            recorder.check(normalized == nil, "the normaliser accepts what the parser rejects: \(string.debugDescription)")
            return false
        }
    }

    /// Checks one Authorization value; true when it parses. Whatever parses renders back to a
    /// value that parses to the same credentials, and rendering is a fixed point.
    @discardableResult
    public static func checkAuthorization(_ value: String, into recorder: inout some InvariantRecorder) -> Bool {
        do {
            let credentials = try Credentials.parse(authorization: value)
            let rendered = credentials.revealedAuthorizationValue()
            let again = try? Credentials.parse(authorization: rendered)
            recorder.check(again == credentials, "\(rendered.debugDescription) parses to other credentials")
            recorder.check(again?.revealedAuthorizationValue() == rendered, "rendering is not a fixed point")
            recorder.check(credentials.authorizationField().value == rendered, "the header field's value is not the rendered value")
            return true
        } catch {
            recorder.check(!error.description.isEmpty, "an empty error message")
            return false
        }
    }

    /// Checks one host and pair of ids; true when they make a target.
    ///
    /// Every input is either refused with a typed error, or gives a URL that goes to
    /// `https://api.HOST` and to exactly the deployment's path, with no other host, path
    /// segment, user, query or fragment (checked by Foundation's URL parser).
    @discardableResult
    public static func checkTarget(host: String, workspace: String, deployment: String, into recorder: inout some InvariantRecorder) -> Bool {
        let target: InferenceTarget
        do {
            target = try InferenceTarget(host: host, workspaceID: workspace, deploymentID: deployment)
        } catch {
            recorder.check(!error.description.isEmpty, "an empty error message")
            return false
        }
        let inputs = "host \(host.debugDescription), ids \(workspace.debugDescription) and \(deployment.debugDescription)"
        recorder.check(target.host == host.lowercased(), "the host \(target.host.debugDescription) is not the given one lowercased: \(inputs)")
        recorder.check(target.host.utf8.allSatisfy(allowedInHost.contains), "the host keeps a character outside a DNS name and port: \(inputs)")
        for id in [target.workspaceID, target.deploymentID] {
            recorder.check(id != "." && !id.contains(".."), "an id with a dot segment was accepted: \(inputs)")
        }

        let url = target.url(for: .predict)
        guard let components = URLComponents(string: url) else {
            recorder.check(false, "\(url.debugDescription) is not a URL: \(inputs)")
            return true
        }
        let name = target.host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        let port = target.host.split(separator: ":", maxSplits: 1).dropFirst().first.flatMap { Int($0) }
        recorder.check(components.scheme == "https", "\(url) is not https: \(inputs)")
        recorder.check(components.host == "api." + name, "\(url) goes to another host: \(inputs)")
        recorder.check(components.port == port, "\(url) has port \(String(describing: components.port)): \(inputs)")
        recorder.check(components.user == nil && components.password == nil, "\(url) carries a user: \(inputs)")
        recorder.check(components.query == nil && components.fragment == nil, "\(url) has a query or fragment: \(inputs)")
        recorder.check(components.percentEncodedPath == target.path(for: .predict), "\(url) has another path: \(inputs)")
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        recorder.check(
            segments == ["", "workspaces", target.workspaceID, "deployments", target.deploymentID, "predict"],
            "\(url) has path segments \(segments): \(inputs)")
        return true
    }

    /// What a host may hold after normalisation: a lowercase DNS name and a port.
    private static let allowedInHost = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:".utf8)
}
