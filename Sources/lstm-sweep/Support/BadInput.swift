import ArgumentParser
import Foundation

/// Bad input (a sweep file, a flag, a database path): print one line on stderr, exit status 2.
///
/// `ValidationError` would exit with 64; the CLI contract (architecture.md §4) is 2.
func badInput(_ message: String) -> ExitCode {
    let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data("error: \(line)\n".utf8))
    return ExitCode(2)
}

/// Writes text to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

extension ParsableCommand {
    /// Exits for `error` as `exit(withError:)` does, except that an error ArgumentParser reports as a usage
    /// error (its exit 64: unknown option or subcommand, missing or ill-typed value, a `ValidationError`)
    /// goes through `badInput`: one line naming the flag, exit status 2. Help and other clean exits keep
    /// their full text on stdout and status 0; an `ExitCode` a command threw keeps its code and prints nothing.
    static func exitReportingUsageErrors(_ error: any Error) -> Never {
        guard !(error is ExitCode), exitCode(for: error) == .validationFailure else { exit(withError: error) }
        exit(withError: badInput(message(for: error)))
    }
}
