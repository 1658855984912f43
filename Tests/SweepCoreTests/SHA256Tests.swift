import Testing
@testable import SweepCore

struct SHA256Tests {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test(arguments: SHA256Tests.vectors)
    func digestMatchesStandardVectors(message: String, expected: String) {
        let digest: String = SHA256.hexDigest(message)
        #expect(digest == expected)
    }

    @Test func digestOfOneMillionAsMatchesStandardVector() {
        let message = [UInt8](repeating: 0x61, count: 1_000_000)
        let digest: String = SHA256.hex(SHA256.digest(message))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func splitMixMatchesReferenceOutputs() {
        // Reference values of SplitMix64 seeded with 0 (as in Vigna's splitmix64.c).
        var generator = SplitMix64(seed: 0)
        let first: UInt64 = generator.next()
        let second: UInt64 = generator.next()
        let expected: [UInt64] = [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4]
        #expect([first, second] == expected)
    }
}
