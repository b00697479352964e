/// Gives each distinct byte string a small integer id, without making a `String` per row: the
/// ratings reader sees a million rows but only a few thousand distinct unit, rater and value
/// names. Open addressing over FNV-1a hashes; keys are copied once, into one arena.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Open-addressing table: the high 32 bits of a key's hash and its id + 1 (0 = empty), so a
    /// probe touches one word.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { starts.count }

    /// The id of these bytes, adding them when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        let tag = hash & 0xFFFF_FFFF_0000_0000
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if lengths[index] == bytes.count, equal(index, bytes) { return Int32(index) }
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(arena.count)
        lengths.append(bytes.count)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        slots[slot] = tag | UInt64(id + 1)
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    /// Whether `id` names exactly these bytes.
    func matches(_ id: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let index = Int(id)
        return lengths[index] == bytes.count && equal(index, bytes)
    }

    func string(_ id: Int32) -> String {
        let index = Int(id)
        return String(decoding: arena[starts[index]..<(starts[index] + lengths[index])], as: UTF8.self)
    }

    var strings: [String] { (0..<starts.count).map { string(Int32($0)) } }

    private func equal(_ index: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = starts[index]
        return arena.withUnsafeBufferPointer { arena in
            for offset in 0..<bytes.count where arena[start + offset] != bytes[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for index in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[index] ^ (hashes[index] >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hashes[index] & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
        }
    }
}
