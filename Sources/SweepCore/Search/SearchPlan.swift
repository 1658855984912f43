// Everything a store needs to run an adaptive search without the sweep file: the search, the seeds
// and the configurations (grid points × random samples, in expansion order). Stores keep it as JSON
// (the `search` table) and call `progress(observations:)` after every result of the sweep.
//
// Trial ordinals interleave configurations, so a step of every configuration is claimable before
// the next step of any:  ordinal = (step · configurations + configuration) · seeds + seed index,
// where the step is the frontier probe's index or the halving rung.

import Foundation

/// A sweep's adaptive search, ready to replay against the outcomes seen so far.
public struct SearchPlan: Sendable, Equatable, Codable {
    /// The sweep.
    public var sweepName: String
    /// The search.
    public var search: SearchSpec
    /// The sweep's seeds, in file order.
    public var seeds: [UInt64]
    /// Parameters every trial shares.
    public var fixed: [String: ParameterValue]
    /// The varied parameters of each configuration (grid point and random sample), in expansion order.
    public var points: [[String: ParameterValue]]

    /// Creates a plan.
    public init(
        sweepName: String, search: SearchSpec, seeds: [UInt64], fixed: [String: ParameterValue], points: [[String: ParameterValue]]
    ) {
        self.sweepName = sweepName
        self.search = search
        self.seeds = seeds
        self.fixed = fixed
        self.points = points
    }

    /// The trial of configuration `configuration` with the search parameter at `value`, at step `step`.
    func trial(configuration: Int, value: Int, step: Int, seedIndex: Int) -> SweepTrial {
        var parameters = fixed.merging(points[configuration]) { _, point in point }
        parameters[search.parameter] = .int(value)
        let ordinal = (step * points.count + configuration) * seeds.count + seedIndex
        return SweepTrial(sweepName: sweepName, ordinal: ordinal, parameters: parameters, seed: seeds[seedIndex])
    }

    /// The search's state given every finished trial's observation, by trial identity.
    ///
    /// A pure function: the same observations give the same trials, cancellations and decisions,
    /// whichever process computes them and in whatever order the results arrived.
    public func progress(observations: [String: SearchObservation]) -> SearchProgress {
        switch search {
        case .frontier(let frontier): frontierProgress(frontier, observations: observations)
        case .halving(let halving): halvingProgress(halving, observations: observations)
        }
    }

    // MARK: - Stored form

    private enum CodingKeys: String, CodingKey {
        case sweepName, search, seeds, fixed, points
    }

    /// Decodes a plan; parameter values keep their kinds (see ``TypedParameters``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sweepName = try container.decode(String.self, forKey: .sweepName)
        search = try container.decode(SearchSpec.self, forKey: .search)
        seeds = try container.decode([UInt64].self, forKey: .seeds)
        fixed = try container.decode(TypedParameters.self, forKey: .fixed).values
        points = try container.decode([TypedParameters].self, forKey: .points).map(\.values)
    }

    /// Encodes a plan with typed parameter values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sweepName, forKey: .sweepName)
        try container.encode(search, forKey: .search)
        try container.encode(seeds, forKey: .seeds)
        try container.encode(TypedParameters(fixed), forKey: .fixed)
        try container.encode(points.map(TypedParameters.init), forKey: .points)
    }

    /// The plan as canonical JSON (sorted keys): the `search.plan` column and part of the sweep fingerprint.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a plan from its ``json``.
    public static func decode(json: String) throws -> SearchPlan {
        try JSONDecoder().decode(SearchPlan.self, from: Data(json.utf8))
    }
}
