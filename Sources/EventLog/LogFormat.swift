import CLogSupport

/// The on-disk framing.
///
/// File: a 16-byte header (`GRIDWLOG`, format version u32 LE, 4 zero bytes), then records.
/// Record: `"GW"`, flags u8, reserved u8, payload length u32 LE, CRC-32C u32 LE over
/// flags, reserved, length and payload; then the payload. Flag bit 0 marks the last
/// record of a batch: readers accept records only up to a batch's end, so a batch
/// is all or nothing even if a writer dies half way through writing it.
public enum LogFormat {
    /// The file magic.
    public static let magic: [UInt8] = Array("GRIDWLOG".utf8)
    /// The current format version.
    public static let version: UInt32 = 1
    /// Bytes in the file header.
    public static let headerSize = 16
    /// Bytes in a record header.
    public static let recordHeaderSize = 12
    /// The largest payload a record may carry.
    public static let maxPayload = 16 * 1024 * 1024
    /// Flag: this record ends a batch.
    public static let commitFlag: UInt8 = 1

    /// The file header bytes.
    public static var fileHeader: [UInt8] {
        var h = magic
        appendU32(&h, version)
        appendU32(&h, 0)
        return h
    }

    /// Appends one framed record to `out`.
    public static func frame(_ payload: [UInt8], commit: Bool, into out: inout [UInt8]) {
        let flags: UInt8 = commit ? commitFlag : 0
        var head: [UInt8] = [flags, 0]
        appendU32(&head, UInt32(payload.count))
        var crc = gw_crc32c(0, head, head.count)
        crc = payload.withUnsafeBytes { gw_crc32c(crc, $0.baseAddress, $0.count) }
        out.append(0x47); out.append(0x57)
        out.append(contentsOf: head)
        appendU32(&out, crc)
        out.append(contentsOf: payload)
    }

    static func appendU32(_ out: inout [UInt8], _ v: UInt32) {
        out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8 & 0xFF))
        out.append(UInt8(v >> 16 & 0xFF)); out.append(UInt8(v >> 24))
    }

    static func u32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}

/// One record read back from the log.
public struct LogRecord: Sendable {
    /// Byte offset of the record's header in the file.
    public var offset: UInt64
    /// The payload bytes.
    public var payload: [UInt8]
    /// Whether this record ends a batch.
    public var commit: Bool

    /// Creates a record.
    public init(offset: UInt64, payload: [UInt8], commit: Bool) {
        self.offset = offset; self.payload = payload; self.commit = commit
    }
}

/// The log's checksum, for other files that need the same protection (snapshots).
public enum Checksum {
    /// CRC-32C of `bytes` (hardware-accelerated where the CPU has it).
    public static func crc32c(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        gw_crc32c(0, bytes.baseAddress, bytes.count)
    }
}

/// Random bytes for ids, straight from the kernel.
public enum Entropy {
    /// Fills `buffer` from getrandom(2); false if the kernel refused.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        gw_random_bytes(buffer.baseAddress, buffer.count) == 0
    }
}
