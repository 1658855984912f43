import Foundation
import SweepCore
import SweepStore

/// A real on-disk database in a fresh temporary folder, with a toy sweep definition.
struct StoreFixture {
    let folder: URL
    let database: SweepDatabase
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    static let schema = ParameterSchema([
        "toy.x": .init(.real(-100...100)),
        "toy.y": .init(.integer(0...1_000_000)),
    ])

    init(policy: LeasePolicy = .standard) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweepstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try SweepDatabase(path: folder.appendingPathComponent("results.sqlite").path, policy: policy)
    }

    var path: String { database.path }

    static func sweep(name: String = "s", seeds: Int = 3, xs: [Double] = [1, 2], fixedY: Int = 5) -> SweepDefinition {
        SweepDefinition(
            name: name, preset: "toy", seeds: (0..<UInt64(seeds)).map { $0 }, fixed: ["toy.y": .int(fixedY)],
            grid: [.init(name: "toy.x", values: xs.map { .real($0) })], schema: schema)
    }

    @discardableResult
    func submit(_ sweep: SweepDefinition) async throws -> SubmitSummary {
        try await database.submit(sweep, trials: sweep.expandTrials(), now: start)
    }

    func time(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    static func result(sequences: Int = 100, success: Bool = true) -> TrialResult {
        TrialResult(
            success: success, stopReason: success ? .success : .budget, sequences: sequences, testWrong: 0, testSize: 10,
            curve: [LearningCurvePoint(sequences: sequences, trainingLoss: 0.1)])
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
