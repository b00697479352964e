import Foundation
@testable import AgonCore

/// The textbook datasets of `Fixtures/agreement-reference/` (copied from ../shared with their README).
enum ReferenceFixtures {
    static func table(_ name: String, scale: [String]? = nil) throws -> RatingsTable {
        guard let url = Bundle.module.url(forResource: "Fixtures/agreement-reference/\(name)", withExtension: "csv") else {
            throw FixtureMissing(name: name)
        }
        return try RatingsFileReader.read(file: url, displayName: "\(name).csv", scale: scale)
    }

    struct FixtureMissing: Error { var name: String }
}

/// The value rounded to the published number of decimals.
func rounded(_ value: AgreementValue, _ digits: Int) -> Double? {
    guard let value = value.value else { return nil }
    let scale = pow(10.0, Double(digits))
    return (value * scale).rounded() / scale
}
