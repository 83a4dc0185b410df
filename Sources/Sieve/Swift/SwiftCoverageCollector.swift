import Foundation
import SieveModel
import SieveStore
import SieveSwiftPM

/// Turns each Swift test's raw profile into dependencies on blocks.
///
/// A test depends on the body block of every function it ran (closures and nested functions
/// count for the function around them), on the skeleton of every file those are in, and,
/// through a set shared by its whole test target, on the skeleton of every Swift file of
/// every target the test target can reach. The last part is what makes a test see changes
/// that run no code of their own: a global constant read through its accessor, a stored
/// property's default, a type's layout or a protocol requirement.
struct SwiftCoverageCollector {
  let tools: SwiftCoverageTools
  let bundle: SwiftTestBundle
  let package: SwiftPackageTargets
  let packageDirectory: String
  var tree: SourceTree
  /// The content hash of every file mapped so far.
  private(set) var fileHashes: [RepoPath: BlockHash] = [:]
  /// The skeleton sets of the test targets seen so far, by name.
  private(set) var sharedDependencies: [String: Set<Dependency>] = [:]
  private var functions: SwiftFunctionMap?
  private var testFiles: [String: RepoPath] = [:]
  /// The package's own source files: code SwiftPM generates (test runners, discovered-test
  /// lists) and dependencies' code are left out.
  private var packageFiles: Set<RepoPath> = []

  init(
    tools: SwiftCoverageTools, bundle: SwiftTestBundle, package: SwiftPackageTargets,
    packageDirectory: String, tree: SourceTree
  ) {
    self.tools = tools
    self.bundle = bundle
    self.package = package
    self.packageDirectory = packageDirectory
    self.tree = tree
    for target in package.targets.values {
      for source in target.sources {
        if let path = repoPath(absolute(target.path + "/" + source)) { packageFiles.insert(path) }
      }
    }
  }

  /// The package's executables that the build put beside the test bundle: tests may start
  /// them, and their profiles then hold code the test ran.
  private var programs: [String] {
    let directory = (bundle.executable as NSString).deletingLastPathComponent
    var binPath = directory
    // The bundle's executable is inside `Name.xctest` (a directory on Linux or a bundle).
    while binPath.contains(".xctest") { binPath = (binPath as NSString).deletingLastPathComponent }
    return package.executables.map { binPath + "/" + $0 }.filter {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// The record of one test that ran.
  mutating func testRun(_ result: SwiftTestResult, outcome: Outcome, scratch: String)
    async throws -> RecordedRun.TestRun
  {
    var dependencies = Set<Dependency>()
    let profiles = result.profiles
    if !profiles.isEmpty {
      if functions == nil {
        functions = try await tools.functionMap(
          binaries: [bundle.executable] + programs, profiles: profiles, root: tree.root,
          scratch: scratch)
      }
      var covered = Set<String>()
      for profile in profiles {
        covered.formUnion(try await tools.coveredFunctions(in: profile))
      }
      var files = Set<RepoPath>()
      for name in covered {
        guard let location = functions?.location(of: name), let path = repoPath(location.file),
          packageFiles.contains(path), let file = blocks(of: path)
        else { continue }
        files.insert(path)
        add(file.block(containingLine: location.line), of: path, to: &dependencies)
      }
      for path in files {
        add(blocks(of: path)?.blocks.first { $0.kind != .function }, of: path, to: &dependencies)
      }
    }
    let setName = "target:" + result.test.module
    if sharedDependencies[setName] == nil {
      sharedDependencies[setName] = targetSkeletons(result.test.module)
    }
    return RecordedRun.TestRun(
      id: TestID(result.test.identifier), path: testFile(of: result.test), outcome: outcome,
      duration: result.duration, dependencies: dependencies, sharedSetNames: [setName])
  }

  /// The facts that let later selections apply ``SwiftSelectionRules``.
  func targetFacts(repositoryRoot: String) -> [String: String] {
    let targets = package.targets.values.sorted { $0.name < $1.name }
    let paths = { (isTest: Bool) in
      targets.filter { $0.isTest == isTest }.compactMap {
        self.repoPath(self.absolute($0.path))?.value
      }
    }
    return [
      SwiftSelectionRules.targetPathsFact: SwiftEnvironment.encode(paths(false)),
      SwiftSelectionRules.testTargetPathsFact: SwiftEnvironment.encode(paths(true)),
    ]
  }

  /// The skeletons of every Swift file the test target can reach, its own included.
  private mutating func targetSkeletons(_ target: String) -> Set<Dependency> {
    var result = Set<Dependency>()
    for file in package.sourcesReachable(from: target) where file.hasSuffix(".swift") {
      guard let path = repoPath(absolute(file)) else { continue }
      add(blocks(of: path)?.blocks.first { $0.kind != .function }, of: path, to: &result)
    }
    return result
  }

  /// The file that defines a test: the first file of its target that declares a function of
  /// the test's name, or the target's directory when none does.
  private mutating func testFile(of test: SwiftTest) -> RepoPath {
    if let known = testFiles[test.identifier] { return known }
    var found: RepoPath?
    if let target = package.targets[test.module] {
      for source in target.sources.sorted() {
        let file = absolute(target.path + "/" + source)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
          text.contains("func \(test.functionName)(")
            || text.contains("func `\(test.functionName)`(")
        else { continue }
        found = repoPath(file)
        break
      }
      found = found ?? repoPath(absolute(target.path))
    }
    let path = found ?? RepoPath(test.module)
    testFiles[test.identifier] = path
    return path
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

  private func absolute(_ packageRelative: String) -> String {
    packageRelative.hasPrefix("/") ? packageRelative : packageDirectory + "/" + packageRelative
  }

  /// A path relative to the repository, or `nil` outside it.
  private func repoPath(_ absolute: String) -> RepoPath? {
    let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
    let root = tree.root.hasSuffix("/") ? tree.root : tree.root + "/"
    guard standardized.hasPrefix(root) else { return nil }
    return RepoPath(String(standardized.dropFirst(root.count)))
  }
}
