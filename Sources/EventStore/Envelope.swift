import Crypto
import DispatchCore
import EventLog
import Foundation

/// An event as stored: the envelope (sequence, id, type, schema, time, actor, case
/// version, hash chain) around the domain event.
public struct StoredEvent: Sendable {
    /// Gap-free sequence number from 1.
    public var seq: UInt64
    /// A unique id (UUID).
    public var id: UUID
    /// The body's schema version.
    public var schemaVersion: UInt16
    /// The case's version after this event (0 for events not about one case).
    public var caseVersion: UInt32
    /// SHA-256 of the previous record (zeros for the first).
    public var prevHash: [UInt8]
    /// SHA-256 of this record's envelope and body, previous hash included.
    public var hash: [UInt8]
    /// The domain event.
    public var event: Event

    /// The event's type.
    public var type: EventType { event.body.type }
}

/// Encodes and decodes envelopes; computes the hash chain.
public enum EnvelopeCodec {
    static let envelopeVersion: UInt8 = 1
    /// Hash of "nothing before": the first record's previous hash.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// Builds the payload for an event, chaining it to `prevHash`.
    public static func encode(seq: UInt64, id: UUID, event: Event, caseVersion: UInt32, prevHash: [UInt8]) -> (payload: [UInt8], hash: [UInt8]) {
        var w = BinaryWriter(capacity: 256)
        w.u8(envelopeVersion)
        w.fixed64(seq)
        withUnsafeBytes(of: id.uuid) { w.raw(Array($0)) }
        w.varint(UInt64(event.body.type.code))
        w.varint(UInt64(EventCodec.schemaVersion))
        w.int(event.at.ms)
        w.string(event.actor)
        w.varint(UInt64(caseVersion))
        w.raw(prevHash)
        var body = BinaryWriter()
        EventCodec.encode(event.body, into: &body)
        w.varint(UInt64(body.bytes.count))
        w.raw(body.bytes)
        let hash = Array(SHA256.hash(data: w.bytes))
        w.raw(hash)
        return (w.bytes, hash)
    }

    /// The sequence number of a payload without decoding the rest (it follows the version byte).
    public static func peekSeq(_ payload: [UInt8]) -> UInt64? {
        guard payload.count >= 9, payload[0] == envelopeVersion else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(payload[1 + i]) << (8 * UInt64(i)) }
        return v
    }

    /// Decodes a payload. With `checkHash`, also recomputes the record's hash.
    public static func decode(_ payload: [UInt8], checkHash: Bool = false) throws(StoreError) -> StoredEvent {
        guard payload.count > 32 + 1 + 8 + 16 else { throw .decode("record too short") }
        var r = BinaryReader(payload, to: payload.count - 32)
        guard try r.u8() == envelopeVersion else { throw .decode("unknown envelope version") }
        let seq = try r.fixed64()
        let idBytes = try r.raw(16)
        let code = try r.varint()
        guard code <= UInt64(UInt16.max), let type = EventType(code: UInt16(code)) else { throw .decode("unknown event type \(code)") }
        let schema = try r.varint()
        guard schema >= 1, schema <= UInt64(EventCodec.schemaVersion) else { throw .decode("unsupported schema version \(schema)") }
        let at = Instant(ms: try r.int())
        let actor = try r.string()
        let caseVersion = try r.varint()
        guard caseVersion <= UInt64(UInt32.max) else { throw .decode("case version out of range") }
        let prev = try r.raw(32)
        let bodyLen = try r.count(limit: r.end - r.at)
        var body = BinaryReader(payload, from: r.at, to: r.at + bodyLen)
        let decoded = try EventCodec.decode(type, &body)
        guard body.isAtEnd, r.at + bodyLen == r.end else { throw .decode("trailing bytes in record") }
        let hash = Array(payload[(payload.count - 32)...])
        if checkHash, Array(SHA256.hash(data: payload[0..<(payload.count - 32)])) != hash {
            throw .decode("hash mismatch")
        }
        let uuid = idBytes.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }
        return StoredEvent(seq: seq, id: UUID(uuid: uuid), schemaVersion: UInt16(schema), caseVersion: UInt32(caseVersion),
                           prevHash: prev, hash: hash, event: Event(at: at, actor: actor, body: decoded))
    }
}
