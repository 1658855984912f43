import Foundation
import Testing

/// Every sweep file shipped in sweeps/ is valid against the real preset schemas of the executable
/// (SweepCoreTests can only check the toy presets; LSTM presets are known to the executable alone).
struct SweepFilesTests {
    static var sweepsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sweeps")
    }

    static var sweepFiles: [String] {
        // Subfolders too (sweeps/paper/), as relative paths.
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: sweepsFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func quickstartIsShipped() {
        #expect(Self.sweepFiles.contains("quickstart.yaml"))
    }

    @Test(arguments: SweepFilesTests.sweepFiles)
    func shippedSweepFileIsValid(name: String) throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = Self.sweepsFolder.appendingPathComponent(name).path
        let output = try CLIProcess.run(["run", path, "--check", "--db", "results.sqlite"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.contains("valid"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.sqlite").path))
    }

    @Test func unknownLSTMParameterIsRefusedWithItsLocation() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "name: bad\npreset: \"4-1\"\nseeds: 1\ngrid:\n  net.blockz: [1, 2]\n"
        try yaml.write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let output = try CLIProcess.run(["run", "bad.yaml", "--db", "results.sqlite"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("bad.yaml:5:3"), "stderr: \(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.sqlite").path))
    }
}
