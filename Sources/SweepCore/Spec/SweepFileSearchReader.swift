// The `search:` section of a sweep file (format: sweeps/README.md, semantics: docs/searches.md).
// Exactly one of `frontier:` or `halving:`, each checked against the preset's schema.

import Yams

extension SweepFileReader {
    static let frontierKeys = ["parameter", "start", "max", "resolution", "success_rate", "growth", "early_decision"]
    static let halvingKeys = ["parameter", "min_sequences", "max_sequences", "eta", "metric"]

    func readSearch(_ node: Node, schema: ParameterSchema) throws(SweepError) -> SearchSpec {
        let pairs = try mapping(node, what: "'search'")
        guard pairs.count == 1, let (key, value) = pairs.first else {
            throw context.error(.invalidSweep, "'search' needs exactly one of 'frontier' or 'halving'", node)
        }
        let fields = try fields(value, allowed: key.string == "frontier" ? Self.frontierKeys : Self.halvingKeys, key: key)
        switch key.string {
        case "frontier":
            let (parameter, range) = try integerParameter(fields["parameter"], schema: schema, section: value)
            let start = try integer(fields["start"], "start", in: range, section: value)
            let max = try integer(fields["max"], "max", in: start...range.upperBound, section: value)
            let minimum = Swift.max(1, range.lowerBound)
            guard start >= minimum else {
                throw context.error(.badRange, "'start' must be at least \(minimum)", fields["start"])
            }
            let resolution = try real(fields["resolution"], "resolution", rule: "above 1", section: value) { $0 > 1 }
            let rate = try real(fields["success_rate"], "success_rate", rule: "in (0, 1]", section: value) { $0 > 0 && $0 <= 1 }
            let growth =
                try fields["growth"].map { node throws(SweepError) in
                    try real(node, "growth", rule: "above 1", section: value) { $0 > 1 }
                } ?? 2
            var early = true
            if let node = fields["early_decision"] {
                guard node.tagName == .bool, let flag = node.bool else {
                    throw context.error(.wrongType, "'early_decision' must be true or false", node)
                }
                early = flag
            }
            return .frontier(
                FrontierSearch(
                    parameter: parameter, start: start, max: max, minimum: minimum, resolution: resolution,
                    successRate: rate, growth: growth, decidesEarly: early))
        case "halving":
            let named = fields["parameter"]
            let (parameter, range) = try integerParameter(named, schema: schema, section: value, default: "train.max_sequences")
            let low = try integer(
                fields["min_sequences"], "min_sequences", in: Swift.max(1, range.lowerBound)...range.upperBound,
                section: value)
            let high = try integer(fields["max_sequences"], "max_sequences", in: low...range.upperBound, section: value)
            let eta = try integer(fields["eta"], "eta", in: 2...1000, section: value, default: 3)
            var metric = HalvingSearch.Metric.finalLoss
            if let node = fields["metric"] {
                let known = HalvingSearch.Metric.allCases.map(\.rawValue)
                guard let text = node.string, let chosen = HalvingSearch.Metric(rawValue: text) else {
                    throw context.error(.badRange, "'metric' must be one of: \(known.joined(separator: ", "))", node)
                }
                metric = chosen
            }
            guard high / eta >= low else {
                throw context.error(.badRange, "'max_sequences' must be at least eta × 'min_sequences' (two rungs)", value)
            }
            return .halving(HalvingSearch(parameter: parameter, minBudget: low, maxBudget: high, eta: eta, metric: metric))
        default:
            throw context.error(.invalidSweep, "unknown search '\(key.string ?? "")' (expected frontier or halving)", key)
        }
    }

    // MARK: - Fields

    private func fields(_ node: Node, allowed: [String], key: Node) throws(SweepError) -> [String: Node] {
        var fields: [String: Node] = [:]
        for (name, value) in try mapping(node, what: "'\(key.string ?? "search")'") {
            guard let text = name.string, allowed.contains(text) else {
                throw context.error(
                    .invalidSweep, "unknown key '\(name.string ?? "")' (expected one of: \(allowed.joined(separator: ", ")))", name)
            }
            fields[text] = value
        }
        return fields
    }

    private func integerParameter(
        _ node: Node?, schema: ParameterSchema, section: Node, default fallback: String? = nil
    ) throws(SweepError) -> (String, ClosedRange<Int>) {
        guard let name = node?.string ?? fallback else {
            throw context.error(.invalidSweep, "missing 'parameter:'", section)
        }
        guard case .integer(let range)? = schema.entries[name]?.kind else {
            throw context.error(.wrongType, "the searched parameter '\(name)' must be an integer parameter of the preset", node ?? section)
        }
        return (name, range)
    }

    private func integer(
        _ node: Node?, _ name: String, in range: ClosedRange<Int>, section: Node, default fallback: Int? = nil
    ) throws(SweepError) -> Int {
        guard let node else {
            if let fallback { return fallback }
            throw context.error(.invalidSweep, "missing '\(name):'", section)
        }
        guard node.tagName == .int, let value = node.int else {
            throw context.error(.wrongType, "'\(name)' must be an integer", node)
        }
        guard range.contains(value) else {
            throw context.error(.badRange, "'\(name)' must be in \(range.lowerBound)...\(range.upperBound)", node)
        }
        return value
    }

    private func real(
        _ node: Node?, _ name: String, rule: String, section: Node, valid: (Double) -> Bool
    ) throws(SweepError) -> Double {
        guard let node else { throw context.error(.invalidSweep, "missing '\(name):'", section) }
        guard node.tagName == .int || node.tagName == .float, let value = node.float, value.isFinite else {
            throw context.error(.wrongType, "'\(name)' must be a number", node)
        }
        guard valid(value) else { throw context.error(.badRange, "'\(name)' must be \(rule)", node) }
        return value
    }
}
