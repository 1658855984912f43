import Testing
@testable import SweepCore

/// The token file (docs/api.md, "Tokens"): the documented example parses as written, any line ending
/// works, and each key may appear once (issue 16, item 6).
struct AccessTokensTests {
    /// The example of docs/api.md, with real tokens in place of the elided ones.
    static let documentedExample = """
        # lines are key=value; '#' starts a comment
        worker=4f1c9d2e7b6a   # claim, heartbeat, result, release, submit, cancel, and every read route
        read=9a8b7c6d5e4f     # status and metrics only (optional)

        """

    @Test func documentedExampleWithInlineCommentsParses() throws {
        let tokens = try AccessTokens(parsing: Self.documentedExample)
        #expect(tokens == AccessTokens(worker: "4f1c9d2e7b6a", read: "9a8b7c6d5e4f"))
    }

    @Test func crlfLineEndingsParse() throws {
        let text = Self.documentedExample.replacingOccurrences(of: "\n", with: "\r\n")
        let tokens = try AccessTokens(parsing: text)
        #expect(tokens == AccessTokens(worker: "4f1c9d2e7b6a", read: "9a8b7c6d5e4f"))
    }

    @Test func hashInsideATokenIsPartOfIt() throws {
        #expect(try AccessTokens(parsing: "worker=abcd#efgh\n").worker == "abcd#efgh")
    }

    @Test(arguments: [
        ("worker=abcdefgh\nread=12345678\nworker=zyxwvuts\n", 3),
        ("# two workers\nworker=abcdefgh\r\nworker=abcdefgh\r\n", 3),
        ("read=12345678\nworker=abcdefgh\nread=87654321\n", 3),
    ])
    func repeatedKeyIsAnErrorNamingTheLine(text: String, line: Int) {
        let error = #expect(throws: SweepError.self) { try AccessTokens(parsing: text, file: "tokens") }
        #expect(error?.location?.line == line)
        #expect(error?.description.hasPrefix("tokens:\(line):1: ") == true, "\(String(describing: error))")
        #expect(error?.description.contains("once") == true, "\(String(describing: error))")
    }
}
