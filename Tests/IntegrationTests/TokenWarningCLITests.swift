import Foundation
import Testing

/// Issue 16, item 6: a weak token or a token file others can read gets a warning on stderr, as ssh
/// gives for a key file; the command goes on.
struct TokenWarningCLITests {
    func status(tokenFile contents: String, mode: Int) throws -> CLIProcess.Output {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tokens").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        // Nothing listens on the port: the command fails after reading the token file.
        let port = try FreePort.find()
        return try CLIProcess.run(["status", "--coordinator", "http://127.0.0.1:\(port)", "--token-file", "tokens"], in: folder)
    }

    @Test func weakTokenInAFileOthersCanReadGivesTwoWarnings() throws {
        let output = try status(tokenFile: "worker=password\n", mode: 0o644)
        #expect(output.stderr.contains("warning: the token file tokens can be read by its group or others (mode 644)"), "\(output.stderr)")
        #expect(output.stderr.contains("warning: the worker token in tokens is weak"), "\(output.stderr)")
    }

    @Test func strongTokenInAPrivateFileGivesNone() throws {
        let output = try status(tokenFile: "worker=3f9a0c1e5b7d2468ace13579bdf02468ace13579\n", mode: 0o600)
        #expect(!output.stderr.contains("warning:"), "\(output.stderr)")
    }
}
