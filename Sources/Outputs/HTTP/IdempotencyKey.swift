import Crypto
import Mapping

/// The `Idempotency-Key` of one HTTP batch: the first 128 bits of SHA-256 over the job's name, the batch's record
/// ids and its uncompressed body, as 32 lowercase hex digits.
///
/// A retried request and a re-run that sends the same records with the same content carry the same key, so a
/// receiver that remembers keys stores the batch once. A batch whose records changed since (an alert updated, under
/// `history: latest` keeping its record id) gets a new key — it is new data and must not be dropped as a repeat.
enum IdempotencyKey {
    static func make(job: String, recordIDs: [String], body: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(data: Array("temsync-http-batch\u{0}\(job)\u{0}".utf8))
        for id in recordIDs { hash.update(data: Array((id + "\n").utf8)) }
        hash.update(data: [0])
        hash.update(data: body)
        return hash.finalize().prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
