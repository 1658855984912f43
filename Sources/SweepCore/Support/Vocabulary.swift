// The shared vocabulary (parameter values and kinds, trial specs, stop reasons, the PRNG) is part of
// SweepCore's API: whoever imports SweepCore speaks it.
@_exported import TrialVocabulary
