/// A fast hash of a name's bytes, taken eight bytes at a time (the last chunk zero-padded), and a
/// scanner that finds the end of an unquoted CSV field (`,`, LF or CR) eight bytes at a time
/// (with `CSVScanner`'s byte test) while hashing the same words, so a name is read once. Names are always verified byte by byte after a hash match.
enum NameHash {
    @inline(__always) static func mix(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
        let mixed = (hash ^ chunk) &* 0x9e37_79b9_7f4a_7c15
        return mixed ^ (mixed >> 32)
    }

    @inline(__always) static func finish(_ hash: UInt64, _ count: Int) -> UInt64 {
        let mixed = (hash ^ UInt64(count)) &* 0xff51_afd7_ed55_8ccd
        return mixed ^ (mixed >> 29)
    }

    static func of(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var offset = 0
        let raw = UnsafeRawPointer(start)
        while offset + 8 <= count {
            hash = mix(hash, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < count {
            var chunk: UInt64 = 0
            for index in 0..<(count - offset) { chunk |= UInt64(start[offset + index]) << (8 * UInt64(index)) }
            hash = mix(hash, chunk)
        }
        return finish(hash, count)
    }

    /// Where the field starting at `from` ends, and the hash of its bytes (equal to `of`).
    @inline(__always)
    static func scanField(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> (end: Int, hash: UInt64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var position = from
        let raw = UnsafeRawPointer(base)
        while position + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let found = CSVScanner.firstByte(word, equalTo: 0x2C) | CSVScanner.firstByte(word, equalTo: 0x0A)
                | CSVScanner.firstByte(word, equalTo: 0x0D)
            if found != 0 {
                let inWord = found.trailingZeroBitCount >> 3
                if inWord > 0 { hash = mix(hash, word & ((1 << (8 * UInt64(inWord))) - 1)) }
                position += inWord
                return (position, finish(hash, position - from))
            }
            hash = mix(hash, word)
            position += 8
        }
        var chunk: UInt64 = 0
        var index: UInt64 = 0
        while position < end {
            let byte = base[position]
            if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
            chunk |= UInt64(byte) << (8 * index)
            index += 1
            position += 1
        }
        if index > 0 { hash = mix(hash, chunk) }
        return (position, finish(hash, position - from))
    }
}
