import Foundation
import LSTMCore
import LSTMTasks

/// Training in SIMD lanes against the same training one net at a time, trial-steps per second of
/// each in the same sitting, and their ratio: on each preset's own task data (`bench --presets P
/// --lanes 4`, as `bench --presets` measures one net), on the synthetic cases (`--cases`), or as
/// whole trials (`--whole-trials`).
///
/// For whole trials, each repeat runs the same sixteen trials of the preset (seeds 1-16, the preset's own learning rate and
/// stopping rule, a budget of training sequences sized to reach `minimumSteps` in all) once through
/// `TrialRunner` and once through `LaneTrialRunner`. The final test is off (`train.test_size=0`; Exp.
/// 1's test set stays), so the figure is training: task generation, the steps, and the stopping
/// checks. Outcomes of the two paths are compared, and a difference is an error.
struct LaneBenchmark {
    /// The result of one preset.
    struct Measurement: Codable {
        var name: String
        var kernel: String
        var precision: String
        var lanes: Int
        var trials: Int
        var stepsPerRepeat: Int
        /// Trial-steps per second, wall clock, one trial at a time and in lanes (medians of the repeats).
        var singleStepsPerSecond: Double
        var laneStepsPerSecond: Double
        var ratio: Double
        /// The same ratio from the process's CPU time (the median of the repeats' ratios): on a shared
        /// machine, time the bench waited for a core does not count.
        var cpuRatio: Double
    }

    /// What went wrong: the two paths disagreed (which would be a bug in the lanes).
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static let trialCount = 16

    /// Measures whole trials of `preset`; nil when it cannot run in lanes (baselines, 2a/2b's construction).
    static func measureTrials(
        preset: String, kernel: KernelVariant, precision: Precision, repeats: Int, minimumSteps: Int
    ) throws -> Measurement? {
        var parameters: [String: ParameterValue] = ["net.precision": .string(precision.rawValue), "train.test_size": .int(0)]
        guard let shape = LaneShape(TrialSpec(preset: preset, parameters: parameters, seed: 1)) else { return nil }
        // A budget from the mean training sequence length, so that the trials reach minimumSteps.
        let sample = try PresetWorkload(preset: preset, parameters: parameters, seed: 1, count: 64)
        let meanLength = Double(sample.sequences.reduce(0) { $0 + $1.length }) / Double(sample.sequences.count)
        let budget = max(1, Int(Double(minimumSteps) / Double(trialCount) / meanLength))
        parameters["train.curve_every"] = .int(max(1, budget / 10))
        let specs = (1...trialCount).map { TrialSpec(preset: preset, parameters: parameters, seed: UInt64($0), maxSequences: budget) }
        precondition(kernel == .preferred, "trials take KernelVariant.preferred (LSTM_SWEEP_KERNEL picks it)")
        var single = [Double](), lanes = [Double](), cpuRatios = [Double](), steps = 0
        for _ in 0..<max(1, repeats) {
            let w0 = Stopwatch()
            let alone = specs.map { TrialRunner().run($0) }
            let t0 = w0.lap(), w1 = Stopwatch()
            var inLanes = [TrialOutcome?](repeating: nil, count: specs.count)
            var queue = specs.indices[...]
            LaneTrialRunner(shape: shape).run(next: { queue.popFirst().map { LaneTrial(spec: specs[$0], tag: $0) } }) {
                inLanes[$0] = $1
            }
            let t1 = w1.lap()
            guard inLanes.compactMap({ $0 }) == alone else {
                throw Mismatch(description: "\(preset): an outcome in lanes differs from the trial run alone")
            }
            steps = alone.reduce(0) { $0 + $1.steps }
            single.append(Double(steps) / t0.wall)
            lanes.append(Double(steps) / t1.wall)
            cpuRatios.append(t0.cpu / t1.cpu)
        }
        let (s, l) = (KernelBenchmark.median(single), KernelBenchmark.median(lanes))
        return Measurement(
            name: preset, kernel: kernel.rawValue, precision: precision.rawValue, lanes: LaneNetwork.laneCount(precision),
            trials: trialCount, stepsPerRepeat: steps, singleStepsPerSecond: s, laneStepsPerSecond: l, ratio: l / s,
            cpuRatio: KernelBenchmark.median(cpuRatios))
    }
}

extension LaneBenchmark {
    /// The training kernels alone (`bench --cases C --lanes 4`): four nets of the case's shape (weight
    /// seeds 1-4) each trained on the case's sequences, one net at a time and then in four lanes.
    static func measureKernels(_ c: KernelBenchmark.Case, precision: Precision, repeats: Int, minimumSteps: Int) -> Measurement {
        let data = KernelBenchmark.sequences(for: c, count: 64)
        let initial = (1...LaneNetwork.laneCount(precision)).map { seed in
            var rng = SplitMix64(seed: UInt64(seed), stream: .weights)
            return LSTMInitialization(weightRange: 0.1).weights(for: c.topology, rng: &rng)
        }
        let stepsPerPass = data.reduce(0) { $0 + $1.length }
        let passes = max(1, minimumSteps / stepsPerPass / initial.count)
        var single = [Double](), lanes = [Double](), cpuRatios = [Double]()
        for _ in 0..<max(1, repeats) {
            let nets = initial.map { LSTMNetwork(topology: c.topology, weights: $0, precision: precision) }
            let w0 = Stopwatch()
            for net in nets {
                for _ in 0..<passes {
                    for seq in data { _ = net.train(seq, learningRate: c.learningRate, timing: c.timing) }
                }
            }
            let t0 = w0.lap(), w1 = Stopwatch()
            let laneNet = LaneNetwork(topology: c.topology, precision: precision)
            for (lane, w) in initial.enumerated() { laneNet.setWeights(w, lane: lane) }
            var next = [Int](repeating: 0, count: LaneNetwork.laneCount(precision))
            laneNet.run { lane, _ in
                guard next[lane] < passes * data.count else { return nil }
                next[lane] += 1
                return LaneWork(data[(next[lane] - 1) % data.count], .train(learningRate: c.learningRate, timing: c.timing))
            }
            let t1 = w1.lap()
            let steps = Double(passes * stepsPerPass * initial.count)
            single.append(steps / t0.wall)
            lanes.append(steps / t1.wall)
            cpuRatios.append(t0.cpu / t1.cpu)
        }
        let (s, l) = (KernelBenchmark.median(single), KernelBenchmark.median(lanes))
        return Measurement(
            name: c.name, kernel: KernelVariant.preferred.rawValue, precision: precision.rawValue, lanes: LaneNetwork.laneCount(precision),
            trials: initial.count, stepsPerRepeat: passes * stepsPerPass * initial.count, singleStepsPerSecond: s,
            laneStepsPerSecond: l, ratio: l / s, cpuRatio: KernelBenchmark.median(cpuRatios))
    }
}

extension LaneBenchmark {
    /// The training of four trials of `preset` (seeds 1-4) on their own task data, as `bench --presets`
    /// times one: each net trains on its 64 sequences round-robin, one net at a time, then in lanes.
    /// Nil when the preset cannot run in lanes.
    static func measureWorkloads(preset: String, precision: Precision, repeats: Int, minimumSteps: Int) throws -> Measurement? {
        let parameters: [String: ParameterValue] = ["net.precision": .string(precision.rawValue)]
        guard let shape = LaneShape(TrialSpec(preset: preset, parameters: parameters, seed: 1)) else { return nil }
        let workloads = try (1...LaneNetwork.laneCount(precision)).map {
            try PresetWorkload(preset: preset, parameters: parameters, seed: UInt64($0), count: 64)
        }
        let steps = workloads.map { $0.sequences.reduce(0) { $0 + $1.length } }
        let passes = max(1, minimumSteps / steps.reduce(0, +))
        let total = passes * steps.reduce(0, +)
        var single = [Double](), lanes = [Double](), cpuRatios = [Double]()
        for _ in 0..<max(1, repeats) {
            let nets = workloads.map { LSTMNetwork(topology: shape.topology, weights: $0.learner.weights, precision: precision) }
            let w0 = Stopwatch()
            for (net, w) in zip(nets, workloads) {
                for _ in 0..<passes {
                    for seq in w.sequences { _ = net.train(seq, learningRate: w.learningRate, timing: w.timing) }
                }
            }
            let t0 = w0.lap(), w1 = Stopwatch()
            let laneNet = LaneNetwork(topology: shape.topology, precision: precision)
            for (lane, w) in workloads.enumerated() { laneNet.setWeights(w.learner.weights, lane: lane) }
            var next = [Int](repeating: 0, count: LaneNetwork.laneCount(precision)), final = [[Double]](repeating: [], count: nets.count)
            laneNet.run { lane, _ in
                let w = workloads[lane]
                guard next[lane] < passes * w.sequences.count else {
                    final[lane] = laneNet.weights(lane: lane)  // before the lane idles (and is zeroed)
                    return nil
                }
                next[lane] += 1
                return LaneWork(w.sequences[(next[lane] - 1) % w.sequences.count], .train(learningRate: w.learningRate, timing: w.timing))
            }
            let t1 = w1.lap()
            // The same weights at the end, or the comparison means nothing.
            guard (0..<nets.count).allSatisfy({ final[$0] == nets[$0].weights }) else {
                throw Mismatch(description: "\(preset): lane weights differ from the nets trained alone")
            }
            single.append(Double(total) / t0.wall)
            lanes.append(Double(total) / t1.wall)
            cpuRatios.append(t0.cpu / t1.cpu)
        }
        let (s, l) = (KernelBenchmark.median(single), KernelBenchmark.median(lanes))
        return Measurement(
            name: preset, kernel: KernelVariant.preferred.rawValue, precision: precision.rawValue, lanes: LaneNetwork.laneCount(precision),
            trials: workloads.count, stepsPerRepeat: total, singleStepsPerSecond: s, laneStepsPerSecond: l, ratio: l / s,
            cpuRatio: KernelBenchmark.median(cpuRatios))
    }
}
