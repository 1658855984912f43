// Types of the LSTMKernels module that belong to LSTMCore's public API.
import LSTMKernels
// The shared vocabulary (the PRNG, parameter values, trial specs, stop reasons) is part of LSTMCore's API.
@_exported import TrialVocabulary

/// The error figures of one sequence (defined with the kernels, which fill them in).
public typealias SequenceStats = LSTMKernels.SequenceStats

/// The portable exp, log and logistic every learner and the PRNG use (defined with the kernels, which
/// inline them).
public typealias Elementary = LSTMKernels.Elementary
