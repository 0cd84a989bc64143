public import HTTPTypes

/// The header fields of an inference request, for callers that send it themselves.
extension HTTPFields {
    /// The header fields a Deeploy inference request carries: `Content-Type`, `Authorization`
    /// and, when given, `organization-id`, checked exactly as
    /// ``InferenceTarget/makeRequest(endpoint:credentials:contentType:organizationID:accepted:)``
    /// checks them.
    ///
    /// ```swift
    /// let fields = try HTTPFields.deeployRequest(credentials: credentials, contentType: .imagePNG)
    /// // Content-Type: image/png, Authorization: Basic …
    /// ```
    ///
    /// - Throws: ``InferenceRequestError/contentTypeNotAccepted(_:accepted:)`` when `accepted`
    ///   does not accept `contentType`, or an error for an invalid `organizationID`.
    public static func deeployRequest(
        credentials: Credentials,
        contentType: MediaType,
        organizationID: String? = nil,
        accepted: AcceptedMediaTypes = .deeploy
    ) throws(InferenceRequestError) -> HTTPFields {
        // The header fields do not depend on the deployment, so any valid target yields them;
        // building through makeRequest keeps one home for every header check.
        let target = try InferenceTarget(host: "deeploy.invalid", workspaceID: "workspace", deploymentID: "deployment")
        return try target.makeRequest(
            endpoint: .predict, credentials: credentials, contentType: contentType,
            organizationID: organizationID, accepted: accepted
        ).headerFields
    }
}
