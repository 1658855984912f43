// The floating-point precision a net computes in (issue 7: float32 as an option; every outcome records it).

/// The precision of a net's weights, activations and partials. Error figures, targets and the recorded
/// outputs are float64 at either precision.
public enum Precision: String, Codable, Sendable, CaseIterable {
    /// IEEE double: the default, and what the paper's numbers are checked against.
    case float64
    /// IEEE single: about twice as many values per vector register; rounds the weights to 24 bits.
    case float32
}
