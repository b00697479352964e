import CNcurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal whose output is read and thrown away: lets the benchmark time real ncurses
/// output without a person's terminal.
public final class PseudoTerminal: @unchecked Sendable {
    public let master: Int32
    public let slavePath: String
    public let slave: Int32

    public init?(width: Int, height: Int) {
        var path = [CChar](repeating: 0, count: 256)
        let master = agon_open_pseudo_terminal(&path, path.count)
        guard master >= 0 else { return nil }
        self.master = master
        slavePath = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        slave = open(slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { return nil }
        resize(width: width, height: height)
        // Drain everything written, as a terminal emulator would, so writes never block.
        let descriptor = master
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { break }
            }
        }
    }

    public func resize(width: Int, height: Int) {
        _ = agon_set_window_size(master, Int32(height), Int32(width))
    }
}
