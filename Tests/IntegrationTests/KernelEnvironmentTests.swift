import Foundation
import Testing

/// `LSTM_SWEEP_KERNEL`: a valid value picks the kernel copy; an unknown one is bad input, reported in one
/// line with exit status 2 before any command runs.
struct KernelEnvironmentTests {
    @Test func unknownKernelIsOneLineAndExitTwo() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("x.sqlite")
        let output = try CLIProcess.run(
            ["run", CommandLineErrorTests.sweeps.appendingPathComponent("toy-example.yaml").path, "--db", database.path],
            in: folder, environment: ["LSTM_SWEEP_KERNEL": "avx512"])
        CommandLineErrorTests.expectOneLine(output, naming: "LSTM_SWEEP_KERNEL=avx512")
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test func portableKernelIsHonoured() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(
            ["bench", "--cases", "4-1", "--repeats", "1", "--steps", "1000", "--json"], in: folder,
            environment: ["LSTM_SWEEP_KERNEL": "portable"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.contains(#""kernel":"portable""#), "stdout: \(output.stdout)")
    }
}
