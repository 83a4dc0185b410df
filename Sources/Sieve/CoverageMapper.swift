import SieveModel
import SievePytest

/// Turns what the collector saw run (lines, or code objects' first lines) into dependencies
/// on blocks, as the hashes they have now.
struct CoverageMapper {
  var tree: SourceTree
  /// The content hash of every file mapped so far.
  private(set) var fileHashes: [RepoPath: BlockHash] = [:]

  init(tree: SourceTree) {
    self.tree = tree
  }

  /// The blocks that ran, plus the skeleton of every file that ran at all: a function's
  /// behaviour depends on its module's globals.
  mutating func dependencies(of coverage: PytestResults.Coverage) -> Set<Dependency> {
    var result = Set<Dependency>()
    for path in coverage.files {
      guard let file = tree.blocks(of: path) else { continue }
      fileHashes[path] = file.contentHash
      func add(_ block: Block?) {
        if let block {
          result.insert(Dependency(path: path, blockName: block.name, hash: block.hash))
        }
      }
      add(file.blocks.first { $0.kind != .function })
      for line in coverage.lines[path] ?? [] { add(file.block(containingLine: line)) }
      for line in coverage.codeStarts[path] ?? [] { add(file.block(forCodeStartingAt: line)) }
    }
    return result
  }
}
