package import ArgumentParser

extension ExitCode {
    /// Everything was accepted or valid (for deeploy-send: the deployment answered 2xx).
    package static let accepted = ExitCode(0)
    /// Something was rejected, invalid or unreadable (for deeploy-send also: the call failed or
    /// the answer was an error).
    package static let rejected = ExitCode(1)
    /// The command line itself was wrong.
    package static let usage = ExitCode(2)
}
