// The drift monitor behind `train --watch-states`: mean |s_c| per cell at the end of the training
// sequences between two progress reports (paper §4, "internal state drift").

/// Sums of |s_c| at sequence ends, per cell, until taken.
struct CellStateWatch {
    private var sums: [Double] = []
    private var count = 0

    /// Adds one sequence's final cell states.
    mutating func add(_ states: [Double]) {
        if sums.count != states.count { sums = [Double](repeating: 0, count: states.count) }
        for (c, s) in states.enumerated() { sums[c] += abs(s) }
        count += 1
    }

    /// The mean |s_c| per cell since the last take (nil if no sequence was added), and a fresh start.
    mutating func take() -> [Double]? {
        defer { sums = sums.map { _ in 0 }; count = 0 }
        return count == 0 ? nil : sums.map { $0 / Double(count) }
    }
}
