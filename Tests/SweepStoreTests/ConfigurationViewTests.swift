import Foundation
import Testing
import SweepCore
@testable import SweepStore

struct ConfigurationViewTests {
    /// Completes every queued trial of the fixture, giving seed i the result `results[i]`.
    static func completeAll(_ fixture: StoreFixture, results: (TrialAssignment) -> TrialResult) async throws {
        while let claim = try await fixture.database.claimTrial(workerID: "w", now: fixture.start, leaseFor: 30) {
            let completion = TrialCompletion(trialID: claim.trialID, token: claim.token, result: results(claim.assignment))
            _ = try await fixture.database.completeTrial(completion, now: fixture.time(1))
        }
    }

    @Test func medianUsesTheMiddleOfSuccessfulTrials() async throws {
        // Given x=1 with sequences 10, 30, 20, 1000(failed) and x=2 with 5, 7, 9, 11
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 4, xs: [1, 2]))
        let table: [Double: [Int]] = [1: [10, 30, 20, 1000], 2: [5, 7, 9, 11]]
        try await Self.completeAll(fixture) { assignment in
            let x = assignment.parameters["toy.x"]?.doubleValue ?? 0
            let sequences = table[x]?[Int(assignment.seed)] ?? 0
            return StoreFixture.result(sequences: sequences, success: sequences < 1000)
        }
        // Then the view shows the paper-style columns
        let reader = try SweepReader(path: fixture.path)
        let rows = try reader.query(
            """
            SELECT json_extract(params, '$."toy.x"'), trials, successes, successRate, medianSequencesToSuccess,
                   minSequencesToSuccess, maxSequencesToSuccess
            FROM configurationView ORDER BY 1
            """
        ).rows
        let first: [ResultTable.Cell] = [.real(1), .integer(4), .integer(3), .real(0.75), .real(20), .integer(10), .integer(30)]
        let second: [ResultTable.Cell] = [.real(2), .integer(4), .integer(4), .real(1), .real(8), .integer(5), .integer(11)]
        #expect(rows[0] == first)
        #expect(rows[1] == second)
    }

    @Test func reportByParameterGroupsAcrossConfigurations() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 2, xs: [1, 2]))
        try await Self.completeAll(fixture) { _ in StoreFixture.result(sequences: 50) }
        let reader = try SweepReader(path: fixture.path)
        let byY = try reader.report(by: ["toy.y"])
        #expect(byY.rows.count == 1)
        #expect(byY.columns.prefix(3) == ["sweep", "toy.y", "trials"])
        #expect(byY.rows[0][2] == .integer(4))
        #expect(throws: StoreError.self) { _ = try reader.report(by: ["toy.nope"]) }
        let csv = try reader.report().rendered(as: .csv)
        #expect(csv.split(separator: "\n").count == 3)
    }
}
