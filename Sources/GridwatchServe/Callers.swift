import Config
import Crypto
import EventStore
import DispatchCore

/// An HTTP caller: the key that named it, and the principal every check and record uses.
public struct Caller: Sendable {
    public var key: AccessPolicy.Key
    public var principal: Principal

    /// What the caller's commands are recorded as and checked by.
    var acting: Acting { Acting(actor: principal.actor, access: AccessCheck(principal)) }
    var check: AccessCheck { AccessCheck(principal) }
}

/// The policy's `[[key]]` tables, looked up by the SHA-256 of the key a caller presents.
/// Only hashes are held: a copy of the policy gives nobody a key.
public struct CallerTable: Sendable {
    private let byHash: [String: Caller]

    /// The callers of `policy`'s keys. `uid` is the account running the service: a
    /// record names both the key and the account that served it (`key:NAME (uid N)`).
    public init(policy: AccessPolicy, uid: UInt32) {
        var table: [String: Caller] = [:]
        for k in policy.keys {
            let grants = k.kind == .intake ? [Grant(role: .intake, unit: k.unit ?? "*")] : []
            let p = Principal(name: "key:\(k.name)", uid: uid, grants: grants, agencies: k.agency.map { [$0] } ?? [])
            table[k.sha256] = Caller(key: k, principal: p)
        }
        byHash = table
    }

    /// How many keys the policy names.
    public var count: Int { byHash.count }

    /// The caller a presented key belongs to, or nil.
    func caller(presenting key: String) -> Caller? {
        guard !key.isEmpty, key.utf8.count <= 256 else { return nil }
        return byHash[Self.hash(key)]
    }

    /// Lowercase hex of SHA-256 of `key`, as the policy stores it.
    public static func hash(_ key: String) -> String {
        SHA256.hash(data: Array(key.utf8)).map { b in
            let h = String(b, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }
}
