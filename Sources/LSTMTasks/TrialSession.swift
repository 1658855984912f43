// One running trial: the learner, the three random streams, the reused sequence buffer, the
// windows the stopping rules read, and the learning curve. TrialRunner drives it; the stopping
// rules are in TrialSession+Stopping.swift.
import LSTMCore

extension SplitMix64.Stream {
    /// Exp. 1's shared training/test pairs (`task.data_sets`), seeded by the pair's index, not a trial's.
    static let dataSet = SplitMix64.Stream(rawValue: 5)
}

/// The mutable state of one trial. Owned by one thread for the trial's lifetime.
final class TrialSession {
    let config: TrialConfiguration
    let task: any SequenceTask
    var learner: any SequenceLearner
    /// The full LSTM's initial weights while the sequential construction (A8) has not added the cell.
    var pendingLSTMWeights: [Double]?
    var trainRNG: SplitMix64
    var testRNG: SplitMix64
    var buffer: SequenceExample
    /// The buffer fresh test-stream sequences are drawn into.
    var evaluationBuffer: SequenceExample
    /// Exp. 1's fixed sets (sequence, label); the fixed ST check set of Exp. 3 when asked for (A7).
    var trainingSet: [(SequenceExample, Int)] = []
    var testSet: [(SequenceExample, Int)] = []
    /// A24's `passes`: the training set's indices in this pass's order, and the next one's place.
    private var passOrder: [Int] = []
    private var passPosition = 0

    var sequences = 0
    var steps = 0
    /// The "success after" count, set when a rule succeeds.
    var successAt: Int?
    var milestones: [String: Int] = [:]
    var curve: [CurvePoint] = []
    private var curveSquared = 0.0, curvePairs = 0, curveCorrect = 0, curveCount = 0
    /// The last 1000 sequences, for progress reports.
    var recent = RecentWindow(capacity: 1000)
    /// The window of the stopping rule (ST3 / n_seq window, or the pretest gate).
    var window: RecentWindow
    /// Consecutive correct sequences (Exp. 2).
    var run = 0
    /// When the last full check ran (sets or ST check).
    var lastCheck = Int.min / 2
    var constructionSum = 0.0, constructionCount = 0
    var constructionPrevious: Double?
    /// End-of-sequence cell states summed for progress reports, when the control asks for them.
    var cellStateWatch: CellStateWatch?

    init(config: TrialConfiguration, seed: UInt64, factory: LearnerFactory) throws {
        self.config = config
        task = config.task
        var weightsRNG = SplitMix64(seed: seed, stream: .weights)
        trainRNG = SplitMix64(seed: seed, stream: .training)
        testRNG = SplitMix64(seed: seed, stream: .test)
        buffer = task.makeBuffer()
        evaluationBuffer = task.makeBuffer()
        if config.construction != nil {
            let weights = LearnerFactory.initialWeights(config.learnerRequest, rng: &weightsRNG)
            pendingLSTMWeights = weights
            learner = DirectOutputNet(
                inputs: task.inputCount, outputs: task.outputCount, weights: Self.directBlock(of: weights, config.topology))
        } else {
            learner = try factory.make(kind: config.kind, request: config.learnerRequest, rng: &weightsRNG)
        }
        switch config.stopRule {
        case .setsCorrect: window = RecentWindow(capacity: config.fixedSets?.training ?? 1)
        case .testCriteria(let c): window = RecentWindow(capacity: c.size)
        case .st3(_, let size, _), .nSeq(_, let size): window = RecentWindow(capacity: size)
        case .consecutive, .frozenTest: window = RecentWindow(capacity: 1)
        }
        if let sets = config.fixedSets { buildFixedSets(sets, seed: seed) }
    }

    // MARK: - Data

    /// Exp. 1: the training set from the training stream, the test set from the test stream
    /// without strings that are also in the training set. With K shared data sets (the paper's
    /// "3 randomly generated training/test pairs"), both sets come from pair `seed mod K`'s own
    /// stream instead, so trials that share a pair differ only in initial weights and sampling order.
    /// A22's distinct sets skip the draws that repeat a string already taken.
    private func buildFixedSets(_ sets: FixedSets, seed: UInt64) {
        let own = sets.dataSets == 0
        var shared = SplitMix64(seed: own ? 0 : seed % UInt64(sets.dataSets), stream: .dataSet)  // unused when own
        func draw(_ stream: inout SplitMix64) -> (SequenceExample, Int, [Double]) {
            var s = task.makeBuffer()
            let label = own ? task.fill(&s, rng: &stream) : task.fill(&s, rng: &shared)
            return (s, label, Self.inputKey(s))
        }
        var seen = Set<[Double]>()
        var draws = 0
        while trainingSet.count < sets.training, !sets.distinctTraining || draws < sets.training * FixedSets.drawsPerString {
            draws += 1
            let (s, label, key) = draw(&trainRNG)
            if seen.insert(key).inserted || !sets.distinctTraining { trainingSet.append((s, label)) }
        }
        if sets.distinctTest {
            draws = 0
            while testSet.count < sets.test, draws < sets.test * FixedSets.drawsPerString {
                draws += 1
                let (s, label, key) = draw(&testRNG)
                if seen.insert(key).inserted { testSet.append((s, label)) }
            }
            return
        }
        for _ in 0..<sets.test {
            let (s, label, key) = draw(&testRNG)
            if sets.removeDuplicates && seen.contains(key) { continue }
            testSet.append((s, label))
        }
    }

    /// The inputs of a sequence as one comparable value.
    static func inputKey(_ s: SequenceExample) -> [Double] {
        switch s.encoding {
        case .oneHot: return (0..<s.length).map { Double(s.activeInput[$0]) }
        case .dense: return Array(s.denseInputs[0..<(s.length * s.inputCount)])
        }
    }

    /// The input->output block of a layered LSTM's flat weights. Shape: [K, I].
    static func directBlock(of weights: [Double], _ topology: LSTMTopology) -> [Double] {
        let layout = WeightLayout(topology), o = topology.outputSourceCount, i = topology.inputCount
        return (0..<topology.outputCount).flatMap { k in weights[(layout.output + k * o)..<(layout.output + k * o + i)] }
    }

    // MARK: - Training

    /// Trains on one sequence and applies the stopping rule; returns a reason to stop, or nil.
    func trainOne() -> StopReason? {
        let (s, label) = drawTrainingSequence()
        let stats = learner.train(s, learningRate: config.learningRate, timing: config.timing)
        if cellStateWatch != nil, let net = learner as? LSTMNetwork { cellStateWatch?.add(net.cellStates) }
        return finishTraining(s, label: label, stats: stats, outputs: learner.stepOutputs)
    }

    /// The next training sequence and its label: a draw from Exp. 1's training set, or a fresh
    /// sequence from the training stream (in `buffer`; release the returned copy before the next
    /// draw, or the refill copies the buffer).
    func drawTrainingSequence() -> (SequenceExample, Int) {
        if !trainingSet.isEmpty {
            if config.fixedSets?.order == .passes { return trainingSet[nextInPass()] }
            return trainingSet[trainRNG.integer(in: 0...(trainingSet.count - 1))]
        }
        let label = task.fill(&buffer, rng: &trainRNG)
        return (buffer, label)
    }

    /// The index of the next training string in A24's passes: each pass is a Fisher-Yates shuffle of
    /// the training set drawn from the training stream, when the previous pass is used up.
    private func nextInPass() -> Int {
        if passPosition == passOrder.count {
            passOrder = Array(trainingSet.indices)
            for i in stride(from: passOrder.count - 1, to: 0, by: -1) {
                passOrder.swapAt(i, trainRNG.integer(in: 0...i))
            }
            passPosition = 0
        }
        defer { passPosition += 1 }
        return passOrder[passPosition]
    }

    /// Scores a training sequence the learner has just trained on (`stats`, `outputs` as it reported
    /// them), records it and applies the stopping rule; returns a reason to stop, or nil.
    func finishTraining(_ s: SequenceExample, label: Int, stats: SequenceStats, outputs: [Double]) -> StopReason? {
        resolve(recordTraining(s, label: label, stats: stats, outputs: outputs))
    }

    /// finishTraining up to the stop check, which is returned undecided when it must evaluate the net.
    func recordTraining(_ s: SequenceExample, label: Int, stats: SequenceStats, outputs: [Double]) -> StopCheck {
        let score = task.score(s, label: label, outputs: outputs)
        sequences += 1
        steps += stats.steps
        if !stats.isFinite || !score.squaredError.isFinite { return .decided(.diverged) }
        record(score)
        if pendingLSTMWeights != nil { constructIfStalled(stats) }
        return stopCheck(score)
    }

    private func record(_ score: SequenceScore) {
        let pairs = max(score.count, 1)
        let perOutput = score.squaredError / Double(pairs)
        recent.add(correct: score.correct, error: perOutput, absolute: score.absoluteError, pairs: score.count)
        let measure: Double
        switch config.stopRule {
        case .st3(_, _, .sse): measure = score.squaredError * Double(task.outputCount) / Double(pairs)
        case .st3(_, _, .mae): measure = score.absoluteError / Double(pairs)
        default: measure = perOutput
        }
        window.add(correct: score.correct, error: measure, absolute: score.absoluteError, pairs: score.count)
        curveSquared += score.squaredError
        curvePairs += score.count
        curveCount += 1
        if score.correct { curveCorrect += 1 }
        if sequences % config.curveEvery == 0 {
            curve.append(CurvePoint(sequences: sequences, meanError: curvePairs == 0 ? 0 : curveSquared / Double(curvePairs),
                                    shareCorrect: Double(curveCorrect) / Double(max(curveCount, 1))))
            (curveSquared, curvePairs, curveCorrect, curveCount) = (0, 0, 0, 0)
        }
    }

    /// A8: at the end of each construction window, add the cell if the window's mean error fell by
    /// less than the improvement fraction relative to the previous window.
    private func constructIfStalled(_ stats: SequenceStats) {
        guard let (size, improvement, zeroOutgoing) = config.construction, let weights = pendingLSTMWeights,
              let direct = learner as? DirectOutputNet else { return }
        constructionSum += stats.squaredError
        constructionCount += 1
        guard constructionCount == size else { return }
        let mean = constructionSum / Double(size)
        (constructionSum, constructionCount) = (0, 0)
        defer { constructionPrevious = mean }
        guard let previous = constructionPrevious, previous - mean < improvement * previous else { return }
        var full = weights
        let t = config.topology, layout = WeightLayout(t), o = t.outputSourceCount, i = t.inputCount
        for k in 0..<t.outputCount {
            for m in 0..<i { full[layout.output + k * o + m] = direct.w[k * i + m] }
            if zeroOutgoing { for m in i..<o { full[layout.output + k * o + m] = 0 } }
        }
        learner = LSTMNetwork(topology: t, weights: full, precision: config.precision)
        pendingLSTMWeights = nil
        milestones["cell_added"] = sequences
    }
}

/// Sums sequence scores into a TestResult.
struct TestAccumulator {
    var size = 0, wrong = 0, pairs = 0
    var squared = 0.0, absolute = 0.0

    mutating func add(_ score: SequenceScore) {
        size += 1
        if !score.correct { wrong += 1 }
        pairs += score.count
        squared += score.squaredError
        absolute += score.absoluteError
    }

    var result: TestResult {
        let n = Double(max(pairs, 1))
        return TestResult(size: size, wrong: wrong, mse: squared / n, meanAbsError: absolute / n)
    }
}
