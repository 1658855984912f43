import Foundation
import Testing

/// Each malformed sweep file must give one line naming file:line:column, exit status 2, and no database.
struct MalformedSweepTests {
    static let cases: [(String, String)] = [
        ("unknown-parameter", "name: a\npreset: toy\nfixed:\n  toy.nope: 1\n"),
        ("wrong-type-int", "name: a\npreset: toy\nfixed:\n  toy.y: 1.5\n"),
        ("wrong-type-bool", "name: a\npreset: toy\nfixed:\n  toy.flag: maybe\n"),
        ("out-of-range", "name: a\npreset: toy\ngrid:\n  toy.x: [1, 200]\n"),
        ("unknown-preset", "name: a\npreset: 9-9\n"),
        ("missing-preset", "name: a\nseeds: 2\n"),
        ("missing-name", "preset: toy\n"),
        ("bad-name", "name: 'a b'\npreset: toy\n"),
        ("zero-seeds", "name: a\npreset: toy\nseeds: 0\n"),
        ("negative-seed", "name: a\npreset: toy\nseeds: [1, -2]\n"),
        ("duplicate-seed", "name: a\npreset: toy\nseeds: [1, 1]\n"),
        ("unknown-top-key", "name: a\npreset: toy\ngird:\n  toy.x: [1]\n"),
        ("empty-grid-values", "name: a\npreset: toy\ngrid:\n  toy.x: []\n"),
        ("grid-not-list", "name: a\npreset: toy\ngrid:\n  toy.x: 1\n"),
        ("yaml-syntax", "name: a\npreset: toy\ngrid:\n  toy.x: [1, 2\n"),
        ("duplicate-key", "name: a\nname: b\npreset: toy\n"),
        ("choice-outside-options", "name: a\npreset: toy\nfixed:\n  toy.mode: wild\n"),
        ("set-twice", "name: a\npreset: toy\nfixed:\n  toy.x: 1\ngrid:\n  toy.x: [1, 2]\n"),
        ("random-no-count", "name: a\npreset: toy\nrandom:\n  params:\n    toy.x: {uniform: [0, 1]}\n"),
        ("random-bad-distribution", "name: a\npreset: toy\nrandom:\n  count: 2\n  params:\n    toy.x: {normal: [0, 1]}\n"),
        ("log-uniform-nonpositive", "name: a\npreset: toy\nrandom:\n  count: 2\n  params:\n    toy.x: {log_uniform: [0, 1]}\n"),
        ("uniform-reversed", "name: a\npreset: toy\nrandom:\n  count: 2\n  params:\n    toy.x: {uniform: [1, 0]}\n"),
        ("budget-negative", "name: a\npreset: toy\nbudget:\n  max_sequences: -5\n"),
        ("budget-unknown-key", "name: a\npreset: toy\nbudget:\n  max_epochs: 5\n"),
        ("list-too-long", "name: a\npreset: toy\nfixed:\n  toy.biases: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"),
        ("root-not-mapping", "- name: a\n"),
        // Issue 16, defect 2: ten nested anchors of nine aliases, used as a key (ran for minutes).
        ("alias-bomb-key", aliasBomb),
        ("nested-too-deep", "name: a\npreset: toy\nx: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"),
    ]

    static var aliasBomb: String {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return yaml + "*a9 : 1\nname: bomb\npreset: toy\n"
    }

    @Test(arguments: MalformedSweepTests.cases)
    func malformedSweepFailsWithLocationAndExitTwo(name: String, yaml: String) throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = "\(name).yaml"
        try yaml.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)

        let output = try CLIProcess.run(["run", file, "--db", "results.sqlite", "--jobs", "1"], in: folder)

        #expect(output.status == 2)
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(output.stderr)")
        let located = try Regex("^error: \(name)\\.yaml:[0-9]+:[0-9]+: .+")
        #expect(output.stderr.contains(located), "stderr: \(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.sqlite").path))
    }

    @Test func badFlagExitsTwoAndWritesNothing() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: a\npreset: toy\n".write(to: folder.appendingPathComponent("ok.yaml"), atomically: true, encoding: .utf8)
        let output = try CLIProcess.run(["run", "ok.yaml", "--db", "results.sqlite", "--jobs", "0"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--jobs"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.sqlite").path))
    }
}
