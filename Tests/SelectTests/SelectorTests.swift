import SieveModel
import SieveSelect
import Testing

@Suite("Selector")
struct SelectorTests {
  let selector = Selector()

  static let calc = RepoPath("app/calc.py")

  static func file(_ blocks: [(String, UInt64)], at path: RepoPath = calc) -> BlockedFile {
    BlockedFile(
      path: path, contentHash: BlockHash(1),
      blocks: blocks.enumerated().map { index, block in
        Block(
          kind: block.0 == Block.skeletonName ? .skeleton : .function, name: block.0,
          headerLine: index * 10 + 1, bodyLines: (index * 10 + 2)...(index * 10 + 9),
          hash: BlockHash(block.1))
      })
  }

  // MARK: - staleDependencies

  /// One way a recorded dependency's file can have changed.
  struct Mutation: Sendable, CustomTestStringConvertible {
    var name: String
    var current: BlockedFile?
    var expected: SelectionReason?
    var testDescription: String { name }
  }

  @Test(
    "Each kind of change to a recorded block gives its reason",
    arguments: [
      Mutation(
        name: "changed hash", current: file([("<module>", 1), ("add", 99)]),
        expected: .changedBlock(path: calc, block: "add")),
      Mutation(
        name: "block removed", current: file([("<module>", 1), ("subtract", 2)]),
        expected: .removedBlock(path: calc, block: "add")),
      Mutation(name: "file deleted", current: nil, expected: .removedFile(path: calc)),
      Mutation(
        name: "unchanged, block moved", current: file([("<module>", 1), ("other", 5), ("add", 2)]),
        expected: nil),
    ]
  )
  func mutationKinds(mutation: Mutation) {
    let add = Dependency(path: Self.calc, blockName: "add", hash: BlockHash(2))

    let stale = selector.staleDependencies([add], current: [Self.calc: mutation.current])

    #expect(stale == (mutation.expected.map { [add: $0] } ?? [:]))
  }

  @Test("A recorded path absent from the current files is taken as unchanged")
  func absentPathIsIgnored() {
    let add = Dependency(path: Self.calc, blockName: "add", hash: BlockHash(2))
    let text = Dependency(path: "app/text.py", blockName: "upper", hash: BlockHash(3))

    let stale = selector.staleDependencies(
      [add, text], current: ["app/text.py": Self.file([("upper", 3)], at: "app/text.py")])

    #expect(stale.isEmpty)
  }

  @Test("Only the dependencies that no longer hold are returned, across several files")
  func severalFiles() {
    // Given dependencies on two changed files and one deleted file
    let skeleton = Dependency(path: Self.calc, blockName: "<module>", hash: BlockHash(1))
    let add = Dependency(path: Self.calc, blockName: "add", hash: BlockHash(2))
    let sub = Dependency(path: Self.calc, blockName: "sub", hash: BlockHash(3))
    let upper = Dependency(path: "app/text.py", blockName: "upper", hash: BlockHash(4))
    let config = Dependency(path: "app/config.json", blockName: Block.fileName, hash: BlockHash(5))
    let current: [RepoPath: BlockedFile?] = [
      Self.calc: Self.file([("<module>", 1), ("add", 20)]),
      "app/text.py": Self.file([("upper", 4)], at: "app/text.py"),
      "app/config.json": nil,  // deleted
    ]

    // When comparing
    let stale = selector.staleDependencies([skeleton, add, sub, upper, config], current: current)

    // Then the unchanged skeleton and upper hold
    #expect(
      stale == [
        add: .changedBlock(path: Self.calc, block: "add"),
        sub: .removedBlock(path: Self.calc, block: "sub"),
        config: .removedFile(path: "app/config.json"),
      ])
  }

  @Test("Two recorded hashes of one block: only the one that differs is stale")
  func twoHashesOfOneBlock() {
    let old = Dependency(path: Self.calc, blockName: "add", hash: BlockHash(1))
    let current = Dependency(path: Self.calc, blockName: "add", hash: BlockHash(2))

    let stale = selector.staleDependencies(
      [old, current], current: [Self.calc: Self.file([("add", 2)])])

    #expect(stale == [old: .changedBlock(path: Self.calc, block: "add")])
  }

  // MARK: - runEverythingReason

  @Test(
    "A changed pytest configuration file runs everything, wherever it is and even if recorded",
    arguments: [
      "pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "sub/project/pyproject.toml",
      "deep/a/b/tox.ini",
    ] as [RepoPath]
  )
  func configurationFiles(path: RepoPath) {
    for recorded in [[], [path]] as [Set<RepoPath>] {
      let reason = selector.runEverythingReason(
        changedFiles: [path, "app/calc.py"], recordedPaths: recorded)

      #expect(reason == .configurationChanged(path: path))
    }
  }

  @Test(
    "A package-wide Python file runs everything only when no test depends on it",
    arguments: [
      "conftest.py", "tests/conftest.py", "app/__init__.py", "__init__.py", "sitecustomize.py",
      "lib/usercustomize.py",
    ] as [RepoPath]
  )
  func packageWideFiles(path: RepoPath) {
    #expect(
      selector.runEverythingReason(changedFiles: [path], recordedPaths: [path]) == nil)
    #expect(
      selector.runEverythingReason(changedFiles: [path], recordedPaths: ["app/calc.py"])
        == .configurationChanged(path: path))
  }

  @Test(
    "Ordinary files do not run everything",
    arguments: [
      "app/calc.py", "tests/test_calc.py", "README.md", "data/settings.json",
      "tests/conftest.py.orig", "docs/pytest.ini.example", "my_conftest.py", "setup.py",
    ] as [RepoPath]
  )
  func ordinaryFiles(path: RepoPath) {
    #expect(selector.runEverythingReason(changedFiles: [path], recordedPaths: []) == nil)
  }

  @Test("With several configuration changes the first path in order is named")
  func severalConfigurationChanges() {
    let reason = selector.runEverythingReason(
      changedFiles: ["z/tox.ini", "b/conftest.py", "a/setup.cfg"], recordedPaths: [])

    #expect(reason == .configurationChanged(path: "a/setup.cfg"))
    #expect(selector.runEverythingReason(changedFiles: [], recordedPaths: []) == nil)
  }

  // MARK: - looksLikeTestFile

  @Test(
    "Test modules are recognised by pytest's default name patterns",
    arguments: [
      ("tests/test_calc.py", true), ("test_calc.py", true), ("tests/calc_test.py", true),
      ("tests/conftest.py", false), ("app/calc.py", false), ("tests/test_data.json", false),
      ("tests/testcalc.py", false), ("test_dir/calc.py", false),
    ] as [(RepoPath, Bool)]
  )
  func looksLikeTestFile(path: RepoPath, expected: Bool) {
    #expect(selector.looksLikeTestFile(path) == expected)
  }

  // MARK: - neverRunTestsToRun

  static let kShout = #"["-k","shout"]"#
  static let neverRun: [TestID: NeverRunTest] = [
    "tests/test_a.py::deselected": NeverRunTest(path: "tests/test_a.py", deselectedBy: kShout),
    "tests/test_b.py::not_reached": NeverRunTest(path: "tests/test_b.py", deselectedBy: nil),
  ]

  @Test("With the arguments that deselected it, a never-run test stays deselected")
  func sameArguments() {
    let run = selector.neverRunTestsToRun(
      Self.neverRun, arguments: Self.kShout, changedFiles: ["app/calc.py"])

    #expect(run == ["tests/test_b.py::not_reached"], "a test -x never reached always runs")
  }

  @Test(
    "Other or unknown arguments, its own file or a conftest.py changing select a deselected test",
    arguments: [
      (#"[]"#, nil), (#"["-k","add"]"#, nil), (nil, nil),
      (kShout, "tests/test_a.py"), (kShout, "tests/conftest.py"),
    ] as [(String?, RepoPath?)]
  )
  func otherArguments(arguments: String?, changed: RepoPath?) {
    let run = selector.neverRunTestsToRun(
      Self.neverRun, arguments: arguments, changedFiles: Set([changed].compactMap { $0 }))

    #expect(run.contains("tests/test_a.py::deselected"))
  }
}
