import AgonCore
import Foundation

/// When to ask again: 429, 5xx, timeouts, dropped connections, malformed responses, empty or cut
/// answers are retried with exponential backoff and full jitter (AWS's "full jitter": a uniform
/// wait in [0, min(cap, base·2ⁿ)]), honouring `Retry-After` when the server sends it. A rejection
/// (400, 401, 404…) is never retried: the study or the key must change first.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseSeconds: Double
    public var capSeconds: Double
    /// The longest `Retry-After` honoured; beyond it the request is given up for this run.
    public var longestRetryAfter: Double

    public init(maxAttempts: Int = 5, baseSeconds: Double = 0.5, capSeconds: Double = 30, longestRetryAfter: Double = 600) {
        self.maxAttempts = maxAttempts
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.longestRetryAfter = longestRetryAfter
    }

    public func shouldRetry(_ reason: CollectionFailure.Reason, attempt: Int) -> Bool {
        guard attempt < maxAttempts else { return false }
        switch reason {
        case .rejected, .cancelled: return false
        case .unavailable, .timeout, .dropped, .malformed, .empty, .length: return true
        }
    }

    /// Seconds to wait before attempt `attempt + 1`; `random` in [0, 1).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, random: Double) -> Double {
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, longestRetryAfter) }
        let ceiling = min(capSeconds, baseSeconds * pow(2, Double(max(attempt - 1, 0))))
        return ceiling * random
    }

    /// `Retry-After` as seconds: a whole number, or an HTTP date (RFC 9110 §10.2.3).
    public static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}
