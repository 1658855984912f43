// Cross-parameter checks ("net.input_gate_bias needs one value per block") belong to the presets,
// which the sweep system may not import. The executable injects them as a ConfigurationCheck, and
// the parser runs it on every configuration before anything is written (docs/searches.md).

import Yams

/// Checks one configuration of a preset: nil when the parameters fit together, else a one-line reason.
public typealias ConfigurationCheck = @Sendable (_ preset: String, _ parameters: [String: ParameterValue]) -> String?

extension SweepFileReader {
    /// Runs `check` on every configuration (and, for a search, on the searched parameter's extremes).
    ///
    /// The error names the section that varies the configuration (grid, random, search or fixed)
    /// and the configuration's parameters.
    func checkConfigurations(
        _ sweep: SweepDefinition, check: ConfigurationCheck, sections: [String: (key: Node, value: Node)], root: Node
    ) throws(SweepError) {
        let varying = ["grid", "random", "search", "fixed"].compactMap { sections[$0]?.key }.first
        var extremes: [ParameterValue?] = [nil]
        switch sweep.search {
        case .frontier(let frontier)?: extremes = [.int(frontier.start), .int(frontier.max)]
        case .halving(let halving)?: extremes = [.int(halving.budgets[0]), .int(halving.maxBudget)]
        case nil: break
        }
        for point in sweep.configurationPoints() {
            for extreme in extremes {
                var parameters = sweep.fixed.merging(point) { _, new in new }
                if let extreme, let search = sweep.search { parameters[search.parameter] = extreme }
                guard let reason = check(sweep.preset, parameters) else { continue }
                let listed = parameters.keys.sorted().map { "\($0)=\(parameters[$0]?.canonicalJSON ?? "")" }
                throw context.error(
                    .inconsistent,
                    "the configuration {\(listed.joined(separator: ", "))} fails the checks of preset '\(sweep.preset)': \(reason)",
                    varying ?? root)
            }
        }
    }
}
