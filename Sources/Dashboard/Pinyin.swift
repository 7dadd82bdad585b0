import Foundation

/// Pinyin keys for Chinese text, so that `jzq` and `jinzhouqu` find 金州区 and `tudi`
/// finds 土地. Each Han character is read once through ICU's Han-Latin transform and
/// remembered; characters with two common readings (长 in 长海县 and 长期) match by
/// either, since ICU reads one character at a time without the word around it.
final class Pinyin: @unchecked Sendable {
    /// The console's one table (its lock makes it safe from any thread).
    static let shared = Pinyin()

    private let lock = NSLock()
    private var readings: [Character: [String]] = [:]
    private var keyCache: [String: [String]] = [:]

    private static let polyphones: [Character: [String]] = [
        "长": ["chang", "zhang"], "重": ["chong", "zhong"], "地": ["di", "de"], "行": ["xing", "hang"],
        "还": ["huan", "hai"], "调": ["tiao", "diao"], "乐": ["le", "yue"], "单": ["dan", "shan"],
        "会": ["hui", "kuai"], "传": ["chuan", "zhuan"], "省": ["sheng", "xing"], "曾": ["zeng", "ceng"],
    ]
    /// At most this many readings of one text are kept (texts with many polyphones).
    private static let maxKeys = 8
    /// Texts whose keys are remembered at most.
    private static let maxCached = 200_000

    /// Whether `query` (ASCII letters) is in the full pinyin or the initials of `text`.
    func matches(_ text: String, _ query: String) -> Bool {
        keys(text).contains { $0.contains(query) }
    }

    /// The full pinyin and the initials of each reading of `text`, lower case, without
    /// spaces; characters other than Han are kept as they are (lower-cased).
    func keys(_ text: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let known = keyCache[text] { return known }
        var full: [String] = [""], initials: [String] = [""]
        for c in text {
            let options = isHan(c) ? reading(c) : [String(c).lowercased()]
            full = Array(full.flatMap { f in options.map { f + $0 } }.prefix(Self.maxKeys))
            initials = Array(initials.flatMap { i in options.map { i + String($0.prefix(1)) } }.prefix(Self.maxKeys))
        }
        let all = full + initials
        // Titles are many and a console runs for weeks: start the cache again rather
        // than let it grow without end (a key costs microseconds to make again).
        if keyCache.count >= Self.maxCached { keyCache.removeAll(keepingCapacity: true) }
        keyCache[text] = all
        return all
    }

    private func reading(_ c: Character) -> [String] {
        if let known = readings[c] { return known }
        let read = Self.polyphones[c] ?? [String(c).applyingTransform(.toLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased().filter(\.isLetter) ?? String(c)]
        readings[c] = read
        return read
    }

    private func isHan(_ c: Character) -> Bool {
        c.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) } ?? false
    }
}
