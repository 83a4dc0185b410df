import Foundation

/// Whether a write prepared while pytest exits may be committed, handed from the task that
/// waits for pytest to the thread that holds the write open.
///
/// Decided once; ``wait()`` blocks its thread until then, so it is called on a thread of
/// its own (``ResultsPrefetch`` uses a Dispatch queue), never on one of Swift's concurrency
/// pool.
///
/// `@unchecked Sendable`: its one mutable property is read and written only while holding
/// `condition`.
final class CommitVerdict: @unchecked Sendable {
  private let condition = NSCondition()
  private var commit: Bool?

  /// Creates an undecided verdict.
  init() {}

  /// Decides the verdict; only the first call counts.
  ///
  /// - Parameter commit: Whether the write may be committed.
  func decide(_ commit: Bool) {
    condition.lock()
    defer { condition.unlock() }
    if self.commit == nil {
      self.commit = commit
      condition.broadcast()
    }
  }

  /// The verdict, once decided; `nil` before.
  var current: Bool? {
    condition.lock()
    defer { condition.unlock() }
    return commit
  }

  /// Blocks until the verdict is decided, and returns it.
  func wait() -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while commit == nil { condition.wait() }
    return commit ?? false
  }
}
