import DeeployPayload
import Foundation
import FuzzSupport

/// Building a request target from a host, a workspace id and a deployment id: the input's
/// lines, in that order (missing ones take a valid default). Every input is either refused
/// with a typed error, or gives a URL that goes to `https://api.HOST` and to exactly the
/// deployment's path, with no other host, path segment, query or fragment.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let lines = UnsafeBufferPointer(start: data, count: size).split(separator: 0x0A, omittingEmptySubsequences: false)
    func line(_ index: Int, default fallback: String) -> String {
        index < lines.count ? String(decoding: lines[index], as: UTF8.self) : fallback
    }
    check(host: line(0, default: "example.deeploy.ml"), workspace: line(1, default: "ws-1"), deployment: line(2, default: "dep-1"))
    return 0
}

private func check(host: String, workspace: String, deployment: String) {
    let target: InferenceTarget
    do {
        target = try InferenceTarget(host: host, workspaceID: workspace, deploymentID: deployment)
    } catch {
        Invariant.require(!error.description.isEmpty, "an empty error message")
        return
    }
    let inputs = "host \(host.debugDescription), ids \(workspace.debugDescription) and \(deployment.debugDescription)"
    Invariant.require(target.host == host.lowercased(), "the host is not the given one lowercased: \(inputs)")
    Invariant.require(target.host.utf8.allSatisfy { allowedInHost.contains($0) }, "the host keeps a character outside a DNS name and port: \(inputs)")
    for id in [target.workspaceID, target.deploymentID] {
        Invariant.require(id != "." && !id.contains(".."), "an id with a dot segment was accepted: \(inputs)")
    }
    let url = target.url(for: .predict)
    guard let components = URLComponents(string: url) else { Invariant.fail("\(url.debugDescription) is not a URL: \(inputs)") }
    let parts = target.host.split(separator: ":", maxSplits: 1)
    Invariant.require(components.scheme == "https", "\(url) is not https")
    Invariant.require(components.host == "api." + (parts.first.map(String.init) ?? ""), "\(url) goes to another host")
    Invariant.require(components.port == parts.dropFirst().first.flatMap { Int($0) }, "\(url) has another port")
    Invariant.require(components.user == nil && components.query == nil && components.fragment == nil, "\(url) has a user, query or fragment")
    Invariant.require(
        components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            == ["", "workspaces", target.workspaceID, "deployments", target.deploymentID, "predict"],
        "\(url) has another path")
}

private let allowedInHost = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:".utf8)
