import Foundation

/// When two spellings name the same rater: after Unicode canonical composition (NFC) and case
/// folding, so `Ann`, `ann` and `ANN` — and `é` typed as one character or as `e` + accent — are one
/// person. Journal file names use the roster's spelling, so every spelling resumes one session.
public enum RaterIdentity {
    /// The comparison key of a name.
    public static func key(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
    }

    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }
}
