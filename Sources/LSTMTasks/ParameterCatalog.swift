// Every parameter a trial accepts, per task family, with the family's default. Presets override
// some defaults (Presets.swift). Ambiguities A1-A16 (paper §4) are settled here as named
// parameters; docs/ambiguities.md gives the reasons.

import LSTMCore

/// The parameter definitions of each task family.
public enum ParameterCatalog {
    /// The definitions a family accepts, with the family's defaults; `kinds` lists the net kinds.
    public static func definitions(for family: TaskFamily, kinds: [String] = ["lstm"]) -> [ParameterDefinition] {
        taskDefinitions(family) + netDefinitions(family, kinds: kinds) + trainDefinitions(family)
    }

    // MARK: - task.*

    static func taskDefinitions(_ family: TaskFamily) -> [ParameterDefinition] {
        var d: [ParameterDefinition] = []
        func threshold(_ v: Double, _ what: String) {
            d.append(.init("task.abs_threshold", .real, default: .real(v), min: 0, max: 1, what))
        }
        switch family {
        case .reber:
            d.append(.init("task.reber_targets", .choice, default: .string("next"), choices: ["next", "all_legal"],
                           "A5: training target is the actual next symbol (one-hot) or every legal next symbol"))
            d.append(.init("task.reber_success", .choice, default: .string("legal_on_top"), choices: ["legal_on_top", "winner_legal"],
                           "A21: a step is right when every legal next symbol's output is above every other "
                               + "(legal_on_top) or when the most active output is a legal one (winner_legal)"))
            d.append(.init("task.training_set_size", .int, default: .int(256), min: 1, max: 100_000,
                           "Exp. 1: size of the fixed training set"))
            d.append(.init("task.test_set_size", .int, default: .int(256), min: 0, max: 100_000,
                           "Exp. 1: strings generated for the fixed test set (before removing duplicates)"))
            d.append(.init("task.remove_test_duplicates", .bool, default: .bool(true),
                           "Exp. 1 / A5: drop test strings that also appear in the training set"))
            d.append(.init("task.string_sets", .choice, default: .string("drawn"),
                           choices: FixedSets.Drawing.allCases.map(\.rawValue),
                           "A22: the sets' strings drawn with repeats (drawn), the training set of distinct strings "
                               + "(distinct_training), or both sets of distinct strings sharing none (distinct)"))
            d.append(.init("task.string_order", .choice, default: .string("draws"),
                           choices: FixedSets.Order.allCases.map(\.rawValue),
                           "A24: each training string a uniform draw from the training set, with replacement (draws), "
                               + "or passes over the set, each in a fresh random order (passes)"))
            d.append(.init("task.data_sets", .int, default: .int(0), min: 0, max: 1_000_000,
                           "Exp. 1: 0 = each trial draws its own training/test pair from its seed; K > 0 = K shared "
                               + "pairs, seed s uses pair s mod K (the paper's 3 data sets x 10 trials: K=3, 30 seeds)"))
        case .noiseFree, .noLocalRegularities:
            d.append(.init("task.p", .int, default: .int(100), min: 2, max: 10_000, "Exp. 2a/2b: the delay p (p+1 symbols)"))
            threshold(0.25, "ABS(β): largest absolute output error allowed")
            if family == .noiseFree {
                d.append(.init("task.abs_steps", .choice, default: .string("every_step"),
                               choices: LongLagSequence.ScoredSteps.allCases.map(\.rawValue),
                               "A17: 2a's ABS(β) judged at every step with a target, or at the sequence end (Table 11)"))
            }
        case .distractor:
            d.append(.init("task.p", .int, default: .int(100), min: 1, max: 100_000, "Exp. 2c: number of distractor symbols"))
            d.append(.init("task.q", .int, default: .int(100), min: 0, max: 100_000, "Exp. 2c: minimal distractor run (lag - 1)"))
            d.append(.init("task.continue_probability", .real, default: .real(0.9), min: 0, max: 0.999,
                           "A9: probability of appending another distractor (9/10)"))
            threshold(0.2, "ABS(β) at the end")
        case .twoSequenceA, .twoSequenceB, .twoSequenceC:
            d.append(.init("task.T", .int, default: .int(100), min: 1, max: 1_000_000, "Exp. 3: minimal length T"))
            d.append(.init("task.N", .int, default: .int(3), min: 1, max: 1_000_000, "Exp. 3: leading class elements N"))
            d.append(.init("task.noise_variance", .real, default: .real(0.2), min: 0, max: 100,
                           "A12: VARIANCE of the Gaussian input noise"))
            if family == .twoSequenceC {
                d.append(.init("task.target_noise_variance", .real, default: .real(0.1), min: 0, max: 100,
                               "A12: VARIANCE of the Gaussian target noise (3c)"))
            }
            threshold(family == .twoSequenceC ? 0.1 : 0.2, "misclassified when |output - noise-free target| exceeds this")
        case .adding, .multiplication:
            d.append(.init("task.T", .int, default: .int(100), min: 20, max: 1_000_000, "Exps. 4/5: minimal length T"))
            d.append(.init("task.first_pair_rule", .choice, default: .string("paper"), choices: ["paper", "keep"],
                           "A11: a marked first pair gets value \(family == .adding ? "0" : "1.0") (paper) or keeps it"))
            d.append(.init("task.second_marker", .choice, default: .string("unmarked"), choices: ["unmarked", "pairs"],
                           "A11: X2 among the first T/2-1 still unmarked pairs, so the minimal lag is T/2 (unmarked), "
                               + "or among the first T/2-1 pairs less X1's (pairs: the generator before 2026-12-03)"))
            threshold(0.04, "ABS(β) at the end")
        case .temporalOrder2, .temporalOrder3:
            threshold(0.3, "ABS(β): every output's final absolute error below this")
        }
        d.append(.init("task.positions", .choice, default: .string("one_based_inclusive"), choices: ["one_based_inclusive"],
                       "A10: random lengths and positions are 1-based with both bounds inclusive"))
        return d
    }

    // MARK: - net.*

    static func netDefinitions(_ family: TaskFamily, kinds: [String]) -> [ParameterDefinition] {
        let exp2ab = family == .noiseFree || family == .noLocalRegularities
        let exp12 = family == .reber || exp2ab || family == .distractor
        let blocks: Int, cellsPerBlock: Int, biases: String, igb: [Double], ogb: [Double]
        switch family {
        case .reber: (blocks, cellsPerBlock, biases, igb, ogb) = (4, 1, "gates", [], [-1, -2, -3, -4])
        case .noiseFree, .noLocalRegularities: (blocks, cellsPerBlock, biases, igb, ogb) = (1, 1, "none", [], [])
        case .distractor: (blocks, cellsPerBlock, biases, igb, ogb) = (2, 1, "none", [], [])
        case .twoSequenceA, .twoSequenceB, .twoSequenceC:
            (blocks, cellsPerBlock, biases, igb, ogb) = (3, 1, "hidden", [-1, -3, -5], [-2, -4, -6])
        case .adding: (blocks, cellsPerBlock, biases, igb, ogb) = (2, 2, "all", [-3, -6], [])
        case .multiplication: (blocks, cellsPerBlock, biases, igb, ogb) = (2, 2, "all", [], [])
        case .temporalOrder2: (blocks, cellsPerBlock, biases, igb, ogb) = (2, 2, "all", [-2, -4], [])
        case .temporalOrder3: (blocks, cellsPerBlock, biases, igb, ogb) = (3, 2, "all", [-2, -4, -6], [])
        }
        return [
            .init("net.kind", .choice, default: .string("lstm"), choices: kinds, "which learner: the 1997 LSTM or a baseline"),
            .init("net.precision", .choice, default: .string("float64"), choices: ["float64", "float32"],
                  "the LSTM's arithmetic: float64, or float32 (faster; error figures stay float64; lstm only)"),
            .init("net.blocks", .int, default: .int(blocks), min: 1, max: 1000, "memory cell blocks"),
            .init("net.cells_per_block", .int, default: .int(cellsPerBlock), min: 1, max: 1000, "cells per block (S)"),
            .init("net.connectivity", .choice, default: .string(exp2ab ? "layered" : "full"),
                  choices: Connectivity.allCases.map(\.rawValue),
                  "Table 10 c: F (full), B (layered), or A20's B with F's hidden recurrence (layered_recurrent)"),
            .init("net.biases", .choice, default: .string(biases), choices: ["none", "gates", "hidden", "all"],
                  "Table 10 bias: none, ga (gates), b1 (hidden), all"),
            .init("net.output_gates", .bool, default: .bool(!exp2ab), "whether blocks have output gates (2a/2b: none)"),
            .init("net.g", .choice, default: .string(exp2ab ? "logistic" : "symmetric2"), choices: ["symmetric2", "logistic", "symmetric1"],
                  "A14: cell input squashing g: [-2,2] (eq. 5), logistic [0,1] (2a/2b), or [-1,1] (Table 10's caption)"),
            .init("net.h", .choice, default: .string(exp2ab ? "identity" : "symmetric1"), choices: ["symmetric1", "identity", "symmetric2"],
                  "A14: cell output squashing h: [-1,1] (eq. 4), identity (2a/2b), or [-2,2] (Table 10's caption)"),
            .init("net.init_range", .real, default: .real(exp12 ? 0.2 : 0.1), min: 0, max: 10,
                  "§2.6: weights uniform in [-r, r] (0.2 for Exps. 1-2, 0.1 for 3-6)"),
            .init("net.input_gate_bias", .realList, default: .realList(igb), min: -100, max: 100,
                  "Table 10 igb: one per block; empty (r) = random in the init range"),
            .init("net.output_gate_bias", .realList, default: .realList(ogb), min: -100, max: 100,
                  "Table 10 ogb / A13: one per block; empty (r) = random in the init range"),
            .init("net.gate_bias_init", .choice, default: .string("exact"), choices: ["exact", "plus_random"],
                  "A25: a listed gate bias is the bias weight's initial value (exact) or is added to its random draw "
                      + "in the init range (plus_random, as the authors' public simulator does)"),
            .init("net.random_bias_range", .choice, default: .string("experiment"), choices: ["experiment", "caption"],
                  "A4: random (r) gate biases use the experiment's init range, or the caption's [-0.1, 0.1]"),
            .init("net.step_order", .choice, default: .string("three_phase"), choices: ["three_phase"],
                  "A2: inputs, then gates and cells from last step's hidden values, then outputs"),
            .init("net.bias_unit", .choice, default: .string("plus_one"), choices: ["plus_one"],
                  "A3: a bias is a weight from a unit fixed at +1"),
        ]
    }

    // MARK: - train.*

    static func trainDefinitions(_ family: TaskFamily) -> [ParameterDefinition] {
        let lr: Double, cap: Int, testSize: Int
        switch family {
        case .reber: (lr, cap, testSize) = (0.1, 100_000, 256)
        case .noiseFree: (lr, cap, testSize) = (1.0, 5_000_000, 0)
        case .noLocalRegularities: (lr, cap, testSize) = (1.0, 5_000_000, 10_000)
        case .distractor: (lr, cap, testSize) = (0.01, 5_000_000, 10_000)
        case .twoSequenceA, .twoSequenceB: (lr, cap, testSize) = (1.0, 2_000_000, 2560)
        case .twoSequenceC: (lr, cap, testSize) = (0.1, 5_000_000, 2560)
        case .adding, .temporalOrder2: (lr, cap, testSize) = (0.5, 1_000_000, 2560)
        case .multiplication, .temporalOrder3: (lr, cap, testSize) = (0.1, 5_000_000, 2560)
        }
        var d: [ParameterDefinition] = [
            .init("train.learning_rate", .real, default: .real(lr), min: 0, max: 1000, "α (Table 10)"),
            .init("train.update_timing", .choice, default: .string("per_step"), choices: ["per_step", "per_sequence"],
                  "A1/A15: apply weight changes after every target step or once per sequence"),
            .init("train.max_sequences", .int, default: .int(cap), min: 1, max: 1_000_000_000,
                  "budget: training sequences before giving up (5M for Exp. 2, as in the paper)"),
            .init("train.curve_every", .int, default: .int(1000), min: 1, max: 1_000_000_000,
                  "learning-curve sampling interval, in sequences"),
            .init("train.test_size", .int, default: .int(testSize), min: 0, max: 1_000_000,
                  "final test sequences from the test stream (Exp. 1: the fixed test set is used instead)"),
            .init("train.prng", .choice, default: .string("splitmix64"), choices: ["splitmix64"],
                  "A16: the one PRNG; streams weights/training/test of the trial seed"),
        ]
        switch family {
        case .reber:
            d.append(.init("train.check_every", .int, default: .int(1), min: 1, max: 1_000_000_000,
                           "A5/A6: check the training and test sets after every this many sequences (1: after each, the paper's 'success after')"))
            d.append(.init("train.pretest_gate", .bool, default: .bool(false),
                           "A6: check the sets only once the last training-set-size presentations were all correct (an economy of ours, off by default)"))
        case .noiseFree, .noLocalRegularities, .distractor:
            d.append(.init("train.success_window", .int, default: .int(10_000), min: 1, max: 1_000_000_000,
                           "consecutive correct training sequences that make success"))
            d.append(.init("train.success_counts_window", .bool, default: .bool(false),
                           "A6: whether 'success after' includes the success window (training_run only)"))
            d.append(.init("train.success_test", .choice, default: .string("training_run"), choices: ["training_run", "frozen"],
                           "A6: success_window consecutive correct training sequences while learning, or ('after training') the frozen net gets success_window fresh test sequences right"))
            d.append(.init("train.check_every", .int, default: .int(100), min: 1, max: 1_000_000_000,
                           "A6: with success_test=frozen, test the frozen net every this many sequences"))
            if family != .distractor {
                d.append(.init("train.construction", .bool, default: .bool(true),
                               "A8: start with input->output weights only; add the cell when the error stops falling"))
                d.append(.init("train.construction_window", .int, default: .int(100), min: 1, max: 1_000_000,
                               "A8: sequences per error-comparison window"))
                d.append(.init("train.construction_improvement", .real, default: .real(0.01), min: 0, max: 1,
                               "A8: add the cell when a window's mean error fell by less than this fraction"))
                d.append(.init("train.construction_outgoing", .choice, default: .string("random"), choices: ["random", "zero"],
                               "A18: the added cell's weights to the outputs keep their initial draw, or start at 0 so adding it changes no output"))
            }
        case .twoSequenceA, .twoSequenceB, .twoSequenceC:
            let (wrong, mean): (Int, Double) =
                family == .twoSequenceA ? (0, 0.01) : family == .twoSequenceB ? (5, 0.04) : (0, 0.015)
            d += [
                .init("train.st_test_size", .int, default: .int(256), min: 1, max: 1_000_000, "ST1/ST2 check set size"),
                .init("train.st1_max_wrong", .int, default: .int(wrong), min: 0, max: 1_000_000, "ST1: misclassified allowed"),
                .init("train.st2_mean_abs_error", .real, default: .real(mean), min: 0, max: 10,
                      "ST2: mean absolute check-set error below this"),
                .init("train.check_every", .int, default: .int(100), min: 1, max: 1_000_000_000,
                      "A7: at most one check per this many sequences"),
                .init("train.fixed_check_set", .bool, default: .bool(false),
                      "A7: draw the check set once (true) or afresh at every check"),
                .init("train.pretest_gate", .bool, default: .bool(true),
                      "A7: check only once the last st_test_size training sequences meet the criterion"),
            ]
        case .adding, .temporalOrder2, .temporalOrder3:
            d += [
                .init("train.stop_beta", .real, default: .real(family == .adding ? 0.01 : 0.1), min: 0, max: 100,
                      "ST3(β): average training error below β"),
                .init("train.stop_window", .int, default: .int(2000), min: 1, max: 1_000_000, "ST3: recent sequences"),
                .init("train.average_error", .choice, default: .string("sse"), choices: ["sse", "mse", "mae"],
                      "A7: the average training error of ST3"),
            ]
        case .multiplication:
            d += [
                .init("train.n_seq", .int, default: .int(140), min: 1, max: 1_000_000,
                      "Exp. 5: stop when fewer than n_seq recent sequences are wrong (140 or 13)"),
                .init("train.stop_window", .int, default: .int(2000), min: 1, max: 1_000_000, "Exp. 5: recent sequences"),
            ]
        }
        return d
    }
}
