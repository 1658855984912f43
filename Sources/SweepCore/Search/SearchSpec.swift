/// The `search:` section of a sweep file: which adaptive search creates the sweep's trials.
public enum SearchSpec: Sendable, Equatable, Codable {
    /// The largest value of an integer parameter that still reaches a success rate.
    case frontier(FrontierSearch)
    /// Successive halving over the training budget.
    case halving(HalvingSearch)

    /// `frontier` or `halving`, as the `search` table's `kind` column says.
    public var kind: String {
        switch self {
        case .frontier: "frontier"
        case .halving: "halving"
        }
    }

    /// The parameter the search sets on every trial it creates.
    public var parameter: String {
        switch self {
        case .frontier(let frontier): frontier.parameter
        case .halving(let halving): halving.parameter
        }
    }
}
