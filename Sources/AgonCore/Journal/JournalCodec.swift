import Foundation

/// The journal's line format: compact JSON objects with a `type` and a sequence number `seq`
/// (0 for the header), one a line. Keys are sorted so that files diff cleanly.
public enum JournalCodec {
    public enum DecodedLine: Equatable, Sendable {
        case header(JournalHeader)
        case event(seq: Int, JournalEvent)
        /// A well-formed line of a type this version does not know (a newer Agon wrote it).
        case unknown(seq: Int?, type: String)
    }

    public struct LineError: Error, Equatable, Sendable {
        public var message: String
    }

    public static func encode(header: JournalHeader) -> Data {
        var object = encodeObject(header)
        object["type"] = "header"
        object["seq"] = 0
        return serialize(object)
    }

    public static func encode(event: JournalEvent, seq: Int) -> Data {
        var object: [String: Any]
        switch event {
        case .judgement(let judgement):
            object = encodeObject(judgement)
        case .undo(let item, let at), .skip(let item, let at):
            object = ["item": item, "at": format(at)]
        case .flag(let item, let reason, let at):
            object = ["item": item, "reason": reason, "at": format(at)]
        case .draft(let draft):
            object = encodeObject(draft)
        case .opened(let at):
            object = ["at": format(at)]
        }
        object["type"] = event.typeName
        object["seq"] = seq
        return serialize(object)
    }

    public static func decode(_ line: Data) -> Result<DecodedLine, LineError> {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
            return .failure(LineError(message: JSONLines.describeInvalid(line)))
        }
        guard let type = object["type"] as? String else {
            return .failure(LineError(message: "no `type` field"))
        }
        let seq = object["seq"] as? Int
        do {
            switch type {
            case "header":
                return .success(.header(try decodeObject(JournalHeader.self, line)))
            case "judgement":
                return .success(.event(seq: try require(seq), .judgement(try decodeObject(Judgement.self, line))))
            case "draft":
                return .success(.event(seq: try require(seq), .draft(try decodeObject(Draft.self, line))))
            case "undo", "skip", "flag", "opened":
                let simple = try decodeObject(SimpleEvent.self, line)
                let event: JournalEvent
                switch type {
                case "undo": event = .undo(item: try require(simple.item, "item"), at: simple.at)
                case "skip": event = .skip(item: try require(simple.item, "item"), at: simple.at)
                case "flag": event = .flag(item: try require(simple.item, "item"), reason: simple.reason ?? "", at: simple.at)
                default: event = .opened(at: simple.at)
                }
                return .success(.event(seq: try require(seq), event))
            default:
                return .success(.unknown(seq: seq, type: type))
            }
        } catch let error as LineError {
            return .failure(error)
        } catch let DecodingError.keyNotFound(key, _) {
            return .failure(LineError(message: "\(type) event without `\(key.stringValue)`"))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(LineError(message: "\(type) event: `\(path)` has the wrong type"))
        } catch let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(LineError(message: "\(type) event: `\(path)` is not valid (\(context.debugDescription))"))
        } catch {
            return .failure(LineError(message: "\(type) event could not be read"))
        }
    }

    private struct SimpleEvent: Decodable {
        var item: Int?
        var reason: String?
        var at: Date
    }

    private static func require<T>(_ value: T?, _ name: String = "seq") throws -> T {
        guard let value else { throw LineError(message: "missing `\(name)`") }
        return value
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static func encodeObject<T: Encodable>(_ value: T) -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return [:] }
        return object
    }

    private static func decodeObject<T: Decodable>(_ type: T.Type, _ line: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: line)
    }

    private static func serialize(_ object: [String: Any]) -> Data {
        // Serialising a dictionary built from Codable values and plain numbers cannot fail.
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
