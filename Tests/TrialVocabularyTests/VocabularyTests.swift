import Testing
import TrialVocabulary

/// The shared words must read the same to both halves: one coding, one PRNG stream.
struct VocabularyTests {
    @Test func splitMix64MatchesTheReferenceOutputs() {
        // Reference outputs of SplitMix64 for seed 0 (Steele, Lea & Flood; Vigna's splitmix64.c)
        var generator = SplitMix64(seed: 0)
        #expect([generator.next(), generator.next(), generator.next()] == [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
        ])
    }

    @Test func valuesHaveOneCanonicalFormAndOneSpelling() {
        #expect(ParameterValue.canonicalJSON(["b": .real(1), "a": .string("x\n"), "c": .realList([])]) == #"{"a":"x\n","b":1.0,"c":[]}"#)
        #expect(ParameterValue.realList([]).description == "r")
        #expect(ParameterValue.realList([-3, -6]).description == "-3.0,-6.0")
        #expect(ParameterValue.int(7).canonicalJSON == "7")
    }

    @Test func everyStopReasonIsSpelledAsStored() {
        #expect(StopReason.allCases.map(\.rawValue) == ["success", "budget", "diverged", "cancelled", "error"])
    }
}
