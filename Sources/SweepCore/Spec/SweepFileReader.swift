// Walks the composed YAML of one sweep file section by section. Each section is checked
// completely, against the preset's schema, before anything is expanded.

import Yams

/// Reads the sections of a composed sweep file (internal to ``SweepFileParser``).
struct SweepFileReader {
    typealias Context = SweepFileParser.Context
    let context: Context
    let schemas: ParameterSchemaProvider
    let check: ConfigurationCheck?

    func read(_ root: Node) throws(SweepError) -> SweepDefinition {
        let pairs = try mapping(root, what: "the sweep file")
        var sections: [String: (key: Node, value: Node)] = [:]
        for (key, value) in pairs {
            let name = key.string ?? ""
            guard SweepFileParser.topLevelKeys.contains(name) else {
                let known = SweepFileParser.topLevelKeys.joined(separator: ", ")
                throw context.error(.invalidSweep, "unknown key '\(name)' (expected one of: \(known))", key)
            }
            sections[name] = (key, value)
        }
        guard let nameNode = sections["name"]?.value else {
            throw context.error(.invalidSweep, "missing 'name:'", root)
        }
        guard let presetNode = sections["preset"]?.value else {
            throw context.error(.invalidSweep, "missing 'preset:'", root)
        }
        // NFC: the NFC and NFD spellings of a name are one sweep (SweepName).
        let name = SweepName.canonical(try string(nameNode, what: "name"))
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw context.error(.invalidSweep, "'name' must be letters, digits, '.', '_' or '-'", nameNode)
        }
        // URL dot-segments: /v1/sweeps/../report would never reach the sweep.
        guard name != ".", name != ".." else {
            throw context.error(.invalidSweep, "'name' must not be '.' or '..'", nameNode)
        }
        let preset = try string(presetNode, what: "preset")
        guard let schema = schemas(preset) else {
            throw context.error(.unknownPreset, "unknown preset '\(preset)'", presetNode)
        }
        let values = ValueReader(context: context, schema: schema)
        let seeds = try sections["seeds"].map { section throws(SweepError) in try readSeeds(section.value) } ?? [0]
        let fixed = try sections["fixed"].map { section throws(SweepError) in try values.fixed(section.value) } ?? [:]
        let grid = try sections["grid"].map { section throws(SweepError) in try values.grid(section.value) } ?? []
        let random = try sections["random"].map { section throws(SweepError) in try values.random(section.value) }
        let budget = try sections["budget"].map { section throws(SweepError) in try readBudget(section.value) } ?? Budget()
        let search = try sections["search"].map { section throws(SweepError) in try readSearch(section.value, schema: schema) }

        // A parameter may be set in one place only.
        var seen: Set<String> = Set(fixed.keys)
        let varied = grid.map { ($0.name, $0.node) } + (random?.parameters ?? []).map { ($0.name, $0.node) }
        for (parameter, node) in varied {
            guard seen.insert(parameter).inserted else {
                throw context.error(.invalidSweep, "parameter '\(parameter)' is set in more than one section", node)
            }
        }
        // The trial count saturates instead of trapping: grid sizes whose product passes Int.max are
        // refused like any sweep over the limit (a trap here once ended `serve` on one submission).
        let saturatingProduct = { (factors: [Int]) in
            factors.reduce(1) { product, factor in
                let (next, overflow) = product.multipliedReportingOverflow(by: factor)
                return overflow ? Int.max : next
            }
        }
        let configurations = saturatingProduct(grid.map(\.values.count) + [max(random?.count ?? 1, 1)])
        let trials = saturatingProduct([configurations, seeds.count])
        guard trials <= SweepFileParser.maximumTrials else {
            let count = trials == Int.max ? "more than \(Int.max)" : "\(trials)"
            throw context.error(
                .badRange, "the sweep expands to \(count) trials (at most \(SweepFileParser.maximumTrials))", root)
        }
        if let search, let section = sections["search"] {
            guard !seen.contains(search.parameter) else {
                throw context.error(
                    .invalidSweep, "parameter '\(search.parameter)' is set by the search; remove it from the other sections",
                    section.key)
            }
            if case .halving = search {
                guard budget.maxSequences == nil else {
                    throw context.error(
                        .invalidSweep, "a halving search sets the budget per rung; remove 'budget: max_sequences'", section.key)
                }
                guard configurations >= 2 else {
                    throw context.error(.invalidSweep, "a halving search needs at least two configurations (grid or random)", section.key)
                }
            }
        }
        let definition = SweepDefinition(
            name: name, preset: preset, seeds: seeds, fixed: fixed,
            grid: grid.map { SweepDefinition.GridAxis(name: $0.name, values: $0.values) },
            randomCount: random?.count ?? 0,
            random: (random?.parameters ?? []).map {
                SweepDefinition.RandomParameter(name: $0.name, distribution: $0.distribution)
            },
            budget: budget, schema: schema, search: search)
        if let check {
            try checkConfigurations(definition, check: check, sections: sections, root: root)
        }
        return definition
    }

    // MARK: - Sections

    private func readSeeds(_ node: Node) throws(SweepError) -> [UInt64] {
        if node.scalar != nil {
            guard node.tagName == .int, let count = node.int, (1...100_000).contains(count) else {
                throw context.error(.badRange, "'seeds' must be a count in 1...100000 or a list of seeds", node)
            }
            return (0..<UInt64(count)).map { $0 }
        }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            throw context.error(.wrongType, "'seeds' must be a count in 1...100000 or a non-empty list of seeds", node)
        }
        var seeds: [UInt64] = []
        for item in sequence {
            guard item.tagName == .int, let seed = item.int, seed >= 0 else {
                throw context.error(.wrongType, "a seed must be a non-negative integer", item)
            }
            guard !seeds.contains(UInt64(seed)) else {
                throw context.error(.invalidSweep, "seed \(seed) is listed twice", item)
            }
            seeds.append(UInt64(seed))
        }
        return seeds
    }

    private func readBudget(_ node: Node) throws(SweepError) -> Budget {
        var budget = Budget()
        for (key, value) in try mapping(node, what: "'budget'") {
            switch key.string {
            case "max_sequences":
                guard value.tagName == .int, let count = value.int, count >= 1 else {
                    throw context.error(.badRange, "'max_sequences' must be a positive integer", value)
                }
                budget.maxSequences = count
            case "max_seconds":
                guard value.tagName == .int || value.tagName == .float, let seconds = value.float, seconds > 0,
                    seconds.isFinite
                else {
                    throw context.error(.badRange, "'max_seconds' must be a positive number", value)
                }
                budget.maxSeconds = seconds
            default:
                throw context.error(
                    .invalidSweep, "unknown budget key '\(key.string ?? "")' (expected max_sequences, max_seconds)", key)
            }
        }
        return budget
    }

    // MARK: - Node helpers

    func mapping(_ node: Node, what: String) throws(SweepError) -> [(Node, Node)] {
        guard let mapping = node.mapping else {
            throw context.error(.wrongType, "\(what) must be a mapping of 'key: value' lines", node)
        }
        return mapping.map { ($0.key, $0.value) }
    }

    func string(_ node: Node, what: String) throws(SweepError) -> String {
        guard let scalar = node.scalar, node.tagName != .null else {
            throw context.error(.wrongType, "'\(what)' must be a string", node)
        }
        return scalar.string
    }
}
