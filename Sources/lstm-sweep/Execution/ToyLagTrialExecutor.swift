// A toy with a known frontier, for the adaptive searches (docs/searches.md) and their tests.
// Everything is a deterministic function of (parameters, seed):
//   u          = uniform [0,1) from SHA-256 of the trial's canonical parameters and seed
//   needed     = ⌈10 · toy.lag / toy.speed⌉ sequences
//   success    = (toy.lag ≤ toy.critical, flipped when u < toy.noise) and needed ≤ train.max_sequences
//   curve      = loss(s) = toy.plateau + (1 − toy.plateau) / (1 + toy.speed · s / 1000) at s = stop/4 … stop
// So a frontier search over toy.lag must end with largestPassing ≤ toy.critical < smallestFailing
// (without noise), and halving over train.max_sequences ranks by the curve's last point.

import Foundation
import SweepCore

/// Runs `toy-lag` trials: `toy.lag`, `toy.critical`, `toy.noise`, `toy.speed`, `toy.plateau`, `toy.sleep_ms`, `train.max_sequences`.
struct ToyLagTrialExecutor: TrialExecutor {
    static let preset = "toy-lag"

    static let defaults: [String: ParameterValue] = [
        "toy.lag": .int(10), "toy.critical": .int(100), "toy.noise": .real(0), "toy.speed": .real(1),
        "toy.plateau": .real(0), "toy.sleep_ms": .int(0), "train.max_sequences": .int(100_000),
    ]

    static let execution = PresetExecution(
        schema: ParameterSchema([
            "toy.lag": .init(.integer(1...1_000_000), default: defaults["toy.lag"], help: "the lag; succeeds up to toy.critical"),
            "toy.critical": .init(.integer(1...1_000_000), default: defaults["toy.critical"], help: "the largest lag that succeeds"),
            "toy.noise": .init(.real(0...0.5), default: defaults["toy.noise"], help: "probability that a trial's outcome flips"),
            "toy.speed": .init(.real(0.001...1000), default: defaults["toy.speed"], help: "how fast the loss falls"),
            "toy.plateau": .init(.real(0...1), default: defaults["toy.plateau"], help: "the loss the curve tends to"),
            "toy.sleep_ms": .init(.integer(0...600_000), default: defaults["toy.sleep_ms"], help: "sleep per trial"),
            "train.max_sequences": .init(.integer(1...100_000_000), default: defaults["train.max_sequences"], help: "budget"),
        ]),
        executor: ToyLagTrialExecutor(),
        validate: { parameters in
            let noise = parameters["toy.noise"]?.doubleValue ?? 0, plateau = parameters["toy.plateau"]?.doubleValue ?? 0
            return noise > 0 && plateau > 0 ? "toy.noise and toy.plateau cannot both be set (one toy at a time)" : nil
        })

    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        let clockStart = Date()
        let parameters = Self.defaults.merging(assignment.parameters) { _, set in set }
        func int(_ name: String) -> Int { parameters[name]?.intValue ?? 0 }
        func real(_ name: String) -> Double { parameters[name]?.doubleValue ?? 0 }
        let digest = SHA256.digest(Array((ParameterValue.canonicalJSON(assignment.parameters) + "#\(assignment.seed)").utf8))
        var state = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let u = Double(ToyTrialExecutor.mix(&state) >> 11) * 0x1.0p-53
        var remaining = Double(int("toy.sleep_ms")) / 1000
        while remaining > 0 {
            if isCancelled() { return TrialResult(success: false, stopReason: .cancelled, sequences: 0, method: "toy-lag") }
            Thread.sleep(forTimeInterval: min(remaining, 0.005))
            remaining -= 0.005
        }
        let budget = min(int("train.max_sequences"), assignment.budget.maxSequences ?? .max)
        let needed = Int((10 * Double(int("toy.lag")) / real("toy.speed")).rounded(.up))
        let learns = (int("toy.lag") <= int("toy.critical")) != (u < real("toy.noise"))
        let success = learns && needed <= budget
        let stop = success ? needed : budget
        let (speed, plateau) = (real("toy.speed"), real("toy.plateau"))
        let curve = (1...4).map { quarter in
            let sequences = stop * quarter / 4
            return LearningCurvePoint(
                sequences: sequences, trainingLoss: plateau + (1 - plateau) / (1 + speed * Double(sequences) / 1000))
        }
        return TrialResult(
            success: success, stopReason: success ? .success : .budget, sequences: stop, testWrong: success ? 0 : 1,
            testSize: 1, weightCount: 1, steps: stop * int("toy.lag"), wallSeconds: Date().timeIntervalSince(clockStart),
            precision: "float64", method: "toy-lag", metrics: ["u": u], curve: curve)
    }
}
