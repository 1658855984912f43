@testable import LSTMCore
import Testing

/// Nets in SIMD lanes (LaneNetwork) against the same nets run alone (LSTMNetwork): every sequence's
/// figures and outputs, and every net's final weights, bit for bit, while lanes run sequences of
/// different lengths and are refilled with new nets while the other lanes are mid-sequence.
struct LaneTests {
    /// One net's life: its initial weights, learning rate and sequences (train or evaluate).
    struct Script {
        var weights: [Double]
        var learningRate: Double
        var steps: [(sequence: SequenceExample, train: Bool)]
    }

    /// What a net did: per sequence its figures and outputs, then its final weights (as bits).
    struct Record: Equatable {
        var stats: [SequenceStats] = []
        var outputs: [[UInt64]] = []
        var weights: [UInt64] = []
    }

    /// Random scripts for `count` nets of `topology`: 1-6 sequences each of 1-`maxLength` steps.
    static func scripts(
        _ topology: LSTMTopology, count: Int, oneHot: Bool, maxLength: Int, _ rng: inout SplitMix64
    ) -> [Script] {
        (0..<count).map { _ in
            let net = TestNets.network(topology, &rng)
            let steps = (0..<rng.integer(in: 1...6)).map { _ in
                (TestNets.sequence(topology, length: rng.integer(in: 1...maxLength), oneHot: oneHot,
                                   everyStep: rng.bernoulli(0.5), &rng), rng.bernoulli(0.8))
            }
            return Script(weights: net.weights, learningRate: rng.uniform(0.05, 1.5), steps: steps)
        }
    }

    /// Each script alone on an LSTMNetwork.
    static func runAlone(_ scripts: [Script], _ topology: LSTMTopology, _ precision: Precision, _ timing: UpdateTiming) -> [Record] {
        scripts.map { script in
            let net = LSTMNetwork(topology: topology, weights: script.weights, precision: precision)
            var record = Record()
            for (seq, train) in script.steps {
                record.stats.append(train ? net.train(seq, learningRate: script.learningRate, timing: timing) : net.evaluate(seq))
                record.outputs.append(net.stepOutputs.prefix(seq.length * topology.outputCount).map(\.bitPattern))
            }
            record.weights = net.weights.map(\.bitPattern)
            return record
        }
    }

    /// The scripts in lanes (4 in float64, 8 in float32): each lane takes the next script when its own ends.
    static func runInLanes(
        _ scripts: [Script], _ topology: LSTMTopology, _ precision: Precision, _ timing: UpdateTiming,
        variant: KernelVariant = .preferred
    ) -> [Record] {
        let lanes = LaneNetwork(topology: topology, precision: precision)
        lanes.kernelVariant = variant
        var records = [Record](repeating: Record(), count: scripts.count)
        var current = [Int?](repeating: nil, count: lanes.laneCount), step = [Int](repeating: 0, count: lanes.laneCount)
        var nextScript = 0
        lanes.run { lane, finished in
            if let finished, let index = current[lane] {
                let length = scripts[index].steps[step[lane]].sequence.length
                records[index].stats.append(finished)
                records[index].outputs.append(lanes.stepOutputs(lane: lane).prefix(length * topology.outputCount).map(\.bitPattern))
                step[lane] += 1
                if step[lane] == scripts[index].steps.count {
                    records[index].weights = lanes.weights(lane: lane).map(\.bitPattern)
                    current[lane] = nil
                }
            }
            if current[lane] == nil {
                guard nextScript < scripts.count else { return nil }
                (current[lane], step[lane]) = (nextScript, 0)
                lanes.setWeights(scripts[nextScript].weights, lane: lane)
                nextScript += 1
            }
            guard let index = current[lane] else { return nil }
            let (seq, train) = scripts[index].steps[step[lane]]
            return LaneWork(seq, train ? .train(learningRate: scripts[index].learningRate, timing: timing) : .evaluate)
        }
        return records
    }

    /// Every net's figures, outputs and final weights agree, net by net.
    static func expectSame(_ lanes: [Record], _ alone: [Record]) {
        #expect(lanes.count == alone.count)
        for (i, (l, a)) in zip(lanes, alone).enumerated() {
            #expect(l.stats == a.stats, "net \(i)")
            #expect(l.outputs == a.outputs, "net \(i)")
            #expect(l.weights == a.weights, "net \(i)")
        }
    }

    /// A random topology, by the case's seed: a one-quad net, or a generic full or layered one.
    static func topology(_ seed: UInt64, _ rng: inout SplitMix64) -> LSTMTopology {
        seed % 3 == 0
            ? CompactKernelTests.compactTopology(&rng)
            : TestNets.topology(&rng, connectivity: seed % 3 == 1 ? .full : .layered)
    }

    @Test(arguments: 0..<40)
    func lanesComputeTheBitsOfNetsRunAlone(seed: UInt64) {
        // Given eleven random nets of one random topology (one-quad and generic shapes, both
        // connectivities, both encodings), with sequences of different lengths per net.
        var rng = SplitMix64(seed: 31_000 + seed)
        let topology = Self.topology(seed, &rng)
        let precision: Precision = seed % 4 == 3 ? .float32 : .float64
        let timing: UpdateTiming = seed % 2 == 0 ? .perStep : .perSequence
        let scripts = Self.scripts(topology, count: 11, oneHot: rng.bernoulli(0.5), maxLength: 30, &rng)
        // When they run four at a time in lanes, refilled as each finishes, and each alone.
        let alone = Self.runAlone(scripts, topology, precision, timing)
        let lanes = Self.runInLanes(scripts, topology, precision, timing)
        // Then every figure, output and final weight agrees bit for bit.
        Self.expectSame(lanes, alone)
    }

    @Test(arguments: 0..<12)
    func eightFloat32LanesComputeTheBitsOfNetsRunAlone(seed: UInt64) {
        // Given nineteen random float32 nets of one random topology: more than two rounds of eight
        // lanes, so lanes 4-7 too are refilled while the others are mid-sequence.
        var rng = SplitMix64(seed: 35_000 + seed)
        let topology = Self.topology(seed, &rng)
        let timing: UpdateTiming = seed % 2 == 0 ? .perStep : .perSequence
        let scripts = Self.scripts(topology, count: 19, oneHot: seed % 4 < 2, maxLength: 30, &rng)
        // When they run eight at a time in lanes and each alone.
        #expect(LaneNetwork.laneCount(.float32) == 8 && LaneNetwork.laneCount(.float64) == 4)
        let lanes = Self.runInLanes(scripts, topology, .float32, timing)
        let alone = Self.runAlone(scripts, topology, .float32, timing)
        // Then every figure, output and final weight agrees bit for bit.
        Self.expectSame(lanes, alone)
    }

    @Test(arguments: 0..<8)
    func wideNetsInLanesComputeTheBitsOfNetsRunAlone(seed: UInt64) {
        // Given nets wider than TestNets' random ones: 4-9 outputs, 4-5 blocks of 4 cells or of 1-5,
        // up to 9 inputs. The lane kernels take every row, cell and output chunk size (4, 2, 1), the
        // block sums of 4 cells and of any other count, and the output gates four at a time.
        var rng = SplitMix64(seed: 34_000 + seed)
        let topology = LSTMTopology(
            inputCount: rng.integer(in: 1...9), outputCount: rng.integer(in: 4...9),
            blockCount: rng.integer(in: 4...5), cellsPerBlock: seed % 2 == 0 ? 4 : rng.integer(in: 1...5),
            connectivity: seed % 4 < 2 ? .full : .layered, biases: BiasSet.allCases[Int(seed % 4)],
            hasOutputGates: seed % 8 != 7, cellInput: seed % 5 == 4 ? .symmetric1 : .symmetric2,
            cellOutput: seed % 3 == 0 ? .identity : seed % 5 == 1 ? .symmetric2 : .symmetric1)
        let precision: Precision = seed % 4 == 3 ? .float32 : .float64
        let timing: UpdateTiming = seed % 3 == 2 ? .perSequence : .perStep
        let scripts = Self.scripts(topology, count: 6, oneHot: seed % 2 == 1, maxLength: 20, &rng)
        // When they run in lanes and alone, then every figure, output and final weight agrees.
        #expect(Self.runInLanes(scripts, topology, precision, timing) == Self.runAlone(scripts, topology, precision, timing))
    }

    @Test(.enabled(if: KernelVariant.haswell.isSupported, "this CPU has no AVX2"), arguments: 0..<8)
    func portableAndHaswellLaneKernelsAgree(seed: UInt64) {
        var rng = SplitMix64(seed: 32_000 + seed)
        let topology = TestNets.topology(&rng, connectivity: seed % 2 == 0 ? .full : .layered)
        let precision: Precision = seed % 4 < 2 ? .float64 : .float32
        let scripts = Self.scripts(topology, count: 6, oneHot: seed % 3 == 0, maxLength: 25, &rng)
        let portable = Self.runInLanes(scripts, topology, precision, .perStep, variant: .portable)
        let haswell = Self.runInLanes(scripts, topology, precision, .perStep, variant: .haswell)
        #expect(portable == haswell)
    }

    @Test func scalarAndLaneExpAgreeBitForBit() {
        // The lane kernels take the SIMD4 exp where a net alone may take the scalar one.
        var rng = SplitMix64(seed: 33_000)
        for _ in 0..<20_000 {
            let x = SIMD4<Double>(rng.uniform(-800, 800), rng.uniform(-40, 40), rng.uniform(-1, 1), rng.uniform(-1e-3, 1e-3))
            let lanes = Elementary.exp(x)
            let logistic = Elementary.logistic(x)
            for l in 0..<4 {
                #expect(lanes[l].bitPattern == Elementary.exp(x[l]).bitPattern)
                #expect(logistic[l].bitPattern == Elementary.logistic(x[l]).bitPattern)
            }
        }
    }
}
