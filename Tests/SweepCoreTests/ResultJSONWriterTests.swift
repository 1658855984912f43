// The direct writer of results against its reference, Foundation's JSONEncoder as APICoding sets it
// up: the same bytes for full, sparse and awkward results, and the same refusal of non-finite numbers.

import Foundation
import Testing

@testable import SweepCore

struct ResultJSONWriterTests {
    /// Every field set, with numbers and strings that exercise Foundation's forms.
    static let full = TrialResult(
        success: true, stopReason: .success, sequences: 12_345, testWrong: 0, testSize: 2560, testMSE: 1.5e-05,
        testMeanAbsError: 0.125, weightCount: 93, steps: -7, wallSeconds: 3.0, cpuSeconds: 1e+21,
        stepsPerSecond: 123_456.789, precision: "float64", method: "lstm/1997", errorMessage: "none",
        metrics: ["b": -0.0, "a": 2, "Z": 0.1, "mse": 3.0e-300, "é": 1],
        curve: [
            LearningCurvePoint(sequences: 1, trainingLoss: 0.5, testLoss: 0.25, errorRate: 0.75),
            LearningCurvePoint(sequences: 2, trainingLoss: 4),
        ],
        provenance: Provenance(version: "1.2.3", host: "node-7.cluster/a", build: "release"))

    /// Only the required fields.
    static let sparse = TrialResult(success: false, stopReason: .budget, sequences: 0)

    /// Strings needing every escape Foundation writes.
    static let awkward = TrialResult.error(
        "quote \" backslash \\ slash / controls \u{8}\u{c}\n\r\t\u{1}\u{1f} unicode ✓ 💡",
        provenance: Provenance(host: "h\u{0}"))

    @Test(arguments: [full, sparse, awkward])
    func aCompletionIsWrittenExactlyAsTheEncoderWritesIt(result: TrialResult) throws {
        let completion = TrialCompletion(trialID: String(repeating: "ab", count: 32), token: "to/ken", result: result)
        #expect(try APICoding.encode(completion) == APICoding.encodeWithFoundation(completion))
        #expect(try APICoding.decode(TrialCompletion.self, from: APICoding.encode(completion)) == completion)
    }

    @Test func aBatchAndAnOutboxArrayAreWrittenExactlyAsTheEncoderWritesThem() throws {
        let results = [Self.full, Self.sparse, Self.awkward].enumerated().map {
            TrialCompletion(trialID: "t\($0.offset)", token: "k\($0.offset)", result: $0.element)
        }
        for batch in [ResultBatchRequest(results: results), ResultBatchRequest(results: [])] {
            #expect(try APICoding.encode(batch) == APICoding.encodeWithFoundation(batch))
            // An outbox file with several results holds the bare array.
            #expect(try APICoding.encode(batch.results) == APICoding.encodeWithFoundation(batch.results))
        }
    }

    /// The store keeps a result's metrics as this text (once per accepted result); before it was
    /// JSONEncoder's with sorted keys, which stays the reference.
    @Test(arguments: [full.metrics, [:], ["checksum": 0, "u": 0.6419065935358158], ["x\"/\u{1}": -1e-7]])
    func metricsAreWrittenExactlyAsTheStoresEncoderWroteThem(metrics: [String: Double]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try APICoding.encodeMetrics(metrics) == String(decoding: encoder.encode(metrics), as: UTF8.self))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aNonFiniteNumberIsRefusedLikeTheEncoderRefusesIt(value: Double) {
        var result = Self.sparse
        result.testMSE = value
        let completion = TrialCompletion(trialID: "t", token: "k", result: result)
        #expect(throws: EncodingError.self) { try APICoding.encodeWithFoundation(completion) }
        #expect(throws: EncodingError.self) { try APICoding.encode(completion) }
    }
}
