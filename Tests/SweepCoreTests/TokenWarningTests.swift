import Foundation
import Testing
@testable import SweepCore

/// Issue 16, item 6: weak tokens and a token file others can read were accepted without a word.
/// Like ssh with a key file, the commands warn on stderr (and go on).
struct TokenWarningTests {
    @Test(arguments: ["password", "12345678", "qwertyuiop", "aaaaaaaaaaaaaaaaaaaaaaaa", "abcdabcdabcdabcdabcdabcd", "4f1c9d2e7b6a"])
    func weakTokensAreWarnedAbout(token: String) {
        let warnings = AccessTokens(worker: token).weaknessWarnings(file: "tokens")
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("the worker token in tokens is weak") == true, "\(warnings)")
    }

    @Test(arguments: ["3f9a0c1e5b7d2468ace13579bdf02468ace13579bdf0a1b2", "Tr0ub4dor&3xkcdCorrectHorseBattery", "k8Jq2LzX9pWm4RtY7vBn"])
    func strongTokensAreNot(token: String) {
        #expect(AccessTokens(worker: token, read: "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d").weaknessWarnings(file: "tokens").isEmpty)
    }

    @Test func theReadTokenIsCheckedToo() {
        let warnings = AccessTokens(worker: "3f9a0c1e5b7d2468ace13579bdf02468", read: "password").weaknessWarnings(file: "t")
        #expect(warnings.count == 1 && warnings[0].contains("the read token in t is weak"))
    }

    @Test(arguments: [(0o644, true), (0o640, true), (0o604, true), (0o600, false), (0o400, false)])
    func aTokenFileOthersCanReadIsWarnedAbout(mode: Int, warned: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)").path
        try "worker=3f9a0c1e5b7d2468ace13579bdf02468\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let warning = AccessTokens.permissionWarning(forFile: path)
        #expect((warning != nil) == warned)
        if warned {
            #expect(warning?.contains(String(format: "mode %o", mode)) == true, "\(String(describing: warning))")
            #expect(warning?.contains("chmod 600") == true)
        }
    }
}
