// Store throughput benchmark (issue 5, item 7): submit N toy trials, claim them all, then report
// results in batched transactions, and print the rates. Use a release build:
//   swift build -c release && .build/release/lstm-sweep bench-store --trials 20000

import ArgumentParser
import Foundation
import SweepCore
import SweepStore

/// `lstm-sweep bench-store`: measures claims and batched results per second on a temporary database.
struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store", abstract: "Measure store throughput (claims and batched results).",
        shouldDisplay: false)

    @Option(help: "Trials to submit, claim and complete.")
    var trials: Int = 20_000

    @Option(help: "Results per transaction.")
    var batch: Int = 256

    func run() async throws {
        guard trials > 0, batch > 0 else { throw badInput("--trials and --batch must be positive") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-store-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SweepDatabase(path: folder.appendingPathComponent("bench.sqlite").path)
        guard let toy = ExecutorRegistry.execution(forPreset: "toy") else { return }
        let sweep = SweepDefinition(
            name: "bench", preset: "toy", seeds: (0..<UInt64(trials)).map { $0 }, fixed: ["toy.x": .real(1)],
            schema: toy.schema)

        let submitStart = Date()
        _ = try await store.submit(sweep, trials: sweep.expandTrials(), now: Date())
        let submitSeconds = Date().timeIntervalSince(submitStart)

        let claimStart = Date()
        var claims: [Claim] = []
        while let claim = try await store.claimTrial(workerID: "bench", now: Date(), leaseFor: 600) { claims.append(claim) }
        let claimSeconds = Date().timeIntervalSince(claimStart)

        var completions: [TrialCompletion] = []
        for claim in claims {
            let result = try toy.executor.runTrial(claim.assignment, isCancelled: { false })
            completions.append(TrialCompletion(trialID: claim.trialID, token: claim.token, result: result))
        }
        let resultStart = Date()
        var accepted = 0
        for start in stride(from: 0, to: completions.count, by: batch) {
            let slice = Array(completions[start..<min(start + batch, completions.count)])
            accepted += try await store.completeTrials(slice, now: Date()).filter { $0 == .accepted }.count
        }
        let resultSeconds = Date().timeIntervalSince(resultStart)
        func rate(_ count: Int, _ seconds: Double) -> String { String(format: "%.0f/s", Double(count) / seconds) }
        print("trials: \(trials), batch: \(batch)")
        print("submit:  \(rate(trials, submitSeconds)) (\(String(format: "%.2f", submitSeconds)) s)")
        print("claims:  \(rate(claims.count, claimSeconds)) (one transaction each)")
        print("results: \(rate(accepted, resultSeconds)) (\(accepted) accepted, batches of \(batch))")
    }
}
