/// Checks that TOMLKit's parser (toml++) would otherwise reach an internal assertion on: a table
/// header whose name starts with a character that cannot start a key (`[=`, `[[{`, `[ .`). toml++
/// asserts instead of reporting an error there, which aborts a debug build and is undefined
/// behaviour in a release build; found by `ParserFuzzTests`. Such a file gets an ordinary
/// `file:line` diagnostic before toml++ sees it.
enum TOMLPreflight {
    static func problems(in text: String, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var line = 1
        var depth = 0
        var atLineStart = true
        var scalars = Array(text.unicodeScalars)
        scalars.append("\n")
        var index = 0

        func skipString(quote: Unicode.Scalar) {
            let triple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
            let escapes = quote == "\""
            index += triple ? 3 : 1
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\n" {
                    line += 1
                    if !triple { return }
                }
                if escapes, scalar == "\\" {
                    index += 2
                    continue
                }
                if scalar == quote {
                    if !triple { index += 1; return }
                    if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
                        index += 3
                        while index < scalars.count, scalars[index] == quote { index += 1 }
                        return
                    }
                }
                index += 1
            }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                line += 1
                atLineStart = true
                index += 1
                continue
            case " ", "\t", "\r":
                index += 1
                continue
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            case "\"", "'":
                skipString(quote: scalar)
                atLineStart = false
                continue
            case "[" where depth == 0 && atLineStart:
                var next = index + 1
                while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                if next < scalars.count, scalars[next] == "[" {
                    next += 1
                    while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                }
                if next < scalars.count, !startsKey(scalars[next]), scalars[next] != "]" {
                    problems.append(Diagnostic(file: file, line: line,
                                               message: "not valid TOML: a table header needs a name, e.g. [design] or [[tasks]]"))
                }
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            case "[", "{":
                depth += 1
            case "]", "}":
                depth = max(0, depth - 1)
            default:
                break
            }
            atLineStart = false
            index += 1
        }
        return problems
    }

    private static func startsKey(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "'" || scalar == "_" || scalar == "-"
            || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
    }
}
