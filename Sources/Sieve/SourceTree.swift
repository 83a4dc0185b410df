import Foundation
import SieveBlocks
import SieveModel
import SieveReplay
import SieveSelect

/// Reads files of the work tree and splits them into blocks, once each.
struct SourceTree: Sendable {
  let root: String
  private var cache: [RepoPath: BlockedFile?] = [:]
  /// What `stat` said of each cached file just before it was read (`nil`: missing).
  private var signatures: [RepoPath: FileSignature?] = [:]
  /// Cached files last changed within ``AnswerRecorder/settleMargin`` of their reading: a
  /// second write within the file system's time grain would leave their signature as it was.
  private var unsettled: Set<RepoPath> = []

  init(root: String) {
    self.root = root
  }

  /// The absolute path of a repository path.
  func absolutePath(_ path: RepoPath) -> String {
    root.hasSuffix("/") ? root + path.value : root + "/" + path.value
  }

  /// The file split into blocks, or `nil` when it does not exist (or is not a regular file).
  mutating func blocks(of path: RepoPath) -> BlockedFile? {
    if let cached = cache[path] { return cached }
    let signature = FileSignature.of(absolutePath(path))
    signatures[path] = .some(signature)
    if let signature,
      !signature.isSettled(before: WallClock.now(), margin: AnswerRecorder.settleMargin)
    {
      unsettled.insert(path)
    }
    let blocked: BlockedFile?
    if let data = FileManager.default.contents(atPath: absolutePath(path)) {
      let bytes = [UInt8](data)
      blocked = Self.splitter(for: path).split(bytes, path: path)
    } else {
      blocked = nil
    }
    cache[path] = .some(blocked)
    return blocked
  }

  /// The splitter for a file: Python and Swift sources by their language, any other file
  /// as one whole-file block.
  static func splitter(for path: RepoPath) -> any SourceSplitter {
    if path.isPython { return PythonSplitter() }
    if path.value.hasSuffix(".swift") { return SwiftSplitter() }
    return DataFileSplitter()
  }

  /// Forgets every file that changed (or appeared, or went) since it was read, and every
  /// file too recently changed to tell, so that the next look reads it again.
  ///
  /// - Returns: The files forgotten.
  @discardableResult
  mutating func forgetChangedFiles() -> Set<RepoPath> {
    var forgotten = Set<RepoPath>()
    for (path, signature) in signatures
    where unsettled.contains(path) || FileSignature.of(absolutePath(path)) != signature {
      cache[path] = nil
      signatures[path] = nil
      unsettled.remove(path)
      forgotten.insert(path)
    }
    return forgotten
  }

  /// Whether a file exists in the work tree.
  func exists(_ path: RepoPath) -> Bool {
    FileManager.default.fileExists(atPath: absolutePath(path))
  }

  /// The recorded dependencies that no longer hold against the files as they are now.
  mutating func staleDependencies(_ recorded: Set<Dependency>) -> [Dependency: SelectionReason] {
    var current: [RepoPath: BlockedFile?] = [:]
    for path in Set(recorded.map(\.path)) { current[path] = .some(blocks(of: path)) }
    return Selector().staleDependencies(recorded, current: current)
  }
}
