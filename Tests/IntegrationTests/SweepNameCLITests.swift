import Foundation
import Testing

/// A sweep name typed on the command line is the same sweep in either Unicode spelling (NFC or NFD),
/// as it is in sweep files and URL paths (docs/api.md, "Sweep names").
struct SweepNameCLITests {
    @Test func exportAndReportFindASweepByItsDecomposedName() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given a sweep named café (NFC in the file), run to the end
        try "name: caf\u{E9}\npreset: toy\nseeds: 2\n".write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLIProcess.run(["run", "s.yaml", "--db", "r.sqlite"], in: folder).status == 0)
        // When it is named with a combining accent (NFD), as a macOS shell may pass it
        let decomposed = "cafe\u{301}"
        let export = try CLIProcess.run(["export", "--db", "r.sqlite", "--sweep", decomposed, "--format", "jsonl"], in: folder)
        let report = try CLIProcess.run(["report", "--db", "r.sqlite", "--sweep", decomposed], in: folder)
        // Then both find its two trials
        #expect(export.status == 0)
        #expect(export.stdout.split(separator: "\n").count == 2)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("caf\u{E9}"))
    }
}
