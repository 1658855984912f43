import Foundation
import LSTMCore

/// Time steps per second of training (forward, truncated gradient, update) on the paper's net shapes.
///
/// Sequences are generated before the clock starts, as the peer scripts do; each case trains one net on
/// them round-robin, and a measurement is the median of several repeats, in wall and CPU time.
struct KernelBenchmark {
    /// One measured configuration.
    struct Case {
        var name: String
        var topology: LSTMTopology
        var lengths: ClosedRange<Int>
        var targetEveryStep: Bool
        var learningRate: Double
        var timing: UpdateTiming = .perStep
    }

    /// The result of one case.
    struct Measurement: Codable {
        var name: String
        /// The compiled copy of the kernels that ran (KernelVariant), and the net's precision.
        var kernel: String
        var precision: String
        var weights: Int
        var stepsPerSecond: Double
        var cpuStepsPerSecond: Double
        var repeats: Int
        var stepsPerRepeat: Int
    }

    static let cases: [Case] = [
        Case(
            name: "4-1", topology: LSTMTopology(inputCount: 2, outputCount: 1, blockCount: 2, cellsPerBlock: 2, biases: .all),
            lengths: 100...110, targetEveryStep: false, learningRate: 0.5),
        Case(
            name: "1-2", topology: LSTMTopology(inputCount: 7, outputCount: 7, blockCount: 3, cellsPerBlock: 2, biases: .gates),
            lengths: 9...20, targetEveryStep: true, learningRate: 0.1),
        Case(
            name: "3a", topology: LSTMTopology(inputCount: 1, outputCount: 1, blockCount: 3, cellsPerBlock: 1, biases: .hidden),
            lengths: 100...110, targetEveryStep: false, learningRate: 1.0),
        Case(
            name: "6b", topology: LSTMTopology(inputCount: 8, outputCount: 8, blockCount: 3, cellsPerBlock: 2, biases: .all),
            lengths: 100...110, targetEveryStep: false, learningRate: 0.1),
        Case(
            name: "2c-9", topology: LSTMTopology(inputCount: 54, outputCount: 2, blockCount: 2, cellsPerBlock: 1, biases: .none),
            lengths: 1004...1030, targetEveryStep: false, learningRate: 0.01),
        Case(
            name: "2c-5", topology: LSTMTopology(inputCount: 1004, outputCount: 2, blockCount: 2, cellsPerBlock: 1, biases: .none),
            lengths: 1004...1030, targetEveryStep: false, learningRate: 0.01),
    ]

    /// Sequences of the case's shape: one-hot inputs when the net has more than 4 inputs.
    static func sequences(for c: Case, count: Int) -> [SequenceExample] {
        var rng = SplitMix64(seed: 99, stream: .training)
        let oneHot = c.topology.inputCount > 4
        return (0..<count).map { _ in
            var seq = SequenceExample(
                inputCount: c.topology.inputCount, outputCount: c.topology.outputCount, encoding: oneHot ? .oneHot : .dense)
            let length = rng.integer(in: c.lengths)
            seq.reset(length: length)
            for t in 0..<length {
                if oneHot {
                    seq.setActive(rng.integer(in: 0...(c.topology.inputCount - 1)), at: t)
                } else {
                    for i in 0..<c.topology.inputCount { seq.setInput(rng.uniform(-1, 1), unit: i, at: t) }
                }
                if c.targetEveryStep || t == length - 1 {
                    seq.setOneHotTarget(rng.integer(in: 0...(c.topology.outputCount - 1)), at: t)
                }
            }
            return seq
        }
    }

    /// Measures one case: `repeats` timed runs of at least `minimumSteps` steps each.
    static func measure(
        _ c: Case, kernel: KernelVariant, precision: Precision, repeats: Int, minimumSteps: Int
    ) -> Measurement {
        let data = sequences(for: c, count: 64)
        var rng = SplitMix64(seed: 1, stream: .weights)
        let net = LSTMNetwork(
            topology: c.topology, weights: LSTMInitialization(weightRange: 0.1).weights(for: c.topology, rng: &rng),
            precision: precision)
        net.kernelVariant = kernel
        let timed = time(net, on: data, warmup: data[...], learningRate: c.learningRate, timing: c.timing,
                         repeats: repeats, minimumSteps: minimumSteps)
        return Measurement(
            name: c.name, kernel: kernel.rawValue, precision: precision.rawValue, weights: c.topology.weightCount,
            stepsPerSecond: timed.stepsPerSecond, cpuStepsPerSecond: timed.cpuStepsPerSecond, repeats: repeats,
            stepsPerRepeat: timed.stepsPerRepeat)
    }

    /// Trains `net` on `warmup` untimed (caches, branch predictors), then times `repeats` runs of
    /// enough passes over `data` to reach `minimumSteps` (at least one pass); medians of wall and CPU.
    static func time(
        _ net: any SequenceLearner, on data: [SequenceExample], warmup: ArraySlice<SequenceExample>,
        learningRate: Double, timing: UpdateTiming, repeats: Int, minimumSteps: Int
    ) -> (stepsPerSecond: Double, cpuStepsPerSecond: Double, stepsPerRepeat: Int) {
        let stepsPerPass = data.reduce(0) { $0 + $1.length }
        let passes = max(1, minimumSteps / stepsPerPass)
        for seq in warmup { _ = net.train(seq, learningRate: learningRate, timing: timing) }
        var wall = [Double](), cpu = [Double]()
        for _ in 0..<repeats {
            let watch = Stopwatch()
            for _ in 0..<passes {
                for seq in data { _ = net.train(seq, learningRate: learningRate, timing: timing) }
            }
            let lap = watch.lap()
            wall.append(lap.wall)
            cpu.append(lap.cpu)
        }
        let steps = Double(passes * stepsPerPass)
        return (steps / median(wall), steps / median(cpu), passes * stepsPerPass)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// Wall and process CPU clocks, in seconds.
enum Clocks {
    static func wall() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Wall and process CPU seconds since its creation.
struct Stopwatch {
    let wall = Clocks.wall(), cpu = Clocks.cpu()

    /// (wall seconds, CPU seconds) since `self` started.
    func lap() -> (wall: Double, cpu: Double) { (Clocks.wall() - wall, Clocks.cpu() - cpu) }
}
