// The paper's experiments as families: which task a preset builds from its parameters, and which
// stopping rule the paper used for it (Table 11; paper §3).
import LSTMCore

/// One experiment of the paper (a Table 10 task column without the row index).
public enum TaskFamily: String, Codable, Sendable, CaseIterable {
    case reber = "1"
    case noiseFree = "2a"
    case noLocalRegularities = "2b"
    case distractor = "2c"
    case twoSequenceA = "3a"
    case twoSequenceB = "3b"
    case twoSequenceC = "3c"
    case adding = "4"
    case multiplication = "5"
    case temporalOrder2 = "6a"
    case temporalOrder3 = "6b"

    /// The paper section that describes it.
    public var paperSection: String {
        switch self {
        case .reber: return "§3.1 Exp. 1"
        case .noiseFree, .noLocalRegularities, .distractor: return "§3.2 Exp. 2"
        case .twoSequenceA, .twoSequenceB, .twoSequenceC: return "§3.3 Exp. 3"
        case .adding: return "§3.4 Exp. 4"
        case .multiplication: return "§3.5 Exp. 5"
        case .temporalOrder2, .temporalOrder3: return "§3.6 Exp. 6"
        }
    }

    /// The stopping rule the paper used (Table 11).
    public var stopRuleName: String {
        switch self {
        case .reber: return "training and test sets all correct"
        case .noiseFree, .noLocalRegularities, .distractor: return "10,000 consecutive correct, cap 5M"
        case .twoSequenceA, .twoSequenceB: return "ST1, then ST2"
        case .twoSequenceC: return "256 correct and mean |diff| < 0.015"
        case .adding, .temporalOrder2, .temporalOrder3: return "ST3(β)"
        case .multiplication: return "n_seq of 2000 wrong"
        }
    }

    /// Builds the task from resolved parameters.
    public func makeTask(_ p: ParameterMap) -> any SequenceTask {
        switch self {
        case .reber:
            return EmbeddedReber(
                targets: EmbeddedReber.TargetCoding(rawValue: p.choice("task.reber_targets")) ?? .next,
                success: EmbeddedReber.SuccessTest(rawValue: p.choice("task.reber_success")) ?? .legalOnTop)
        case .noiseFree, .noLocalRegularities:
            guard self == .noiseFree else {
                return LongLagSequence(variant: .noLocalRegularities, p: p.int("task.p"), threshold: p.real("task.abs_threshold"))
            }
            guard let steps = LongLagSequence.ScoredSteps(rawValue: p.choice("task.abs_steps")) else {
                preconditionFailure("task.abs_steps: unchecked value \(p.choice("task.abs_steps"))")
            }
            return LongLagSequence(variant: .noiseFree, p: p.int("task.p"), threshold: p.real("task.abs_threshold"),
                                   scoredSteps: steps)
        case .distractor:
            return DistractorSequence(p: p.int("task.p"), q: p.int("task.q"),
                                      continueProbability: p.real("task.continue_probability"),
                                      threshold: p.real("task.abs_threshold"))
        case .twoSequenceA, .twoSequenceB, .twoSequenceC:
            let variant: TwoSequence.Variant = self == .twoSequenceA ? .a : self == .twoSequenceB ? .b : .c
            return TwoSequence(
                variant: variant, T: p.int("task.T"), N: p.int("task.N"), noiseVariance: p.real("task.noise_variance"),
                targetNoiseVariance: self == .twoSequenceC ? p.real("task.target_noise_variance") : 0,
                threshold: p.real("task.abs_threshold"))
        case .adding:
            return Adding(T: p.int("task.T"), zeroMarkedFirstPair: p.choice("task.first_pair_rule") == "paper",
                          threshold: p.real("task.abs_threshold"),
                          secondAmongUnmarked: p.choice("task.second_marker") == "unmarked")
        case .multiplication:
            return Multiplication(T: p.int("task.T"), fixMarkedFirstPair: p.choice("task.first_pair_rule") == "paper",
                                  threshold: p.real("task.abs_threshold"),
                                  secondAmongUnmarked: p.choice("task.second_marker") == "unmarked")
        case .temporalOrder2, .temporalOrder3:
            return TemporalOrder(variant: self == .temporalOrder2 ? .twoSymbols : .threeSymbols,
                                 threshold: p.real("task.abs_threshold"))
        }
    }

    /// Builds the stopping rule from resolved parameters.
    public func makeStopRule(_ p: ParameterMap) -> StopRule {
        switch self {
        case .reber:
            return .setsCorrect(checkEvery: p.int("train.check_every"), gate: p.bool("train.pretest_gate"))
        case .noiseFree, .noLocalRegularities, .distractor:
            if p.choice("train.success_test") == "frozen" {
                return .frozenTest(size: p.int("train.success_window"), checkEvery: p.int("train.check_every"))
            }
            return .consecutive(window: p.int("train.success_window"),
                                countWindow: p.bool("train.success_counts_window"))
        case .twoSequenceA, .twoSequenceB, .twoSequenceC:
            return .testCriteria(
                TestCriteria(size: p.int("train.st_test_size"), maxWrong: p.int("train.st1_max_wrong"),
                             maxMeanAbsError: p.real("train.st2_mean_abs_error"), checkEvery: p.int("train.check_every"),
                             fixedSet: p.bool("train.fixed_check_set"), gate: p.bool("train.pretest_gate")))
        case .adding, .temporalOrder2, .temporalOrder3:
            return .st3(beta: p.real("train.stop_beta"), window: p.int("train.stop_window"),
                        error: AverageError(rawValue: p.choice("train.average_error")) ?? .sse)
        case .multiplication:
            return .nSeq(n: p.int("train.n_seq"), window: p.int("train.stop_window"))
        }
    }
}
