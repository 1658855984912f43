// Exp. 1's fixed training and test sets (paper §3.1: "256 training strings and 256 separate test
// strings"): their sizes, whose strings they hold, how the strings are drawn (A22), and in what order
// training picks them (A24).

/// The sizes and drawing of Exp. 1's fixed training and test sets.
public struct FixedSets: Sendable, Equatable {
    /// How the strings of the two sets are drawn (A22).
    public enum Drawing: String, Sendable, CaseIterable {
        /// `training` draws from the grammar, repeats kept; `test` draws, less those in the training
        /// set when `removeDuplicates` (the default: 256 draws hold about 95 distinct strings).
        case drawn
        /// The training set holds `training` distinct strings; the test set is drawn as in `drawn`.
        case distinctTraining = "distinct_training"
        /// Both sets hold distinct strings, `training` and `test` of them, and share none.
        case distinct
    }

    /// How training picks its strings from the training set (A24): "training exemplars are picked
    /// randomly from the training set".
    public enum Order: String, Sendable, CaseIterable {
        /// Every training sequence is a uniform draw from the set, with replacement.
        case draws
        /// Passes over the set, each in a fresh random order: every string once per pass.
        case passes
    }

    /// Strings in the training set (drawn, or distinct ones).
    public var training: Int
    /// Strings drawn for the test set (`drawn`), or distinct ones it holds (`distinct`).
    public var test: Int
    /// Whether drawn test strings that are also training strings are dropped.
    public var removeDuplicates: Bool
    /// 0: the trial's seed draws its own pair; K > 0: seed s uses shared pair s mod K.
    public var dataSets: Int
    /// A22.
    public var drawing: Drawing
    /// A24.
    public var order: Order = .draws

    /// Draws allowed per wanted distinct string; a set that would need more stops short (the grammar
    /// has infinitely many strings, so this binds only for sizes far beyond the paper's 256).
    public static let drawsPerString = 100

    /// Whether the training set's strings are distinct.
    public var distinctTraining: Bool { drawing != .drawn }
    /// Whether the test set's strings are distinct (and never training strings).
    public var distinctTest: Bool { drawing == .distinct }
}
