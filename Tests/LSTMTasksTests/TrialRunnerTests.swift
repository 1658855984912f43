import Dispatch
import LSTMCore
import Testing

@testable import LSTMTasks

/// A learner that outputs NaN: stands in for a diverged net, and exercises the factory extension point.
private final class NaNLearner: SequenceLearner {
    var stepOutputs: [Double] = []
    var weightCount: Int { 1 }
    var weights: [Double] { [.nan] }
    var weightsAreFinite: Bool { false }
    func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats {
        evaluate(sequence)
    }
    func evaluate(_ sequence: SequenceExample) -> SequenceStats {
        stepOutputs = [Double](repeating: .nan, count: sequence.length * sequence.outputCount)
        var stats = SequenceStats()
        stats.squaredError = .nan
        stats.steps = sequence.length
        return stats
    }
    func gradient(for sequence: SequenceExample) -> [Double] { [0] }
}

/// TrialRunner: determinism, stop reasons, cancellation, and the learner extension point.
struct TrialRunnerTests {
    @Test(arguments: ["1-5", "2a", "2c-1", "3b", "4-1", "5", "6b"])
    func sameSpecGivesIdenticalOutcomes(_ preset: String) {
        let spec = TrialSpec(preset: preset, parameters: ["train.curve_every": .int(50)], seed: 42, maxSequences: 300)
        let a = TrialRunner().run(spec), b = TrialRunner().run(spec)
        #expect(a.stopReason == .budget || a.stopReason == .success)
        #expect(a.sequences > 0 && a.steps > 0 && !a.curve.isEmpty)
        #expect(a == b)
    }

    @Test func twoThreadsAtOnceGiveTheSameOutcome() {
        let spec = TrialSpec(preset: "6a", seed: 7, maxSequences: 400)
        let reference = TrialRunner().run(spec)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { i in results.set(i, TrialRunner().run(spec)) }
        #expect(results.all.count == 2)
        #expect(results.all.allSatisfy { $0 == reference })
    }

    @Test func differentSeedsGiveDifferentOutcomes() {
        let a = TrialRunner().run(TrialSpec(preset: "4-1", seed: 1, maxSequences: 100))
        let b = TrialRunner().run(TrialSpec(preset: "4-1", seed: 2, maxSequences: 100))
        #expect(a.curve != b.curve || a.test != b.test)
    }

    @Test func budgetStopsTheTrialAndRunsTheTest() {
        let o = TrialRunner().run(TrialSpec(preset: "3a", seed: 3, maxSequences: 50))
        #expect(o.stopReason == .budget && !o.success && o.sequences == 50)
        #expect(o.test?.size == 2560)
        #expect(o.weightCount == 102 && o.precision == "float64")
    }

    @Test func cancellationStopsAtTheNextCheck() {
        let control = TrialControl(every: 10, isCancelled: { true })
        let o = TrialRunner().run(TrialSpec(preset: "6a", seed: 1, maxSequences: 1000), control: control)
        #expect(o.stopReason == .cancelled && o.sequences == 10)
    }

    @Test func progressIsReported() {
        let counter = Results()
        let control = TrialControl(every: 25, isCancelled: { false }) { p in counter.set(p.sequences, nil) }
        _ = TrialRunner().run(TrialSpec(preset: "4-1", seed: 1, maxSequences: 100), control: control)
        #expect(counter.keys == [25, 50, 75, 100])
    }

    @Test func nanIsDivergedNotACrash() {
        let factory = LearnerFactory.standard.adding(kind: "nan") { _, _ in NaNLearner() }
        let spec = TrialSpec(preset: "4-1", parameters: ["net.kind": .string("nan")], seed: 1, maxSequences: 100)
        let o = TrialRunner(factory: factory).run(spec)
        #expect(o.stopReason == .diverged && !o.success && o.sequences == 1)
        #expect(o.method == "nan")
    }

    @Test func unknownKindIsAnError() {
        let o = TrialRunner(factory: .lstmOnly).run(TrialSpec(preset: "4-1", parameters: ["net.kind": .string("rtrl")], seed: 1))
        #expect(o.stopReason == .error)
    }

    @Test func baselineKindsTrainThroughTheSameRunner() {
        let o = TrialRunner().run(TrialSpec(preset: "2a-rtrl-p4", seed: 1, maxSequences: 200))
        #expect(o.method == "rtrl" && o.weightCount == 36 && o.sequencesTrained == 200)
        let b = TrialRunner().run(TrialSpec(preset: "4-1", parameters: ["net.kind": .string("bptt"), "net.hidden_units": .int(3)], seed: 1, maxSequences: 20))
        #expect(b.method == "bptt" && b.stopReason == .budget)
    }

    @Test func sequentialConstructionAddsTheCellWhenTheErrorStalls() {
        let o = TrialRunner().run(TrialSpec(preset: "2a", parameters: ["task.p": .int(10)], seed: 5, maxSequences: 3000))
        #expect(o.milestones["cell_added"] != nil)
        #expect(o.weightCount == 11 * 12 + 2 * 11)  // (p+1)(p+1+1) + 2(p+1), as 10504 for p = 100
    }

    /// A18: with `train.construction_outgoing=zero` the added cell starts with no weight to any output,
    /// so adding it changes no output; the default keeps the initial draw.
    @Test(arguments: [("zero", true), ("random", false)])
    func addedCellsOutgoingWeights(_ choice: String, _ zero: Bool) throws {
        let spec = TrialSpec(preset: "2a", parameters: ["task.p": .int(10), "train.construction_outgoing": .string(choice)], seed: 5)
        let config = try TrialConfiguration(spec: spec)
        let session = try TrialSession(config: config, seed: 5, factory: .standard)
        var trained = 0
        while session.milestones["cell_added"] == nil && trained < 3000 {
            _ = session.trainOne()
            trained += 1
        }
        let net = try #require(session.learner as? LSTMNetwork)
        let t = config.topology, layout = WeightLayout(t), o = t.outputSourceCount
        let outgoing = (0..<t.outputCount).flatMap { k in (t.inputCount..<o).map { net.weights[layout.output + k * o + $0] } }
        #expect(outgoing.count == 11)
        #expect(outgoing.allSatisfy { $0 == 0 } == zero)
    }

    @Test func reberFixedTestSetHasNoTrainingStrings() throws {
        let config = try TrialConfiguration(spec: TrialSpec(preset: "1-5", seed: 9))
        let session = try TrialSession(config: config, seed: 9, factory: .standard)
        let training = Set(session.trainingSet.map { TrialSession.inputKey($0.0) })
        #expect(session.trainingSet.count == 256)
        #expect(session.testSet.count < 256 && !session.testSet.isEmpty)
        #expect(session.testSet.allSatisfy { !training.contains(TrialSession.inputKey($0.0)) })
    }
}

/// A lock-protected dictionary for collecting results from concurrent closures.
private final class Results: @unchecked Sendable {
    private let lock = NSLockLike()
    private var values: [Int: TrialOutcome?] = [:]
    func set(_ key: Int, _ value: TrialOutcome?) { lock.withLock { values[key] = value } }
    var all: [TrialOutcome] { lock.withLock { values.values.compactMap { $0 } } }
    var keys: [Int] { lock.withLock { values.keys.sorted() } }
}

/// A minimal mutex over a DispatchSemaphore (no Foundation in this target).
private final class NSLockLike: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 1)
    func withLock<T>(_ body: () -> T) -> T {
        semaphore.wait()
        defer { semaphore.signal() }
        return body()
    }
}
