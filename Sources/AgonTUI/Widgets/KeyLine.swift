import AgonCore

/// The key line at the bottom: the keys of the current mode, the most needed first when the line is
/// too short for all of them, shown in the key table's order.
struct KeyLine: Widget {
    var mode: Mode
    var rubric: Rubric
    /// The scale of the focused criterion, whose digits the score keys take.
    var scale: ScoreScale
    var language: Language

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        canvas.fill(area, style: Style(.bar))
        var entries: [(keys: String, text: String, priority: Int)] = []
        for binding in KeyMap.bindings(for: mode) {
            guard let short = binding.short else { continue }
            var keys = binding.footerKeys ?? binding.keys.first?.label ?? ""
            if binding.action == .score {
                keys = KeyMap.scoreKeysLabel(rubric, scale: scale)
            }
            entries.append((keys, short.text(in: language), Self.priority(binding.action)))
        }
        var chosen = Set<Int>()
        var used = 1
        for index in entries.indices.sorted(by: { entries[$0].priority < entries[$1].priority }) {
            let entryWidth = DisplayWidth.of(entries[index].keys) + 1 + DisplayWidth.of(entries[index].text) + 2
            if used + entryWidth <= area.width {
                chosen.insert(index)
                used += entryWidth
            }
        }
        var x = area.x + 1
        for index in entries.indices where chosen.contains(index) {
            x = canvas.put(entries[index].keys, x: x, y: area.y, style: Style(.bar, bold: true), limit: area.maxX)
            x = canvas.put(" " + entries[index].text + "  ", x: x, y: area.y, style: Style(.bar), limit: area.maxX)
        }
    }

    private static func priority(_ action: Action) -> Int {
        let order: [Action] = [.guess(.a), .guess(.b), .guess(nil), .continueAfterBreak, .help, .quit, .submit, .score, .showA, .nextCriterion, .prefer(.a), .editNote, .undo, .skip,
                               .flag, .toggleRubric, .describeCriterion, .scrollDown, .finishText, .cancelText, .lineBreak, .markPassage, .yankPassage, .cancelMark, .deleteWord, .keepDraftAndQuit, .discardAndQuit,
                               .stay, .closeHelp]
        return order.firstIndex(of: action) ?? order.count
    }
}
