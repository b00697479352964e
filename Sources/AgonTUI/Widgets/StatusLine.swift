/// The line of feedback under the note: the latest message, else what still stops the submission,
/// else that the judgement is ready.
struct StatusLine: Widget {
    var strings: Strings
    var message: StatusMessage?
    var missing: [String]

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        let width = area.width - 2
        if let message {
            let role: ColorRole = message.kind == .warning ? .warning : message.kind == .success ? .success : .plain
            canvas.put(" " + TextLayout.truncate(message.text, width: width), x: area.x, y: area.y,
                       style: Style(role, bold: message.kind == .warning), limit: area.maxX)
        } else if missing.isEmpty {
            canvas.put(" " + strings.readyToSubmit, x: area.x, y: area.y, style: Style(.success, bold: true), limit: area.maxX)
        } else {
            canvas.put(" " + TextLayout.truncate(strings.missing(missing), width: width), x: area.x, y: area.y, style: Style(.muted), limit: area.maxX)
        }
    }
}
