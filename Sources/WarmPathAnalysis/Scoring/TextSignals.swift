import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// What the scorer reads from a message's text: a hash of its normalised words (names of the
/// people in the message removed, digit runs collapsed), its length, and personal markers.
///
/// The text itself never leaves this type; reports only see the derived flags.
public struct TextFeatures: Sendable, Hashable {
    /// FNV-1a over the normalised words, names removed. Equal hashes = same text, names aside.
    public var hash: UInt64
    /// Words kept after name removal.
    public var words: Int
    /// A question, the recipient's first name, or a word of the personal lexicon
    /// (family, home, leisure, health, congrats, thanks, ...).
    public var personal: Bool

    public init(hash: UInt64, words: Int, personal: Bool) {
        self.hash = hash
        self.words = words
        self.personal = personal
    }
}

/// Byte-level text normalisation and the personal-marker lexicon (Gilbert & Karahalios 2009
/// intimacy and positive-emotion words, LIWC-like categories).
public enum TextSignals {
    /// Lower-case words of the personal lexicon.
    public static let lexicon: [String] = [
        "family", "home", "kids", "kid", "wife", "husband", "son", "daughter", "mom", "mum", "dad", "baby", "parents",
        "brother", "sister", "wedding", "birthday", "vacation", "holiday", "holidays", "weekend", "trip", "dinner",
        "lunch", "coffee", "beer", "drinks", "party", "game", "fun", "health", "hospital", "sick", "surgery",
        "recovery", "feel", "feeling", "sorry", "miss", "love", "hope", "congrats", "congratulations", "thanks",
        "thank", "grateful", "proud", "friend", "friends", "catch", "remember",
    ]

    static let lexiconHashes: Set<UInt64> = Set(lexicon.map { hashWord(Array($0.utf8)) })

    @inline(__always)
    static func hashWord(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// Hashes of the lower-cased word tokens of a name ("Ana María Ruiz" → ana, maría, ruiz).
    public static func nameTokenHashes(_ name: String) -> [UInt64] {
        var out: [UInt64] = []
        forEachToken(name) { h, _ in out.append(h) }
        return out
    }

    /// Calls `body(hash, isDigits)` for each token: runs of ASCII letters/digits (lower-cased) or
    /// non-ASCII bytes; a digit run hashes as `0`.
    @inline(__always)
    static func forEachToken(_ text: String, _ body: (UInt64, Bool) -> Void) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var len = 0
        var digits = true
        var t = text
        t.withUTF8 { buf in
            for var b in buf {
                let isUpper = b >= 65 && b <= 90
                let isLower = b >= 97 && b <= 122
                let isDigit = b >= 48 && b <= 57
                if isUpper || isLower || isDigit || b >= 0x80 || b == 39 /* ' */ {
                    if b == 39 { continue }
                    if isUpper { b += 32 }
                    if !isDigit { digits = false }
                    h ^= UInt64(b)
                    h = h &* 0x0000_0100_0000_01b3
                    len += 1
                } else {
                    if len > 0 { body(digits ? 0x30 : h, digits) }
                    h = 0xcbf2_9ce4_8422_2325
                    len = 0
                    digits = true
                }
            }
        }
        if len > 0 { body(digits ? 0x30 : h, digits) }
    }

    /// Features of one message.
    /// - Parameters:
    ///   - names: token hashes of the sender's and recipients' names (removed from the hash).
    ///   - recipientFirstNames: token hashes of the recipients' first names (a personal marker).
    /// - Complexity: O(length of the text).
    public static func features(_ text: String, names: [UInt64], recipientFirstNames: [UInt64]) -> TextFeatures {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var words = 0
        var personal = text.utf8.contains(UInt8(ascii: "?"))
        forEachToken(text) { tok, _ in
            if recipientFirstNames.contains(tok) { personal = true }
            if names.contains(tok) { return }
            if !personal, lexiconHashes.contains(tok) { personal = true }
            words += 1
            h ^= tok
            h = h &* 0x0000_0100_0000_01b3
            h = (h << 7) | (h >> 57)
        }
        return TextFeatures(hash: h, words: words, personal: personal)
    }
}
