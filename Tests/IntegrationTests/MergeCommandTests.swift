// Issue 14, item 5: `lstm-sweep merge` joins databases from separate machines by trial identity,
// and reports (never picks) a trial with two different outcomes.

import Foundation
import Testing

@Suite(.serialized)
struct MergeCommandTests {
    static func sweep(seeds: Int) -> String {
        "name: shared\npreset: toy\nseeds: \(seeds)\nfixed:\n  toy.fail_rate: 0.3\ngrid:\n  toy.x: [0.5, 2]\n"
    }

    @Test func mergeJoinsTwoMachinesByTrialIdentity() async throws {
        let cluster = try ClusterHarness("merge")
        defer { cluster.shutdown() }
        // Given machine A ran seeds 0-2 and machine B seeds 0-5 of the same sweep, plus a sweep of its own
        let (a, b, c) = (cluster.path("a.sqlite"), cluster.path("b.sqlite"), cluster.path("c.sqlite"))
        #expect(try await cluster.run(["run", try cluster.sweepFile("a", Self.sweep(seeds: 3)), "--db", a]).0 == 0)
        #expect(try await cluster.run(["run", try cluster.sweepFile("b", Self.sweep(seeds: 6)), "--db", b]).0 == 0)
        #expect(try await cluster.run(["run", try cluster.sweepFile("own", "name: own\npreset: toy\nseeds: 2\n"), "--db", b]).0 == 0)
        // When both are merged into a new file
        let (status, output) = try await cluster.run(["merge", a, b, "--into", c])
        #expect(status == 0, "\(output)")
        // Then it has each trial once, with one outcome and the attempts of both machines
        let query = { (sql: String) async throws -> Int in
            let (code, csv) = try await cluster.run(["query", "--db", c, "--format", "csv", sql])
            #expect(code == 0, "\(csv)")
            return Int(csv.split(separator: "\n").last ?? "") ?? -1
        }
        #expect(try await query("SELECT COUNT(*) FROM trial") == 14)
        #expect(try await query("SELECT COUNT(*) FROM outcome") == 14)
        #expect(try await query("SELECT COUNT(*) FROM sweep") == 2)
        #expect(try await query("SELECT COUNT(*) FROM attempt") == 6 + 14)
        #expect(try await query("SELECT COUNT(*) FROM outcome o JOIN attempt a ON a.id = o.attemptId WHERE a.trialId = o.trialId") == 14)
        // And merging again changes nothing
        #expect(try await cluster.run(["merge", a, b, "--into", c]).0 == 0)
        #expect(try await query("SELECT COUNT(*) FROM attempt") == 20)
    }

    @Test func aTrialWithTwoOutcomesIsReportedAndNothingIsWritten() async throws {
        let cluster = try ClusterHarness("merge-conflict")
        defer { cluster.shutdown() }
        let (a, b, c) = (cluster.path("a.sqlite"), cluster.path("b.sqlite"), cluster.path("c.sqlite"))
        let file = try cluster.sweepFile("shared", Self.sweep(seeds: 2))
        #expect(try await cluster.run(["run", file, "--db", a]).0 == 0)
        #expect(try await cluster.run(["run", file, "--db", b]).0 == 0)
        // Given one trial whose outcome differs on machine B (edited with the sqlite3 tool)
        let edit = Process()
        edit.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        edit.arguments = [b, "UPDATE outcome SET sequences = sequences + 1 WHERE trialId = (SELECT MIN(trialId) FROM outcome)"]
        try edit.run()
        edit.waitUntilExit()
        #expect(edit.terminationStatus == 0)
        // When they are merged
        let (status, output) = try await cluster.run(["merge", a, b, "--into", c])
        // Then the conflict is reported with both outcomes, and no database was created
        #expect(status == 1, "\(output)")
        #expect(output.contains("1 conflict(s), nothing merged") && output.contains("of 'shared'") && output.contains(b))
        #expect(!FileManager.default.fileExists(atPath: c))
    }
}
