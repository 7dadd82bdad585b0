import EventLog
import Foundation

/// Event ids: random (version 4) UUIDs from the kernel's generator, fetched 4 kB at a
/// time: Foundation's `UUID()` opens /dev/urandom for every id, and a `getrandom` call
/// per id still costs more than the rest of an append.
enum EventID {
    private static let pool = RandomPool()

    /// A new id.
    static func random() -> UUID {
        var b = pool.take16()
        b[6] = (b[6] & 0x0F) | 0x40  // version 4
        b[8] = (b[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

/// Random bytes from `getrandom`, buffered; safe to share between threads.
private final class RandomPool: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var used = 0

    func take16() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if used + 16 > bytes.count { refill() }
        defer { used += 16 }
        return Array(bytes[used..<(used + 16)])
    }

    private func refill() {
        bytes = [UInt8](repeating: 0, count: 4096)
        if !bytes.withUnsafeMutableBytes({ Entropy.fill($0) }) {
            // Only on a kernel without getrandom: the standard library's generator, 8 bytes a call.
            var g = SystemRandomNumberGenerator()
            bytes = (0..<512).flatMap { _ in withUnsafeBytes(of: g.next() as UInt64) { Array($0) } }
        }
        used = 0
    }
}
