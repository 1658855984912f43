// The shared vocabulary (parameter values, trial specs, stop reasons, the PRNG) is part of
// LSTMTasks' API: its presets, specs and outcomes are written in it.
@_exported import TrialVocabulary
