import Mapping

/// One destination of a job's records. Every output follows the same life: `open`, any number of `write`s,
/// `prepare`, then `commit` — or `abort` at any point.
///
/// - `open` readies the output (creates the temporary files beside the targets, removes stale ones a killed earlier
///   run left behind, reads persisted state).
/// - `write` receives one batch; the caller sends batches one at a time and waits (that wait is the backpressure).
/// - `prepare` does everything that can still fail: flushes, fsyncs, sends the last partial HTTP batch. After it
///   succeeded, `commit` only switches (renames) and is very unlikely to fail.
/// - `commit` makes the run's data visible (rename over the previous file, fsync of the folder). It calls `prepare`
///   first when the caller did not.
/// - `abort` discards what the run staged: previous files stay exactly as they were. It is safe to call at any
///   point, after a failure, and more than once.
///
/// What "all-or-nothing" means for each output is stated in docs/OUTPUTS.md: files and lists switch atomically;
/// stdout and HTTP deliver as they go (at-least-once, with deterministic record ids and idempotency keys).
public protocol Output: Actor {
    /// The output's name in reports and logs (`file`, `edl-2`, or the job's `name:`).
    nonisolated var name: String { get }
    /// One line describing where the records go, for plans, dry runs and reports (`file out/x.jsonl (jsonl, replace)`).
    nonisolated var target: String { get }

    func open() async throws
    func write(_ batch: [Record]) async throws
    func prepare() async throws
    func commit() async throws
    func abort() async
    /// The counters so far (complete after `commit` or `abort`).
    func report() async -> OutputReport
}
