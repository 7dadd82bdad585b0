import DispatchCore

/// Turns commands into the envelopes of one batch: decides each against the model,
/// applies what it produced so that later commands in the batch see it, and chains
/// the records. Shared by every store, so that all of them number, version and hash
/// events the same way.
public struct BatchBuilder {
    /// The events of the batch, in order.
    public private(set) var events: [StoredEvent] = []
    /// Their encoded envelopes, as stored.
    public private(set) var payloads: [[UInt8]] = []
    /// Set when the access policy refused a command and no `rejected` handler took it:
    /// the batch then holds only what came before and the `accessDenied` record, which
    /// the store appends before it reports the refusal.
    public private(set) var refused: DomainError?
    private var seq: UInt64
    private var prev: [UInt8]
    private let actor: String
    private let now: Instant
    private let access: AccessCheck?

    /// A batch that continues the stream after `lastSeq`, whose hash is `head`. With
    /// `access`, every command passes the access policy before it is decided.
    public init(lastSeq: UInt64, head: [UInt8], actor: String, now: Instant, access: AccessCheck? = nil) {
        seq = lastSeq
        prev = head
        self.actor = actor
        self.now = now
        self.access = access
    }

    /// Decides `commands` in order against `model`, applying each one's events to it.
    /// With `rejected`, a refusal is reported and skipped; without, it is thrown, and
    /// `model` then holds the batch's earlier events (the caller must rebuild it). A
    /// command the access policy refuses is recorded as `accessDenied` (a few a minute
    /// per account) and reported to `rejected`, or, without it, ends the batch with
    /// `refused` set.
    public mutating func decide(_ commands: [Command], on model: inout Model, rejected: ((Int, DomainError) -> Void)?) throws(DomainError) {
        for (i, command) in commands.enumerated() {
            if let access, let denial = access.refusal(command, in: model) {
                if model.recordsDenial(uid: denial.uid, at: now) { append(.accessDenied(denial), to: &model) }
                let error = DomainError.accessDenied(denial.reason)
                if let rejected { rejected(i, error); continue }
                refused = error
                return
            }
            let bodies: [EventBody]
            do { bodies = try model.decide(command, now: now) } catch {
                if let rejected { rejected(i, error); continue }
                throw error
            }
            let by = if case .bySweep = command { ActorName.marked(actor, as: "sweep") } else { actor }
            for body in bodies { append(body, by: by, to: &model) }
        }
    }

    private mutating func append(_ body: EventBody, by actor: String? = nil, to model: inout Model) {
        let event = Event(at: now, actor: actor ?? self.actor, body: body)
        model.apply(event)
        let version = UInt32(body.caseNumber.flatMap { model.case($0)?.version } ?? 0)
        seq += 1
        let id = EventID.random()
        let (payload, hash) = EnvelopeCodec.encode(seq: seq, id: id, event: event, caseVersion: version, prevHash: prev)
        events.append(StoredEvent(seq: seq, id: id, schemaVersion: EventCodec.schemaVersion, caseVersion: version,
                                  prevHash: prev, hash: hash, event: event))
        payloads.append(payload)
        prev = hash
    }
}
