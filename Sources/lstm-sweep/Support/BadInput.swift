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
