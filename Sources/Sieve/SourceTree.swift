import Foundation
import SieveBlocks
import SieveModel
import SieveSelect

/// Reads files of the work tree and splits them into blocks, once each.
struct SourceTree {
  let root: String
  private var cache: [RepoPath: BlockedFile?] = [:]

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
