import SieveModel
import SievePytest

/// Turns what the collector saw run (lines, or code objects' first lines) into dependencies
/// on blocks, as the hashes they have now.
///
/// Files the test read (data files, templates) count as one whole-file block each. Besides the
/// blocks that ran, a test depends on the skeleton of every file that ran and of
/// every file those import, transitively: module-level code runs once per process, so a
/// module imported earlier by another test module shows no code of its own, yet its
/// constants and class attributes can still change what the test sees.
struct CoverageMapper {
  var tree: SourceTree
  /// Which file imported which.
  let imports: [RepoPath: [RepoPath]]
  /// The content hash of every file mapped so far.
  private(set) var fileHashes: [RepoPath: BlockHash] = [:]
  private var closures: [RepoPath: Set<RepoPath>] = [:]

  init(tree: SourceTree, imports: [RepoPath: [RepoPath]]) {
    self.tree = tree
    self.imports = imports
  }

  /// The blocks that ran, plus the skeletons of the files that ran and of what they import,
  /// leaving out skeletons of `excludedFiles` (already in a shared set of the same test).
  ///
  /// - Returns: The dependencies, and every file whose skeleton they include.
  mutating func dependencies(
    of coverage: PytestResults.Coverage, excludingSkeletonsOf excludedFiles: Set<RepoPath> = []
  ) -> (dependencies: Set<Dependency>, skeletonFiles: Set<RepoPath>) {
    var result = Set<Dependency>()
    var skeletonFiles = Set<RepoPath>()
    for path in coverage.files {
      guard let file = blocks(of: path) else { continue }
      for line in coverage.lines[path] ?? [] {
        add(file.block(containingLine: line), of: path, to: &result)
      }
      for line in coverage.codeStarts[path] ?? [] {
        add(file.block(forCodeStartingAt: line), of: path, to: &result)
      }
      skeletonFiles.formUnion(closure(of: path))
    }
    for path in coverage.reads {
      add(blocks(of: path)?.blocks.first, of: path, to: &result)
    }
    for path in skeletonFiles.subtracting(excludedFiles) {
      add(blocks(of: path)?.blocks.first { $0.kind != .function }, of: path, to: &result)
    }
    return (result, skeletonFiles)
  }

  private mutating func blocks(of path: RepoPath) -> BlockedFile? {
    guard let file = tree.blocks(of: path) else { return nil }
    fileHashes[path] = file.contentHash
    return file
  }

  private func add(_ block: Block?, of path: RepoPath, to result: inout Set<Dependency>) {
    if let block {
      result.insert(Dependency(path: path, blockName: block.name, hash: block.hash))
    }
  }

  /// The file and every repository file it imports, transitively.
  private mutating func closure(of path: RepoPath) -> Set<RepoPath> {
    if let known = closures[path] { return known }
    var seen: Set<RepoPath> = [path]
    var queue = [path]
    while let next = queue.popLast() {
      for target in imports[next] ?? [] where seen.insert(target).inserted {
        if let known = closures[target] {
          seen.formUnion(known)
        } else {
          queue.append(target)
        }
      }
    }
    closures[path] = seen
    return seen
  }
}
