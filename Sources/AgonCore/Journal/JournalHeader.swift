import Foundation

/// The first line of a journal: what the session is about, and fingerprints of the content rated,
/// so that a study or rubric edited after the session began is noticed on resume.
public struct JournalHeader: Equatable, Sendable, Codable {
    public static let currentSchema = 1

    public var schema: Int
    public var study: String
    public var rater: String
    public var rubric: String
    public var studyHash: String
    public var rubricHash: String
    public var seed: UInt64
    public var repeatShare: Double
    public var created: Date
    public var fingerprint: StudyFingerprint

    public init(schema: Int = JournalHeader.currentSchema, study: String, rater: String, rubric: String,
                studyHash: String, rubricHash: String, seed: UInt64, repeatShare: Double, created: Date,
                fingerprint: StudyFingerprint) {
        self.schema = schema
        self.study = study
        self.rater = rater
        self.rubric = rubric
        self.studyHash = studyHash
        self.rubricHash = rubricHash
        self.seed = seed
        self.repeatShare = repeatShare
        self.created = created
        self.fingerprint = fingerprint
    }

    public init(bundle: StudyBundle, rater: String, created: Date) {
        self.init(study: bundle.study.id, rater: rater, rubric: bundle.rubric.id,
                  studyHash: bundle.studyHash, rubricHash: SHA256.hex(bundle.rubricBytes),
                  seed: bundle.study.design.seed, repeatShare: bundle.study.design.repeatShare, created: created,
                  fingerprint: StudyFingerprint(bundle: bundle))
    }
}
