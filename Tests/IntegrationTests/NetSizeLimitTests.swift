// A net too large to allocate is refused like any inconsistent configuration: one line, exit status 2,
// at `train`, `run --check`, `run`, `submit` and `POST /v1/sweeps` (issue 16, item 6: 1000 blocks of
// 1000 cells asked for terabytes and aborted, and `run --check` called the sweep valid).

import Foundation
import SweepCore
import Testing

struct NetSizeLimitTests {
    static let hugeYAML = """
        name: huge
        preset: "5"
        fixed:
          net.blocks: 1000
          net.cells_per_block: 1000
        """

    @Test func trainRefusesANetOverTheWeightLimit() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(
            ["train", "--preset", "5", "--set", "net.blocks=1000", "--set", "net.cells_per_block=1000"], in: folder)
        CommandLineErrorTests.expectOneLine(output, naming: "weights")
        #expect(output.stderr.contains("at most"), "stderr: \(output.stderr)")
    }

    @Test func trainAcceptsTheLargestPaperNet() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLIProcess.run(["train", "--preset", "2a", "--max-sequences", "1", "--json"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
    }

    @Test func aSweepOverTheLimitIsRefusedEverywhereBeforeAnythingIsWritten() async throws {
        let cluster = try ClusterHarness("huge-net")
        defer { cluster.shutdown() }
        let file = try cluster.sweepFile("huge", Self.hugeYAML)
        let expected = "error: \(file):"
        for arguments in [["run", file, "--check"], ["run", file, "--db", cluster.database]] {
            let (status, output) = try await cluster.run(arguments)
            #expect(status == 2, "\(arguments): \(output)")
            #expect(output.hasPrefix(expected) && output.contains("fails the checks of preset '5'"), "\(arguments): \(output)")
            #expect(output.contains("weights"), "\(arguments): \(output)")
            #expect(output.split(separator: "\n").count == 1, "\(arguments): \(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: cluster.database))
        try await cluster.startCoordinator()
        let (submitted, output) = try await cluster.run(["submit", file, "--coordinator", cluster.url])
        #expect(submitted == 2)
        #expect(output.hasPrefix(expected), "\(output)")
        let (code, body) = try await cluster.post("/v1/sweeps", SubmitRequest(yaml: Self.hugeYAML, fileName: "huge.yaml"))
        #expect(code == 400)
        #expect((try? APICoding.decode(ErrorResponse.self, from: body))?.code == "inconsistent")
        #expect(try await cluster.status()?.sweeps.isEmpty == true)
    }
}
