import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps the original bytes of the one file a mutant changed, and puts them back: at the end
/// of each mutant, and on Ctrl-C (then the process exits with 130).
///
/// The signal handler and the verifier share this object; a lock keeps them from restoring at
/// the same time.
final class TreeGuard: @unchecked Sendable {
  private struct Original {
    var path: String
    var bytes: Data
    var modificationDate: Date?
  }

  private let lock = NSLock()
  private var original: Original?
  private var process: Process?
  private var signalSource: (any DispatchSourceSignal)?

  /// Starts restoring on SIGINT and SIGTERM: the child is stopped, the file is put back, and
  /// the process exits with 130.
  func installInterruptHandler() {
    lock.lock()
    defer { lock.unlock() }
    guard signalSource == nil else { return }
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [self] in
      stopAndRestore()
      exit(130)
    }
    source.resume()
    signalSource = source
  }

  /// Stops handling SIGINT; Ctrl-C ends the process again.
  func removeInterruptHandler() {
    lock.lock()
    defer { lock.unlock() }
    signalSource?.cancel()
    signalSource = nil
    signal(SIGINT, SIG_DFL)
  }

  /// Writes `changed` to `path`, keeping the original bytes to restore.
  ///
  /// - Throws: A file system error; nothing is changed then.
  func mutate(path: String, original bytes: Data, changed: Data) throws {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    lock.lock()
    defer { lock.unlock() }
    original = Original(
      path: path, bytes: bytes, modificationDate: attributes?[.modificationDate] as? Date)
    try changed.write(to: URL(fileURLWithPath: path))
    if let date = original?.modificationDate {
      // Bytecode caches are keyed by whole seconds and size: a change of the same size
      // written within the same second would otherwise run the old bytecode.
      try? FileManager.default.setAttributes(
        [.modificationDate: date.addingTimeInterval(2)], ofItemAtPath: path)
    }
  }

  /// The test run in progress, to stop on Ctrl-C.
  func track(_ process: Process?) {
    lock.lock()
    defer { lock.unlock() }
    self.process = process
  }

  /// Puts the original bytes back and checks that the file now holds exactly them.
  ///
  /// - Throws: ``VerifyError/notRestored(_:)`` when the bytes differ afterwards.
  func restore() throws(VerifyError) {
    lock.lock()
    defer { lock.unlock() }
    try restoreLocked()
  }

  private func stopAndRestore() {
    lock.lock()
    defer { lock.unlock() }
    if let process, process.isRunning { process.terminate() }
    try? restoreLocked()
  }

  private func restoreLocked() throws(VerifyError) {
    guard let saved = original else { return }
    let url = URL(fileURLWithPath: saved.path)
    do {
      try saved.bytes.write(to: url)
    } catch {
      throw .notRestored(saved.path)
    }
    if let date = saved.modificationDate {
      // The old modification time keeps bytecode caches and git's index valid.
      try? FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: saved.path)
    }
    guard FileManager.default.contents(atPath: saved.path) == saved.bytes else {
      throw .notRestored(saved.path)
    }
    original = nil
  }
}

/// Why `sieve verify` could not finish.
public enum VerifyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A changed file could not be put back exactly.
  case notRestored(String)
  /// The unchanged suite produced no per-test results.
  case noResults(String)
  /// The database could not be brought up to date before the mutants.
  case notRecorded(String)
  /// `git ls-files` failed.
  case cannotListFiles(String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .notRestored(let path):
      "Could not restore \(path) to its original bytes. Check it with git diff and restore it by hand."
    case .noResults(let detail):
      "pytest produced no results for the unchanged suite: \(detail). Check that the command runs with sieve run."
    case .notRecorded(let reason):
      "The database could not be brought up to date before verifying: \(reason)."
    case .cannotListFiles(let reason):
      "git ls-files failed: \(reason). Run sieve verify inside a git work tree."
    }
  }
}
