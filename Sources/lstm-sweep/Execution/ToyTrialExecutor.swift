// A toy objective that runs in microseconds, for tests, demos and the cluster tests' big sweeps.
// Everything is a deterministic function of (preset, parameters, seed):
//   u          = uniform [0,1) from SHA-256 of the trial's canonical parameters and seed
//   success    = u >= toy.fail_rate (and within the budget)
//   sequences  = round(100 · (1 + |toy.x|) · (toy.y + 1) · (0.5 + u))
// toy.sleep_ms sleeps (cancellable every 5 ms); toy.work spins a PRNG that many times (CPU-bound);
// toy.error_rate makes the executor throw for u < error_rate.

import Foundation
import SweepCore

/// Runs toy trials: parameters `toy.x`, `toy.y`, `toy.sleep_ms`, `toy.work`, `toy.fail_rate`, `toy.error_rate`.
struct ToyTrialExecutor: TrialExecutor {
    /// Defaults for parameters a sweep does not set; they differ per toy preset.
    var defaults: [String: ParameterValue]

    /// `toy` (instant), `toy-sleep` (100 ms per trial), `toy-cpu` (about 10 ms of CPU per trial).
    static func execution(forPreset preset: String) -> PresetExecution? {
        var defaults: [String: ParameterValue] = [
            "toy.x": .real(0), "toy.y": .int(1), "toy.sleep_ms": .int(0), "toy.work": .int(0),
            "toy.fail_rate": .real(0), "toy.error_rate": .real(0),
        ]
        switch preset {
        case "toy": break
        case "toy-sleep": defaults["toy.sleep_ms"] = .int(100)
        case "toy-cpu": defaults["toy.work"] = .int(3_000_000)
        default: return nil
        }
        let schema = ParameterSchema([
            "toy.x": .init(.real(-100...100), default: defaults["toy.x"], help: "position; larger |x| needs more sequences"),
            "toy.y": .init(.integer(0...1_000_000), default: defaults["toy.y"], help: "scale of sequences to success"),
            "toy.sleep_ms": .init(.integer(0...600_000), default: defaults["toy.sleep_ms"], help: "sleep per trial"),
            "toy.work": .init(.integer(0...1_000_000_000), default: defaults["toy.work"], help: "PRNG steps of CPU work"),
            "toy.fail_rate": .init(.real(0...1), default: defaults["toy.fail_rate"], help: "probability of no success"),
            "toy.error_rate": .init(.real(0...1), default: defaults["toy.error_rate"], help: "probability of a thrown error"),
            "toy.mode": .init(.choice(["plain", "fancy"]), default: .string("plain"), help: "recorded only"),
            "toy.flag": .init(.boolean, default: .bool(false), help: "recorded only"),
            "toy.biases": .init(.realList(count: 1...8), default: .realList([0]), help: "recorded only"),
        ])
        return PresetExecution(schema: schema, executor: ToyTrialExecutor(defaults: defaults))
    }

    struct ToyError: Error, CustomStringConvertible {
        var description: String
    }

    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        let clockStart = Date()
        let parameters = defaults.merging(assignment.parameters) { _, set in set }
        let x = parameters["toy.x"]?.doubleValue ?? 0
        let y = parameters["toy.y"]?.intValue ?? 1
        let digest = SHA256.digest(Array((ParameterValue.canonicalJSON(assignment.parameters) + "#\(assignment.seed)").utf8))
        var state = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let u = Double(Self.mix(&state) >> 11) * 0x1.0p-53
        if u < parameters["toy.error_rate"]?.doubleValue ?? 0 {
            throw ToyError(description: "toy error (u = \(u))")
        }
        var checksum: UInt64 = 0
        for _ in 0..<(parameters["toy.work"]?.intValue ?? 0) { checksum ^= Self.mix(&state) }
        var remaining = Double(parameters["toy.sleep_ms"]?.intValue ?? 0) / 1000
        while remaining > 0 {
            if isCancelled() {
                return TrialResult(success: false, stopReason: .cancelled, sequences: 0, method: "toy")
            }
            Thread.sleep(forTimeInterval: min(remaining, 0.005))
            remaining -= 0.005
        }
        var sequences = Int((100 * (1 + abs(x)) * Double(y + 1) * (0.5 + u)).rounded())
        var success = u >= parameters["toy.fail_rate"]?.doubleValue ?? 0
        var stop: StopReason = success ? .success : .budget
        if let limit = assignment.budget.maxSequences, sequences > limit {
            (sequences, success, stop) = (limit, false, .budget)
        }
        let wall = Date().timeIntervalSince(clockStart)
        return TrialResult(
            success: success, stopReason: stop, sequences: sequences, testWrong: success ? 0 : Int(u * 100) % 10 + 1,
            testSize: 10, testMSE: 0.01 * (x - 1) * (x - 1) + 0.001 * u, testMeanAbsError: 0.1 * abs(x - 1),
            weightCount: 10, steps: sequences * 10, wallSeconds: wall, precision: "float64", method: "toy",
            metrics: ["u": u, "checksum": Double(checksum % 1024)],
            curve: [1, 2].map { LearningCurvePoint(sequences: sequences * $0 / 2, trainingLoss: u / Double($0)) })
    }

    /// One SplitMix64 step (wrapping arithmetic is the generator's definition).
    static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
