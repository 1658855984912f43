import Foundation
import SweepCore

/// Reads `--token-file`: its tokens, after warning on stderr (as ssh does for keys) about weak tokens
/// and a file its group or others can read; a file that does not parse is one line, exit status 2.
func readTokenFile(_ path: String) throws -> AccessTokens {
    let tokens: AccessTokens
    do { tokens = try AccessTokens(contentsOfFile: path) } catch { throw badInput("--token-file \(error.description)") }
    for warning in [AccessTokens.permissionWarning(forFile: path)].compactMap({ $0 }) + tokens.weaknessWarnings(file: path) {
        printError(warning + "\n")
    }
    return tokens
}
