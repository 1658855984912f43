// The most recent N sequences' verdicts in a ring, with running sums: the windows of ST3, the
// n_seq rule, the pretest gates, and progress reports.

/// A ring of the last `capacity` sequence verdicts with running sums.
struct RecentWindow {
    let capacity: Int
    private var correct: [Bool]
    private var error: [Double]
    private var absolute: [Double]
    private var pairs: [Int]
    private var next = 0
    /// How many entries are in the ring (at most `capacity`).
    private(set) var count = 0
    /// Wrong entries, and the sums of `error`, `absolute` and `pairs` over the ring.
    private(set) var wrong = 0
    private(set) var errorSum = 0.0, absoluteSum = 0.0
    private(set) var pairSum = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        correct = [Bool](repeating: true, count: self.capacity)
        error = [Double](repeating: 0, count: self.capacity)
        absolute = error
        pairs = [Int](repeating: 0, count: self.capacity)
    }

    /// Adds a verdict; `error` is the measure the window averages (A7), `absolute` the summed
    /// absolute error over `pairs` scored (step, output) pairs.
    mutating func add(correct ok: Bool, error e: Double, absolute a: Double, pairs n: Int) {
        if count == capacity {
            if !correct[next] { wrong -= 1 }
            errorSum -= error[next]
            absoluteSum -= absolute[next]
            pairSum -= pairs[next]
        } else {
            count += 1
        }
        correct[next] = ok
        error[next] = e
        absolute[next] = a
        pairs[next] = n
        if !ok { wrong += 1 }
        errorSum += e
        absoluteSum += a
        pairSum += n
        next = (next + 1) % capacity
    }

    /// Whether the ring is full.
    var isFull: Bool { count == capacity }
    /// The mean of `error` over the ring.
    var meanError: Double { count == 0 ? 0 : errorSum / Double(count) }
    /// The mean absolute error per scored pair.
    var meanAbsolute: Double { pairSum == 0 ? 0 : absoluteSum / Double(pairSum) }
    /// The share of correct entries.
    var shareCorrect: Double { count == 0 ? 0 : Double(count - wrong) / Double(count) }
}
