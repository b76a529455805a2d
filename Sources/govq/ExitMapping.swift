/// govq's own entry point around swift-argument-parser: the same parsing, help and messages,
/// but a usage error (unknown option, bad value) exits with 2 as the README documents, where
/// the library would use 64 (EX_USAGE).
import ArgumentParser
import Foundation

extension Govq {
    static func main() {
        StandardStreams.reserveClosedDescriptors()
        do {
            var command = try parseAsRoot()
            try command.run()
            if StandardStreams.stderrFailed { Foundation.exit(ExitStatus.dataProblem.rawValue) }
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                StandardStreams.err(message.hasSuffix("\n") ? message : message + "\n")
                Foundation.exit(ExitStatus.usageOrQuery.rawValue)
            }
            exit(withError: error)
        }
    }
}
