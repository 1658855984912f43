// Warnings about a token file, as ssh warns about a key file others can read (issue 16, item 6).
// They are warnings, not errors: the commands print them on stderr and go on.

import Foundation

extension AccessTokens {
    /// Fewer characters than this, and a token is weak whatever they are.
    static let minimumStrongLength = 16
    /// Estimated bits below which a token is weak: its length times the Shannon entropy of its
    /// characters' frequencies (a 48-hex-digit token from `openssl rand -hex 24` has about 190).
    static let minimumStrongBits = 64.0
    /// Tokens people type; any of them is weak whatever its length.
    static let commonTokens: Set<String> = [
        "password", "password1", "passw0rd", "12345678", "123456789", "1234567890", "qwertyuiop", "changeme",
        "letmein1", "iloveyou", "abcdefgh", "secret12", "trustno1", "administrator", "passwordpassword",
    ]

    /// One line per weak token (short, low in entropy, or a well-known password), naming the file.
    public func weaknessWarnings(file: String) -> [String] {
        [("worker", worker), ("read", read)].compactMap { key, token in
            guard let token, Self.isWeak(token) else { return nil }
            return "warning: the \(key) token in \(file) is weak (fewer than \(Self.minimumStrongLength) characters, "
                + "a common password, or repeated characters); generate one with 'openssl rand -hex 24'"
        }
    }

    static func isWeak(_ token: String) -> Bool {
        guard token.count >= minimumStrongLength, !commonTokens.contains(token.lowercased()) else { return true }
        var counts: [Character: Int] = [:]
        for character in token { counts[character, default: 0] += 1 }
        let length = Double(token.count)
        // Not an identity-bearing value: Foundation's log2 is fine here.
        let bitsPerCharacter = counts.values.reduce(0.0) { sum, count in
            let share = Double(count) / length
            return sum - share * log2(share)
        }
        return bitsPerCharacter * length < minimumStrongBits
    }

    /// A line when the token file can be read or written by its group or by others, nil otherwise.
    public static func permissionWarning(forFile path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let mode = Int(status.st_mode) & 0o777
        guard mode & 0o077 != 0 else { return nil }
        return "warning: the token file \(path) can be read by its group or others (mode \(String(mode, radix: 8))); "
            + "chmod 600 it"
    }
}
