import Foundation
import Testing

/// `lstm-sweep net` and `lstm-sweep grad` as a user runs them: a network file round trip, and
/// one-line errors naming the file and field for malformed input.
struct GradCommandTests {
    static var examples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
    }

    @Test func gradPrintsOutputsAndGradientForTheExample() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(
            ["grad", "--network", Self.examples.appendingPathComponent("net-4-1.json").path,
             "--sequence", Self.examples.appendingPathComponent("seq-adding.json").path], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["weightCount"] as? Int == 93)
        #expect((json["gradient"] as? [Double])?.count == 93)
        #expect((json["outputs"] as? [[Double]])?.count == 5)
    }

    @Test func netWritesAFileThatGradReads() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try CLIProcess.run(
            ["net", "--inputs", "3", "--outputs", "2", "--blocks", "2", "--cells-per-block", "1", "--seed", "4", "-o", "n.json"],
            in: folder)
        #expect(made.status == 0)
        let sequence = #"{"format": "lstm-sweep-sequence/1", "active": [0, 2, -1], "targets": [null, [1, 0], [0, 1]]}"#
        try sequence.write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let output = try CLIProcess.run(["grad", "--network", "n.json", "--sequence", "s.json"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
    }

    static let malformed: [(String, String)] = [
        (#"{"format": "lstm-sweep-network/1", "topology": {}, "weights": []}"#, "topology.inputs"),
        (#"{"format": "lstm-sweep-network/2"}"#, "format"),
        (#"{"format": "lstm-sweep-network/1", "colour": 1}"#, "colour"),
        ("not json", "not valid JSON"),
    ]

    @Test(arguments: 0..<4)
    func malformedNetworkFileIsOneLineAndExitTwo(index: Int) throws {
        let (text, field) = Self.malformed[index]
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let output = try CLIProcess.run(
            ["grad", "--network", "bad.json", "--sequence", Self.examples.appendingPathComponent("seq-adding.json").path],
            in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.split(separator: "\n").count == 1, "stderr: \(output.stderr)")
        #expect(output.stderr.contains("bad.json") && output.stderr.contains(field), "stderr: \(output.stderr)")
    }
}
