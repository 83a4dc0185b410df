import Foundation
import SieveModel
import SievePytest
import SieveShards
import SieveTestSupport
import Testing

/// `sieve run --shard K/N` and `sieve plan` on a project of 48 tests with planted durations.
@Suite("Sharding across machines")
struct ShardingTests {
  /// The fixture's tests that use one function of `app/shapes.py`.
  static func tests(of name: String) -> Set<String> {
    Set((0..<8).map { "tests/test_\(name).py::test_\(name)[\($0)]" })
  }

  /// A recorded project whose 48 tests have uneven synthetic durations (0.1 s to 4.7 s, and
  /// one of 9 s), with an edit that affects the 32 tests of four functions.
  static func recordedProject() throws -> SieveProject {
    let project = try SieveProject(fixture: "pytest-many")
    try project.run()
    let database = project.path + "/.sieve/sieve.db"
    // Durations depend only on the node id, so they are the same in every copy.
    try SieveDatabase.execute(
      """
      UPDATE test SET duration = CAST(round(1000000 * (
          CASE WHEN nodeId = 'tests/test_cube.py::test_cube[3]' THEN 9.0
          ELSE 0.1 + (length(nodeId) * 7 + unicode(substr(nodeId, -2, 1)) * 13) % 47 / 10.0 END
        )) AS INTEGER)
      FROM (\(SieveDatabase.nodeIDs)) named WHERE named.testId = test.id
      """, in: database)
    for name in ["square", "cube", "double", "negate"] {
      try project.edit(
        "app/shapes.py", replacing: "def \(name)(n):\n", with: "def \(name)(n):\n    n = n + 0\n")
    }
    return project
  }

  static func plan(_ project: SieveProject, shards: Int, database: String? = nil) throws -> [String:
    Any]
  {
    let arguments =
      ["plan", "--shards", String(shards), "--json"] + (database.map { ["--database", $0] } ?? [])
    let result = try project.sieve(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  static func shardTests(_ plan: [String: Any]) throws -> [Set<String>] {
    let shards = try #require(plan["shards"] as? [[String: Any]])
    return shards.map { Set(($0["tests"] as? [String]) ?? []) }
  }

  @Test("Shards are disjoint, together run exactly the affected tests, and are balanced")
  func shardsPartitionTheAffectedTests() throws {
    // Given a recorded project, an edit that affects 32 tests, and a new test file
    let project = try Self.recordedProject()
    try project.write(
      "def test_new_one():\n    assert True\n\n\ndef test_new_two():\n    assert True\n",
      to: "tests/test_new.py")
    let affected = try project.affected()
    #expect(
      affected
        == Self.tests(of: "square").union(Self.tests(of: "cube"))
        .union(Self.tests(of: "double")).union(Self.tests(of: "negate")))
    let plan = try Self.plan(project, shards: 3)
    let planned = try Self.shardTests(plan)

    // When each shard runs from its own copy of the database
    var ran: [Set<String>] = []
    for number in 1...3 {
      let database = ".sieve/shard-\(number).db"
      try FileManager.default.copyItem(
        atPath: project.path + "/.sieve/sieve.db", toPath: project.path + "/" + database)
      let ownPlan = try Self.plan(project, shards: 3, database: database)
      #expect(
        NSDictionary(dictionary: ownPlan).isEqual(to: plan), "every shard computes the same plan")
      let run = try project.run("--shard", "\(number)/3", "--database", database)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.contains("shard \(number)/3"))
      ran.append(run.ranTests)
    }

    // Then the shards are disjoint and together ran the affected tests and the new ones
    let newTests: Set<String> = [
      "tests/test_new.py::test_new_one", "tests/test_new.py::test_new_two",
    ]
    #expect(ran.map(\.count).reduce(0, +) == Set(ran.joined()).count, "disjoint")
    #expect(Set(ran.joined()) == affected.union(newTests))
    let newShard = FileBucket.index(of: "tests/test_new.py", count: 3)
    for index in 0..<3 {
      let expected = index == newShard ? planned[index].union(newTests) : planned[index]
      #expect(ran[index] == expected, "shard \(index + 1) ran its planned part")
    }
    // And each shard's own database still selects what the other shards ran, so it never
    // hides a test on its own
    for index in 0..<3 {
      let others = (0..<3).filter { $0 != index }.reduce(into: Set<String>()) {
        $0.formUnion(ran[$1])
      }
      let left = try project.sieve("affected", "--database", ".sieve/shard-\(index + 1).db")
      #expect(Set(left.lines) == others, "shard \(index + 1)'s database")
    }
    let entries = try #require(plan["shards"] as? [[String: Any]])
    #expect((entries[newShard]["newTestFiles"] as? [String]) == ["tests/test_new.py"])

    // And the longest shard is within 10% of the ideal, or is the longest single test
    let total = try #require(plan["totalDuration"] as? Double)
    let longest = try #require(plan["longestShardDuration"] as? Double)
    #expect(longest <= max(total / 3 * 1.1, 9.0), "longest \(longest) of total \(total)")
    #expect(plan["plannedTestCount"] as? Int == 32)
  }

  @Test("A shard does not collect a file that holds nothing for it, and exits 0")
  func shardSkipsOtherShardsFiles() throws {
    // Given one affected test
    let project = try SieveProject()
    try project.run()
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let owner = FileBucket.index(of: "tests/test_calc.py", count: 3)
    // Shard 1 gets the one planned test; pick a shard that neither plans nor owns the file
    let idle = try #require((2...3).first { $0 != owner + 1 })
    try FileManager.default.copyItem(
      atPath: project.path + "/.sieve/sieve.db", toPath: project.path + "/.sieve/idle.db")
    let run = try project.run("--shard", "\(idle)/3", "--database", ".sieve/idle.db")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.ranTests.isEmpty)
    #expect(run.stdout.contains("collected 0 items"), "\(run.stdout)")
    #expect(run.stderr.contains("none of the selected tests fell to this shard"))
  }

  @Test("Workers on a shard run exactly the shard's part, split between them")
  func workersOnAShard() throws {
    let project = try Self.recordedProject()
    let planned = try Self.shardTests(try Self.plan(project, shards: 2))
    try FileManager.default.copyItem(
      atPath: project.path + "/.sieve/sieve.db", toPath: project.path + "/.sieve/s1.db")
    let run = try project.run("--shard", "1/2", "-j", "2", "--database", ".sieve/s1.db")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("shard 1/2") && run.stderr.contains("2 workers"))
    #expect(!planned[0].isEmpty && run.ranTests == planned[0])
    #expect(run.stderr.contains("recorded \(planned[0].count) tests"))
  }

  @Test("Every shard runs its part of everything when everything must run")
  func shardsOfEverything() throws {
    let project = try Self.recordedProject()
    var ran: [Set<String>] = []
    for number in 1...2 {
      let run = try project.run(
        "--all", "--shard", "\(number)/2", "--database", ".sieve/all-\(number).db")
      #expect(run.status == 0, "\(run.stderr)")
      ran.append(run.ranTests)
    }
    #expect(ran[0].isDisjoint(with: ran[1]))
    #expect(ran[0].union(ran[1]).count == 48)
  }

  @Test("When the packages changed, the shards together still run every test")
  func shardsAfterEnvironmentChange() throws {
    // Given a database recorded under other installed packages
    let project = try Self.recordedProject()
    try SieveDatabase.execute(
      "UPDATE meta SET value = 'another' WHERE key = 'packages'",
      in: project.path + "/.sieve/sieve.db")
    var ran: [Set<String>] = []
    for number in 1...2 {
      let database = ".sieve/changed-\(number).db"
      try FileManager.default.copyItem(
        atPath: project.path + "/.sieve/sieve.db", toPath: project.path + "/" + database)
      let run = try project.run("--shard", "\(number)/2", "--database", database)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.contains("the installed packages changed"))
      ran.append(run.ranTests)
    }
    #expect(ran[0].union(ran[1]).count == 48)
  }

  @Test("Without a database, shards split the tests by file")
  func shardsWithoutDatabase() throws {
    let project = try SieveProject(fixture: "pytest-many")
    var ran: [Set<String>] = []
    for number in 1...3 {
      let run = try project.run("--shard", "\(number)/3", "--database", ".sieve/fresh-\(number).db")
      #expect(run.status == 0, "\(run.stderr)")
      ran.append(run.ranTests)
    }
    #expect(ran.map(\.count).reduce(0, +) == 48)
    #expect(Set(ran.joined()).count == 48)
    for (index, tests) in ran.enumerated() {
      for test in tests {
        let file = RepoPath(String(test.prefix { $0 != ":" }))
        #expect(FileBucket.index(of: file, count: 3) == index)
      }
    }
  }

  @Test("GitLab's CI_NODE_INDEX and CI_NODE_TOTAL choose the shard when --shard is absent")
  func shardFromEnvironment() throws {
    let project = try Self.recordedProject()
    let planned = try Self.shardTests(try Self.plan(project, shards: 2))
    let run = try project.run(environment: ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"])
    #expect(run.stderr.contains("shard 2/2 from CI_NODE_INDEX/CI_NODE_TOTAL"))
    #expect(run.ranTests == planned[1])
  }

  @Test("A malformed --shard is a usage error that shows the form")
  func malformedShard() throws {
    let project = try SieveProject()
    let run = try project.run("--shard", "3")
    #expect(run.status == 64)
    #expect(run.stderr.contains("--shard 2/4"))
  }

  @Test("The plugin's file hash is Sieve's FileBucket")
  func pluginHashAgrees() throws {
    let project = try SieveProject()
    let paths = ["tests/test_calc.py", "tests/ünïcode/test_x.py", "a", ""]
    let plugin = try PytestPlugin.directory()
    let script = """
      import sys
      from sieve_pytest.plugin import _bucket
      print(" ".join(str(_bucket(salt, p, n)) for salt in ("", "worker") for n in (2, 3, 7) for p in sys.argv[1:]))
      """
    let output = try Shell.output(
      "python3", ["-c", script] + paths, in: project.path, environment: ["PYTHONPATH": plugin])
    let expected = ["", "worker"].flatMap { salt in
      [2, 3, 7].flatMap { count in
        paths.map { String(FileBucket.index(of: RepoPath($0), count: count, salt: salt)) }
      }
    }
    #expect(output == expected.joined(separator: " "))
  }
}
