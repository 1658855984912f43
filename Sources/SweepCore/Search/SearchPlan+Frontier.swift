// The frontier search over every configuration of a plan (the walk itself: FrontierSearch.swift).

extension SearchPlan {
    func frontierProgress(_ frontier: FrontierSearch, observations: [String: SearchObservation]) -> SearchProgress {
        var progress = SearchProgress(trials: [], cancellations: [], decisions: [], isFinished: true)
        for configuration in points.indices {
            let walk = frontierWalk(frontier, configuration: configuration, observations: observations)
            for (step, probe) in walk.probes.enumerated() {
                let trials = seeds.indices.map {
                    trial(configuration: configuration, value: probe.value, step: step, seedIndex: $0)
                }
                progress.trials += trials
                guard let passed = probe.passed else { continue }
                progress.cancellations += trials[probe.trials...].map(\.id)
                progress.decisions.append(
                    SearchDecision(
                        configuration: configuration, step: step, kind: passed ? .pass : .fail, value: probe.value,
                        trials: probe.trials, successes: probe.successes,
                        detail: "\(frontier.parameter)=\(probe.value): \(probe.successes)/\(probe.trials) "
                            + (passed ? "reach" : "miss") + " \(frontier.successRate)"))
            }
            if walk.isFinished {
                let passing = walk.largestPassing.map(String.init) ?? "none"
                let failing = walk.smallestFailing.map(String.init) ?? "none"
                progress.decisions.append(
                    SearchDecision(
                        configuration: configuration, step: walk.probes.count, kind: .frontier, value: walk.largestPassing,
                        trials: walk.probes.reduce(0) { $0 + $1.trials }, successes: walk.probes.reduce(0) { $0 + $1.successes },
                        detail: "largestPassing=\(passing) smallestFailing=\(failing)"))
            } else {
                progress.isFinished = false
            }
        }
        return progress
    }

    /// The walk of one configuration.
    public func frontierWalk(
        _ frontier: FrontierSearch, configuration: Int, observations: [String: SearchObservation]
    ) -> FrontierSearch.Walk {
        frontier.walk(seedCount: seeds.count) { value, seed in
            // The step only sets the ordinal, which is not part of the identity.
            observations[trial(configuration: configuration, value: value, step: 0, seedIndex: seed).id]?.success
        }
    }
}
