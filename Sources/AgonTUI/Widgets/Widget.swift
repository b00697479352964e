/// One region of the screen: given a rectangle of the canvas, it draws itself there and nowhere
/// else. A widget is a plain value made from the state for one frame; the layout decides the
/// rectangles (`ScreenLayout`) and `render` hands them out, so moving a region changes the layout
/// and redrawing one changes its widget, never both.
protocol Widget {
    func draw(into canvas: inout Canvas, area: Rect)
}
