import LSTMCore
import Testing

@testable import LSTMTasks

/// Each per-sequence success test accepts outputs just inside its threshold and rejects a near miss.
struct ScoreTests {
    /// Outputs equal to the targets, with `offset` added to unit `unit` at the last step.
    private func outputs(_ seq: SequenceExample, offset: Double, unit: Int = 0) -> [Double] {
        let k = seq.outputCount
        var out = [Double](repeating: 0, count: seq.length * k)
        for t in 0..<seq.length where seq.hasTarget[t] {
            for u in 0..<k { out[t * k + u] = seq.target(unit: u, at: t) }
        }
        out[(seq.length - 1) * k + unit] += offset
        return out
    }

    @Test(arguments: [
        ("adding", 0.04), ("multiplication", 0.04), ("2c", 0.2), ("3a", 0.2), ("6a", 0.3), ("6b", 0.3), ("2b", 0.25),
    ])
    func absoluteCriterionRejectsANearMiss(_ name: String, _ beta: Double) {
        let task: any SequenceTask
        switch name {
        case "adding": task = Adding(T: 100)
        case "multiplication": task = Multiplication(T: 100)
        case "2c": task = DistractorSequence(p: 10, q: 10)
        case "3a": task = TwoSequence(variant: .a, T: 100, N: 3)
        case "6a": task = TemporalOrder(variant: .twoSymbols)
        case "6b": task = TemporalOrder(variant: .threeSymbols)
        default: task = LongLagSequence(variant: .noLocalRegularities, p: 20)
        }
        var rng = SplitMix64(seed: 11)
        var seq = task.makeBuffer()
        let label = task.fill(&seq, rng: &rng)
        let sign = seq.target(unit: 0, at: seq.length - 1) > 0.5 ? -1.0 : 1.0
        #expect(task.score(seq, label: label, outputs: outputs(seq, offset: sign * beta * 0.99)).correct)
        #expect(!task.score(seq, label: label, outputs: outputs(seq, offset: sign * beta * 1.01)).correct)
        #expect(!task.score(seq, label: label, outputs: outputs(seq, offset: .nan)).correct)
    }

    @Test func twoSequenceCScoresAgainstTheNoiseFreeTarget() {
        let task = TwoSequence(variant: .c, T: 100, N: 1)
        var rng = SplitMix64(seed: 12)
        var seq = task.makeBuffer()
        let label = task.fill(&seq, rng: &rng)
        let clean = task.cleanTarget(label: label)
        var out = [Double](repeating: 0, count: seq.length)
        out[seq.length - 1] = clean + 0.099
        #expect(task.score(seq, label: label, outputs: out).correct)
        out[seq.length - 1] = clean + 0.101
        #expect(!task.score(seq, label: label, outputs: out).correct)
    }

    @Test func noiseFreeLongLagNeedsEveryStepRight() {
        let task = LongLagSequence(variant: .noiseFree, p: 10)
        var rng = SplitMix64(seed: 13)
        var seq = task.makeBuffer()
        let label = task.fill(&seq, rng: &rng)
        var out = outputs(seq, offset: 0)
        #expect(task.score(seq, label: label, outputs: out).correct)
        out[3 * 11 + 2] += 0.26  // a miss in the middle of the sequence
        #expect(!task.score(seq, label: label, outputs: out).correct)
    }

    /// A17, Table 11's ABS(β) "at sequence end": a miss in the middle does not count, one at the end does.
    @Test func noiseFreeLongLagJudgedAtTheEndIgnoresMidSequenceMisses() throws {
        let task = LongLagSequence(variant: .noiseFree, p: 10, scoredSteps: .sequenceEnd)
        var rng = SplitMix64(seed: 13)
        var seq = task.makeBuffer()
        let label = task.fill(&seq, rng: &rng)
        var out = outputs(seq, offset: 0)
        out[3 * 11 + 2] += 0.26
        #expect(task.score(seq, label: label, outputs: out).correct)
        out[(seq.length - 1) * 11 + 10] += 0.26 * (seq.target(unit: 10, at: seq.length - 1) > 0.5 ? -1 : 1)
        #expect(!task.score(seq, label: label, outputs: out).correct)
        // The parameter reaches the task, and 2a's default stays every step.
        let a = try Preset.named("2a")
        #expect((a.family.makeTask(try a.schema().resolve([:])) as? LongLagSequence)?.scoredSteps == .everyStep)
        let end = try a.schema().resolve(["task.abs_steps": .string("sequence_end")])
        #expect((a.family.makeTask(end) as? LongLagSequence)?.scoredSteps == .sequenceEnd)
    }

    /// A generated embedded Reber string and outputs with every legal next symbol at 0.6 and every
    /// other symbol at 0.5, at every step.
    static func reberString(seed: UInt64) -> (sequence: SequenceExample, outputs: [Double])? {
        let task = EmbeddedReber()
        var rng = SplitMix64(seed: seed)
        var seq = task.makeBuffer()
        let string = task.generateString(rng: &rng)
        task.fill(&seq, string: string)
        guard let masks = EmbeddedReber.legalNext(string) else { return nil }
        var out = [Double](repeating: 0, count: seq.length * 7)
        for t in 0..<seq.length {
            for k in 0..<7 { out[t * 7 + k] = masks[t] & (1 << k) != 0 ? 0.6 : 0.5 }
        }
        return (seq, out)
    }

    @Test func reberNeedsTheLegalSymbolsOnTop() throws {
        let task = EmbeddedReber()
        // Legal symbols at 0.6, the others at 0.5: correct. Lift one illegal symbol above one legal: wrong.
        let found = try #require(Self.reberString(seed: 14), "generated string rejected")
        let seq = found.sequence
        var out = found.outputs
        #expect(task.score(seq, label: 0, outputs: out).correct)
        let t = 0  // after B: legal are T and P; B is illegal
        out[t * 7 + 0] = 0.61
        #expect(!task.score(seq, label: 0, outputs: out).correct)
    }

    @Test func reberWinnerReadingNeedsOnlyTheMostActiveOutputToBeLegal() throws {
        // Given a string and outputs where, after B, the illegal B sits between the legal T and P.
        let strict = EmbeddedReber(), winner = EmbeddedReber(success: .winnerLegal)
        let found = try #require(Self.reberString(seed: 15), "generated string rejected")
        let seq = found.sequence
        var out = found.outputs
        (out[EmbeddedReber.T], out[EmbeddedReber.B], out[EmbeddedReber.P]) = (0.9, 0.7, 0.6)
        // Then the paper's "units of the possible next symbols are the most active ones" read as the
        // legal set on top fails, and read as "the winner is legal" passes.
        #expect(!strict.score(seq, label: 0, outputs: out).correct)
        #expect(winner.score(seq, label: 0, outputs: out).correct)
        // And when an illegal unit wins, both fail.
        out[EmbeddedReber.B] = 0.95
        #expect(!strict.score(seq, label: 0, outputs: out).correct)
        #expect(!winner.score(seq, label: 0, outputs: out).correct)
        // And the parameter picks the reading.
        let preset = try Preset.named("1-5")
        #expect((preset.family.makeTask(try preset.schema().resolve([:])) as? EmbeddedReber)?.success == .legalOnTop)
        let read = try preset.schema().resolve(["task.reber_success": .string("winner_legal")])
        #expect((preset.family.makeTask(read) as? EmbeddedReber)?.success == .winnerLegal)
    }
}
