import Foundation
import Testing

/// `report --paper` on a database that `run` filled from a multi-sweep table file, as a user does it.
struct PaperReportTests {
    /// Table 2's RTRL rows with a tiny budget: p = 10 (paper: 0 %, so no success reproduces it), p = 4
    /// at the paper's learning rates 1.0 and 4.0 (78 % and 56 %: 0 of 2 does not), p = 4 at 2.0,
    /// which is no paper row, and a reading of the row at 1.0 (A23's timing; 0 of 3 to the budget).
    static let table = """
        name: rtrl-p10
        preset: "2a-rtrl-p10"
        seeds: 2
        budget:
          max_sequences: 20
        ---
        name: rtrl-p4
        preset: "2a-rtrl-p4"
        seeds: 2
        grid:
          train.learning_rate: [1.0, 4.0, 2.0]
        budget:
          max_sequences: 20
        ---
        name: rtrl-p4-timing
        preset: "2a-rtrl-p4"
        seeds: 3
        fixed:
          train.learning_rate: 1.0
          net.output_timing: previous_step
        budget:
          max_sequences: 20
        """

    static func filledDatabase() throws -> URL {
        let folder = try CLIProcess.temporaryFolder()
        try table.write(to: folder.appendingPathComponent("table.yaml"), atomically: true, encoding: .utf8)
        let run = try CLIProcess.run(["run", "table.yaml", "--db", "paper.sqlite", "--jobs", "2"], in: folder)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        return folder
    }

    @Test func tableFormatSetsEachRowBesideThePaper() throws {
        let folder = try Self.filledDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(["report", "--paper", "--db", "paper.sqlite"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("table") == true)
        let p10 = try #require(lines.first { $0.contains("2a-rtrl-p10") })
        #expect(p10.contains("0/2 (0%)") && p10.hasSuffix("reproduced") && !p10.contains("not reproduced"))
        // Both p = 10 trials stopped at their 20-sequence budget, and the table says so
        let header = try #require(lines.first)
        #expect(header.contains("at budget"))
        #expect(p10.range(of: #"\[0%, 65\.8%\]\s+2\s"#, options: .regularExpression) != nil, "\(p10)")
        let p4 = try #require(lines.first { $0.contains("2a-rtrl-p4 learning_rate=1.0") })
        #expect(p4.contains("78%") && p4.contains("1,043,000"))
        #expect(p4.hasSuffix("not reproduced: success rate, sequences"))
        #expect(lines.contains { $0.contains("2a-rtrl-p4 learning_rate=4.0") && $0.contains("892,000") })
        #expect(!lines.contains { $0.contains("learning_rate=2.0") })
        #expect(output.stdout.contains("1 configuration(s) of paper presets match no paper row"))
        #expect(output.stdout.contains("1 reading(s) of paper rows"), "\(output.stdout)")
        #expect(!lines.contains { $0.contains("previous_step") })
    }

    @Test func readingsStandBesideTheRowTheyDepartFrom() throws {
        let folder = try Self.filledDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(["report", "--paper", "--readings", "--db", "paper.sqlite"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("table") == true && lines.first?.contains("reading") == true)
        let reading = try #require(lines.first { $0.contains(#"net.output_timing="previous_step""#) })
        #expect(reading.contains("2a-rtrl-p4 learning_rate=1.0") && reading.contains("0/3 (0%)"))
        #expect(reading.contains("78%") && reading.contains("1,043,000"))
        #expect(reading.hasSuffix("not reproduced: success rate, sequences"))
        #expect(!lines.contains { $0.contains("2a-rtrl-p10") })  // rows are not readings

        let json = try CLIProcess.run(
            ["report", "--paper", "--readings", "--db", "paper.sqlite", "--format", "json"], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect((rows.first?["reading"] as? [String: String]) == ["net.output_timing": "previous_step"])
        #expect(rows.first?["sweeps"] as? [String] == ["rtrl-p4-timing"] && rows.first?["trials"] as? Int == 3)
    }

    @Test func readingsNeedPaper() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(["report", "--readings", "--db", "paper.sqlite"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--readings") && output.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("paper.sqlite").path))
    }

    @Test func jsonFormatGivesNumbers() throws {
        let folder = try Self.filledDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(["report", "--paper", "--db", "paper.sqlite", "--format", "json"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["row"] as? String } == ["2a-rtrl-p4 learning_rate=1.0", "2a-rtrl-p4 learning_rate=4.0", "2a-rtrl-p10"])
        let p10 = try #require(rows.last)
        #expect(p10["trials"] as? Int == 2 && p10["successes"] as? Int == 0 && p10["atBudget"] as? Int == 2)
        #expect(p10["paperSuccessRate"] as? Double == 0 && p10["paperTrials"] as? Int == 18)
        #expect((p10["successHigh"] as? Double).map { abs($0 - 0.6576) < 1e-4 } == true)  // Wilson 0 of 2
        #expect(p10["sweeps"] as? [String] == ["rtrl-p10"])
    }

    @Test func paperTakesNoSweepFilter() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(["report", "--paper", "--sweep", "x", "--db", "paper.sqlite"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--paper"))
    }
}
