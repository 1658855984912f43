// Experiment 1 (paper §3.1): the embedded Reber grammar. Read a string one symbol per step and
// predict the next symbol at every step. A step is right when the output units of the legal next
// symbols are the most active ones. Fixed 256/256 training and test sets are built by the runner.
import LSTMCore

/// The embedded Reber grammar task (Exp. 1): 7 one-hot inputs and outputs, symbols B T P S X V E.
public struct EmbeddedReber: SequenceTask {
    /// What the training target of a step is (ambiguity A5).
    public enum TargetCoding: String, Sendable, CaseIterable {
        /// One-hot: the symbol that actually follows (the default).
        case next
        /// Multi-hot: every symbol the grammar allows next.
        case allLegal = "all_legal"
    }

    /// When a step's prediction is right (the success test's reading of "the output unit(s)
    /// corresponding to the possible next symbol(s) is(are) always the most active ones").
    public enum SuccessTest: String, Sendable, CaseIterable {
        /// Every legal next symbol's output above every other output (the default).
        case legalOnTop = "legal_on_top"
        /// The single most active output is a legal next symbol.
        case winnerLegal = "winner_legal"
    }

    /// The symbols, in unit order.
    public static let symbols: [Character] = ["B", "T", "P", "S", "X", "V", "E"]
    static let B = 0, T = 1, P = 2, S = 3, X = 4, V = 5, E = 6

    /// The inner Reber graph: state -> [(symbol, next state)]; state 7 is the end.
    static let edges: [[(Int, Int)]] = [
        [(B, 1)], [(T, 2), (P, 3)], [(S, 2), (X, 4)], [(T, 3), (V, 5)],
        [(X, 3), (S, 6)], [(P, 4), (V, 6)], [(E, 7)],
    ]

    /// The training target coding.
    public var targets: TargetCoding
    /// What makes a step right.
    public var success: SuccessTest

    /// Creates the task.
    public init(targets: TargetCoding = .next, success: SuccessTest = .legalOnTop) {
        self.targets = targets
        self.success = success
    }

    public var inputCount: Int { 7 }
    public var outputCount: Int { 7 }
    public var encoding: SequenceExample.Encoding { .oneHot }
    public var lengthHint: Int { 64 }

    /// A random embedded Reber string: B (T|P) <Reber string> (same T|P) E; each branch p = 0.5.
    public func generateString(rng: inout SplitMix64) -> [Int] {
        let branch = rng.bernoulli(0.5) ? Self.T : Self.P
        var string = [Self.B, branch]
        var state = 0
        while state != 7 {
            let options = Self.edges[state]
            let (symbol, next) = options.count == 1 ? options[0] : options[rng.bernoulli(0.5) ? 0 : 1]
            string.append(symbol)
            state = next
        }
        string += [branch, Self.E]
        return string
    }

    /// For each prefix string[0...i], the bitmask of symbols the grammar allows next; nil if the
    /// string is not a complete embedded Reber string. The last entry (after the final E) is 0.
    public static func legalNext(_ string: [Int]) -> [UInt8]? {
        guard string.count >= 2, string[0] == B, string[1] == T || string[1] == P else { return nil }
        let branch = string[1]
        var masks: [UInt8] = [1 << T | 1 << P, 1 << B]
        var state = 0
        var i = 2
        while state != 7 {
            guard i < string.count, let edge = edges[state].first(where: { $0.0 == string[i] }) else { return nil }
            state = edge.1
            masks.append(state == 7 ? 1 << branch : edges[state].reduce(0) { $0 | 1 << $1.0 })
            i += 1
        }
        guard string.count == i + 2, string[i] == branch, string[i + 1] == E else { return nil }
        masks += [1 << E, 0]
        return masks
    }

    /// Whether `string` is an embedded Reber string.
    public static func accepts(_ string: [Int]) -> Bool { legalNext(string) != nil }

    /// Writes `string` into the buffer: inputs are the symbols but the last (no prediction after
    /// the final E, A5), targets the next symbol (or all legal ones).
    public func fill(_ sequence: inout SequenceExample, string: [Int]) {
        sequence.reset(length: string.count - 1)
        let masks = targets == .allLegal ? Self.legalNext(string) : nil
        for t in 0..<(string.count - 1) {
            sequence.setActive(string[t], at: t)
            if let masks {
                for k in 0..<7 { sequence.setTarget(masks[t] & (1 << k) != 0 ? 1 : 0, unit: k, at: t) }
            } else {
                sequence.setOneHotTarget(string[t + 1], at: t)
            }
        }
    }

    @discardableResult
    public func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int {
        fill(&sequence, string: generateString(rng: &rng))
        return 0
    }

    /// Correct when, at every step, the legal next symbols' outputs are all above every other output
    /// (`legalOnTop`), or the highest output is a legal next symbol's (`winnerLegal`).
    public func score(_ sequence: SequenceExample, label: Int, outputs: [Double]) -> SequenceScore {
        var string = (0..<sequence.length).map { sequence.activeInput[$0] }
        string.append(Self.E)
        var score = SequenceScore(correct: true, squaredError: 0, absoluteError: 0, count: 0)
        guard let masks = Self.legalNext(string) else {
            score.correct = false
            return score
        }
        for t in 0..<sequence.length {
            var lowestLegal = Double.infinity, highestLegal = -Double.infinity, highestOther = -Double.infinity
            for k in 0..<7 {
                let y = outputs[t * 7 + k]
                let diff = sequence.target(unit: k, at: t) - y
                score.squaredError += diff * diff
                score.absoluteError += abs(diff)
                if masks[t] & (1 << k) != 0 {
                    (lowestLegal, highestLegal) = (min(lowestLegal, y), max(highestLegal, y))
                } else {
                    highestOther = max(highestOther, y)
                }
            }
            score.count += 7
            if !((success == .legalOnTop ? lowestLegal : highestLegal) > highestOther) { score.correct = false }
        }
        return score
    }
}
