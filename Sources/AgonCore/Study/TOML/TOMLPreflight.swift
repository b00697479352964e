/// Checks for the malformed TOML on which TOMLKit's parser (toml++ 3) reaches an internal assertion
/// instead of reporting an error — which aborts a debug build and is undefined behaviour in a
/// release build. Both were found by `ParserFuzzTests`:
/// - a table header whose name starts with a character that cannot start a key (`[=`, `[[{`);
/// - a `}` where an array expects a value (`a = [}`, `a = [1, }`).
/// Such a file gets an ordinary `file:line` diagnostic before toml++ sees it.
enum TOMLPreflight {
    static func problems(in text: String, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var line = 1
        var brackets: [Unicode.Scalar] = []
        var expectingArrayValue = false
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
                    if !triple { return }  // an unclosed one-line string: the main loop counts this newline
                    line += 1
                }
                if escapes, scalar == "\\" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\n" { line += 1 }  // a line-ending backslash
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
                expectingArrayValue = false
                continue
            case "}" where expectingArrayValue:
                problems.append(Diagnostic(file: file, line: line, message: "not valid TOML: expected a value in the array, found `}`"))
                return problems
            case "[" where brackets.isEmpty && atLineStart:
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
                brackets.append(scalar)
                atLineStart = false
                expectingArrayValue = scalar == "["
                index += 1
                continue
            case "]", "}":
                if !brackets.isEmpty { brackets.removeLast() }
            case "," where brackets.last == "[":
                atLineStart = false
                expectingArrayValue = true
                index += 1
                continue
            default:
                break
            }
            atLineStart = false
            expectingArrayValue = false
            index += 1
        }
        return problems
    }

    private static func startsKey(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "'" || scalar == "_" || scalar == "-"
            || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
    }
}
