import Foundation

/// Strict UTF-8 decoding that is also fast.
public enum UTF8Text {
    /// The text in `bytes`, or nil if they are not valid UTF-8.
    ///
    /// `String(validating:)` takes a slow generic path here; `String(decoding:)` is fast
    /// but repairs bad sequences with U+FFFD, and a repaired string's bytes differ from
    /// the input, which is how invalid input is caught.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var s = String(decoding: bytes, as: UTF8.self)
        let same = s.withUTF8 { u in
            guard u.count == bytes.count, let x = u.baseAddress, let y = bytes.baseAddress else { return u.count == bytes.count }
            return memcmp(x, y, bytes.count) == 0
        }
        return same ? s : nil
    }

    /// The text in `bytes`, or nil if they are not valid UTF-8.
    public static func decode(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { decode($0) }
    }
}
