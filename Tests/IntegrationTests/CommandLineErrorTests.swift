import Foundation
import Testing

/// Command-line errors that ArgumentParser detects (unknown option or subcommand, missing or ill-typed
/// value, a `ValidationError` from `validate()`) follow the bad-input rule: one line on stderr naming
/// the flag or argument, exit status 2, nothing on stdout and nothing written. Help still exits 0.
struct CommandLineErrorTests {
    /// `sweeps/` of the package.
    static var sweeps: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sweeps")
    }

    /// Runs `arguments` in a fresh temporary folder and checks the bad-input contract: exit status 2,
    /// stdout empty, stderr exactly one non-empty line that contains `named`.
    static func expectOneLineUsageError(_ arguments: [String], naming named: String) throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(arguments, in: folder)
        expectOneLine(output, naming: named)
    }

    /// The checks of `expectOneLineUsageError` on an output already collected.
    static func expectOneLine(_ output: CLIProcess.Output, naming named: String) {
        #expect(output.status == 2, "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty, "stdout: \(output.stdout)")
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty && !lines[0].isEmpty, "stderr: \(output.stderr)")
        #expect(output.stderr.hasPrefix("error: "), "stderr: \(output.stderr)")
        #expect(output.stderr.contains(named), "stderr: \(output.stderr)")
    }

    @Test func unknownOptionIsOneLineAndExitTwo() throws {
        try Self.expectOneLineUsageError(["train", "--preset", "6a", "--bogus"], naming: "--bogus")
    }

    @Test func missingRequiredOptionIsOneLineAndExitTwo() throws {
        try Self.expectOneLineUsageError(["train"], naming: "--preset")
    }

    @Test func watchStatesBelowOneIsOneLineAndExitTwo() throws {
        try Self.expectOneLineUsageError(["train", "--preset", "2c-1", "--watch-states", "0"], naming: "--watch-states")
    }

    @Test func unknownSubcommandIsOneLineAndExitTwo() throws {
        try Self.expectOneLineUsageError(["trian"], naming: "'trian'")
    }

    @Test func validationErrorFromValidateIsOneLineAndExitTwo() throws {
        try Self.expectOneLineUsageError(["bench", "--length", "0"], naming: "--length")
    }

    @Test func inputErrorFromValidateIsOneLineAndExitTwo() throws {
        try Self.expectOneLineUsageError(["net", "--input-gate-bias", "x"], naming: "--input-gate-bias")
    }

    @Test func nonIntegerJobsIsOneLineExitTwoAndWritesNoDatabase() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("x.sqlite")
        let output = try CLIProcess.run(
            ["run", "--jobs", "abc", Self.sweeps.appendingPathComponent("quickstart.yaml").path, "--db", database.path],
            in: folder)
        Self.expectOneLine(output, naming: "--jobs")
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test(arguments: [["train", "--help"], ["train", "-h"], ["help", "train"]])
    func subcommandHelpExitsZeroWithUsageOnStdout(arguments: [String]) throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(arguments, in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stderr.isEmpty, "stderr: \(output.stderr)")
        #expect(output.stdout.contains("USAGE: lstm-sweep train") && output.stdout.contains("--preset"),
                "stdout: \(output.stdout)")
        #expect(output.stdout.split(separator: "\n").count > 3, "stdout: \(output.stdout)")
    }

    /// `export` writes CSV or JSON Lines only; its help offers just those, and any other format is a
    /// one-line error (issue 16, item 6: the help listed table, markdown and json too).
    @Test(arguments: ["table", "markdown", "json", "xml"])
    func exportFormatOtherThanCSVOrJSONLinesIsOneLineAndExitTwo(format: String) throws {
        try Self.expectOneLineUsageError(["export", "--format", format], naming: "--format")
    }

    @Test func exportHelpOffersOnlyTheFormatsItWrites() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(["export", "--help"], in: folder)
        #expect(output.status == 0)
        let help = output.stdout.split(separator: "\n").joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("values: csv, jsonl;"), "stdout: \(output.stdout)")
        for format in ["table", "markdown", "json,"] { #expect(!help.contains(format), "stdout: \(output.stdout)") }
    }
}
