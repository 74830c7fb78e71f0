/// A `ledger-sealed` event of a shared store's ledger: the last event of every lane when it was
/// written (`Ledger.seal`), in its detail as `lane 3 #1234 <sha-256>; lane 7 #1250 <sha-256>`.
///
/// Lane 0's chain covers the seals, so a seal cannot be changed unseen, and each seal binds the events
/// of every lane up to the one it names: one published lane-0 hash then vouches for the whole ledger.
struct LedgerSeal: Equatable {
    /// The event kind of a seal.
    static let kind = "ledger-sealed"
    /// The subject every seal has.
    static let subject = "lanes"

    /// One lane's last event.
    struct Head: Equatable {
        var lane: Int
        var eventID: Int
        var hash: String
    }

    var heads: [Head]

    /// The event's detail.
    var detail: String {
        heads.map { "lane \($0.lane) #\($0.eventID) \($0.hash)" }.joined(separator: "; ")
    }

    init(heads: [Head]) {
        self.heads = heads
    }

    /// Reads a seal's detail; nil when it is not one.
    init?(detail: String) {
        var heads: [Head] = []
        for part in detail.split(separator: ";") {
            let fields = part.split(separator: " ")
            guard fields.count == 4, fields[0] == "lane", let lane = Int(fields[1]), fields[2].hasPrefix("#"),
                  let id = Int(fields[2].dropFirst()) else { return nil }
            heads.append(Head(lane: lane, eventID: id, hash: String(fields[3])))
        }
        guard !heads.isEmpty else { return nil }
        self.heads = heads
    }
}
