import Testing
@testable import AgonCore

/// Bang's blinding index against values worked by hand from its definition (Bang, Ni & Davis 2004).
struct BangBlindingIndexTests {
    @Test func theIndexIsCorrectMinusIncorrectOverAllAnswers() {
        #expect(BangBlindingIndex(correct: 6, incorrect: 2, dontKnow: 2).value == 0.4)
        #expect(BangBlindingIndex(correct: 5, incorrect: 5, dontKnow: 0).value == 0)
        #expect(BangBlindingIndex(correct: 0, incorrect: 0, dontKnow: 9).value == 0)
        #expect(BangBlindingIndex(correct: 4, incorrect: 0, dontKnow: 0).value == 1)
        #expect(BangBlindingIndex(correct: 0, incorrect: 3, dontKnow: 1).value == -0.75)
        #expect(BangBlindingIndex(correct: 0, incorrect: 0, dontKnow: 0).value == nil)
    }

    @Test func theIntervalUsesTheMultinomialVarianceAndStaysInRange() throws {
        // 6 right, 2 wrong, 2 unsure: p_c = 0.6, p_i = 0.2, Var = (0.8 − 0.16) / 10 = 0.064.
        let index = BangBlindingIndex(correct: 6, incorrect: 2, dontKnow: 2)
        let half = 1.959_963_984_540_054 * 0.064.squareRoot()
        #expect(abs(try #require(index.lower) - (0.4 - half)) < 1e-12)
        #expect(abs(try #require(index.upper) - (0.4 + half)) < 1e-12)
        let certain = BangBlindingIndex(correct: 3, incorrect: 0, dontKnow: 0)
        #expect(certain.lower == 1 && certain.upper == 1)
        let wide = BangBlindingIndex(correct: 1, incorrect: 0, dontKnow: 1)
        #expect(try #require(wide.upper) <= 1 && (try #require(wide.lower)) >= -1)
        // Nobody guessing is blinding beyond doubt at this n: the interval is the point 0.
        let unsure = BangBlindingIndex(correct: 0, incorrect: 0, dontKnow: 5)
        #expect(unsure.lower == 0 && unsure.upper == 0)
    }
}
