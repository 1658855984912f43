// Successive halving over every configuration of a plan (the rungs: HalvingSearch.swift).

extension SearchPlan {
    func halvingProgress(_ halving: HalvingSearch, observations: [String: SearchObservation]) -> SearchProgress {
        let budgets = halving.budgets
        let rungs = halving.walk(configurations: points.count, seedCount: seeds.count) { configuration, rung, seed in
            observations[trial(configuration: configuration, value: budgets[rung], step: rung, seedIndex: seed).id]
        }
        var progress = SearchProgress(trials: [], cancellations: [], decisions: [], isFinished: false)
        for (index, rung) in rungs.enumerated() {
            let last = index == budgets.count - 1
            for member in rung.members {
                progress.trials += seeds.indices.map {
                    trial(configuration: member, value: rung.budget, step: index, seedIndex: $0)
                }
            }
            for member in rung.members {
                guard let score = rung.scores[member] else { continue }
                let kind: SearchDecision.Kind
                if rung.promoted.contains(member) {
                    kind = last ? .winner : .promote
                } else if rung.stopped.contains(member) {
                    kind = .stop
                } else {
                    continue
                }
                progress.decisions.append(
                    SearchDecision(
                        configuration: member, step: index, kind: kind, value: rung.budget, trials: seeds.count,
                        successes: score.successes, score: score.metric,
                        detail: "\(halving.parameter)=\(rung.budget): \(score.successes)/\(seeds.count) successes, "
                            + "\(halving.metric.rawValue) \(score.metric)"))
            }
            if last, !rung.promoted.isEmpty { progress.isFinished = true }
        }
        return progress
    }
}
