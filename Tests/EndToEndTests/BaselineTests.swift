import Foundation
import SieveTestSupport
import Testing

/// Publishing and fetching baselines between real git checkouts, through a directory store
/// and a real nginx with WebDAV PUT.
@Suite("Baselines", .serialized)
struct BaselineTests {
  /// A cache directory of its own, so tests never share downloaded baselines.
  let cache: TemporaryDirectory

  init() throws {
    cache = try TemporaryDirectory(prefix: "sieve-cache")
  }

  func environment(store: String) -> [String: String] {
    ["XDG_CACHE_HOME": cache.path, "SIEVE_STORE": store]
  }

  /// Commits the work tree, runs the affected tests and publishes the result.
  @discardableResult
  func commitRunAndPublish(
    _ project: SieveProject, _ message: String, store: String
  ) throws -> String {
    let commit = try project.repository.commit(message)
    let run = try project.run()
    #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
    let publish = try project.sieve(
      ["baseline", "publish"], environment: environment(store: store))
    #expect(publish.status == 0, "\(publish.stderr)")
    #expect(publish.stderr.contains("published the baseline of \(commit.prefix(12))"))
    return commit
  }

  @Test(
    "Main publishes three commits; a branch two ahead fetches the right one from nginx, and a second checkout reuses the cache"
  )
  func wholeWorkflow() throws {
    let server = try NginxServer()
    let store = "\(server.url)/open/baselines"
    let main = try SieveProject()
    let first = try main.repository.head()
    #expect(try main.run("--all").status == 0)
    #expect(
      try main.sieve(["baseline", "publish"], environment: environment(store: store)).status == 0)
    try main.edit("app/text.py", replacing: "upper()", with: "upper() + ''")
    let second = try commitRunAndPublish(main, "Shout differently", store: store)
    try main.write("# Notes\n", to: "NOTES.md")
    let third = try commitRunAndPublish(main, "Add notes", store: store)
    #expect(Set([first, second, third]).count == 3)

    try main.repository.git("checkout", "-q", "-b", "feature")
    try main.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    try main.repository.commit("Multiply the other way round")
    try main.write("# More notes\n", to: "MORE.md")
    try main.repository.commit("More notes")
    // A newer baseline on main that is not an ancestor of the branch must not be used.
    try main.repository.git("checkout", "-q", "main")
    try main.edit("app/calc.py", replacing: "return a + b", with: "return b + a")
    try commitRunAndPublish(main, "Add the other way round", store: store)
    try main.repository.git("checkout", "-q", "feature")

    let checkouts = try TemporaryDirectory(prefix: "sieve-checkouts")
    for name in ["one", "two"] {
      let path = checkouts.path + "/" + name
      try Shell.output(
        "git", ["clone", "-q", "-b", "feature", main.path, path], in: checkouts.path,
        environment: GitFixture.environment)
      let result = try Shell.run(
        SieveProject.sieveExecutable,
        [
          "run", "--baseline", "auto", "--", "python3", "-m", "pytest", "-v", "-p",
          "no:cacheprovider",
        ],
        in: path, environment: GitFixture.environment.merging(environment(store: store)) { $1 })
      let output = SieveProject.Output(
        status: result.status, stdout: result.stdout, stderr: result.stderr)
      #expect(output.status == 0, "\(output.stderr)")
      #expect(output.stderr.contains("using the baseline of \(third.prefix(12)) (2 commits back)"))
      #expect(
        output.stderr.contains(name == "one" ? "from \(store)" : "from the local cache"),
        "\(output.stderr)")
      #expect(output.ranTests == [BasicTests.multiply], "\(output.stderr)")
    }
  }

  @Test(
    "Selection against an older baseline sees committed, staged, unstaged and untracked changes")
  func everyKindOfChange() throws {
    let storeDirectory = try TemporaryDirectory(prefix: "sieve-store")
    let main = try SieveProject()
    #expect(try main.run("--all").status == 0)
    #expect(
      try main.sieve(["baseline", "publish"], environment: environment(store: storeDirectory.path))
        .status == 0)
    try main.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    try main.repository.commit("Committed change")
    try main.edit("app/text.py", replacing: "upper()", with: "upper() + ''")
    try main.repository.git("add", "app/text.py")
    try main.edit("app/calc.py", replacing: "return a + b", with: "return b + a")
    try main.write("def test_new():\n    assert True\n", to: "tests/test_new.py")
    try FileManager.default.removeItem(atPath: main.path + "/.sieve/sieve.db")
    let fetch = try main.sieve(
      ["baseline", "fetch", "--store", storeDirectory.path],
      environment: ["XDG_CACHE_HOME": cache.path])
    #expect(fetch.status == 0, "\(fetch.stderr)")
    #expect(fetch.stderr.contains("1 commit back"))
    let affected = try main.affected()
    #expect(affected.contains(BasicTests.multiply), "committed")
    #expect(affected.contains(BasicTests.shout), "staged")
    #expect(affected.contains(BasicTests.add), "unstaged")
    #expect(!affected.contains(BasicTests.clamp))
    let run = try main.run()
    #expect(run.ranTests.contains("tests/test_new.py::test_new"), "untracked")
  }

  @Test("A commit that affects no test moves the database to it; a dirty file stays pending")
  func unaffectedCommitMovesTheDatabase() throws {
    let project = try SieveProject()
    #expect(try project.run("--all").status == 0)
    try project.write("# Notes\n", to: "NOTES.md")
    let notes = try project.repository.commit("Notes")
    try project.edit("app/calc.py", replacing: "# Adds two numbers.", with: "# Adds.")
    let run = try project.run()
    #expect(run.ranTests.isEmpty)
    let status = try project.sieve("status", "--json")
    #expect(status.stdout.contains(notes), "\(status.stdout)")
    let publish = try project.sieve(
      ["baseline", "publish", "--store", cache.path + "/store"],
      environment: ["XDG_CACHE_HOME": cache.path])
    #expect(publish.status == 70, "app/calc.py is dirty, so it stays pending")
    #expect(publish.stderr.contains("dirty tree (app/calc.py)"), "\(publish.stderr)")
    try project.edit("app/calc.py", replacing: "# Adds.", with: "# Adds two numbers.")
    #expect(try project.run().ranTests.isEmpty)
    let clean = try project.sieve(
      ["baseline", "publish", "--store", cache.path + "/store"],
      environment: ["XDG_CACHE_HOME": cache.path])
    #expect(clean.status == 0, "\(clean.stderr)")
  }

  @Test("Publishing refuses a database from a dirty tree or another commit")
  func publishRefusals() throws {
    let storeDirectory = try TemporaryDirectory(prefix: "sieve-store")
    let env = environment(store: storeDirectory.path)
    let project = try SieveProject()
    let missing = try project.sieve(["baseline", "publish"], environment: env)
    #expect(missing.status == 70)
    #expect(missing.stderr.contains("no database"))
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try project.run("--all").status == 0)
    let dirty = try project.sieve(["baseline", "publish"], environment: env)
    #expect(dirty.status == 70)
    #expect(dirty.stderr.contains("dirty tree (app/calc.py)"), "\(dirty.stderr)")
    try project.repository.commit("Commit the change")
    let other = try project.sieve(["baseline", "publish"], environment: env)
    #expect(other.status == 70)
    #expect(other.stderr.contains("not on the checked-out commit"), "\(other.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: storeDirectory.path).isEmpty)
  }

  @Test(
    "A damaged archive, a newer schema, 401, 500 or no server: one line, nothing installed, every test runs"
  )
  func badStores() throws {
    let server = try NginxServer()
    let storeDirectory = try TemporaryDirectory(prefix: "sieve-store")
    let project = try SieveProject()
    #expect(try project.run("--all").status == 0)
    let head = try project.repository.head()
    for store in [storeDirectory.path, "\(server.url)/private/b"] {
      var env = environment(store: store)
      env["SIEVE_STORE_AUTHORIZATION"] = NginxServer.token
      let publish = try project.sieve(["baseline", "publish"], environment: env)
      #expect(publish.status == 0, "\(publish.stderr)")
    }
    let environmentKey = try #require(
      try FileManager.default.contentsOfDirectory(atPath: storeDirectory.path + "/" + head).first)
    let directory = storeDirectory.path + "/\(head)/\(environmentKey)"
    let archive = try #require(
      try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".gz") })
    let manifestPath = directory + "/manifest.json"
    let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
    try FileManager.default.removeItem(atPath: project.path + "/.sieve/sieve.db")

    func expectNothingInstalled(_ store: String, _ message: String, auth: String? = nil) throws {
      var env = environment(store: store)
      if let auth { env["SIEVE_STORE_AUTHORIZATION"] = auth }
      let fetch = try project.sieve(["baseline", "fetch"], environment: env)
      #expect(fetch.status == 70, "\(store): \(fetch.stderr)")
      #expect(fetch.stderr.contains(message), "\(store): \(fetch.stderr)")
      #expect(fetch.stderr.split(separator: "\n").count == 1, "\(fetch.stderr)")
      #expect(!FileManager.default.fileExists(atPath: project.path + "/.sieve/sieve.db"))
      let run = try project.run("--baseline", "auto", environment: env)
      #expect(run.stderr.contains("baseline not used"), "\(run.stderr)")
      #expect(run.ranTests.count == BasicTests.count)
      try FileManager.default.removeItem(atPath: project.path + "/.sieve/sieve.db")
    }

    // Truncated: the archive lost its tail.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + archive))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: directory + "/" + archive))
    try expectNothingInstalled(storeDirectory.path, "truncated download")
    // Same size, other bytes: the checksum catches it.
    try Data(repeating: 0, count: bytes.count).write(
      to: URL(fileURLWithPath: directory + "/" + archive))
    try expectNothingInstalled(storeDirectory.path, "does not match its checksum")
    // A manifest for a schema this Sieve does not know.
    try bytes.write(to: URL(fileURLWithPath: directory + "/" + archive))
    try manifest.replacingOccurrences(of: "\"schema\" : \"", with: "\"schema\" : \"v99 ")
      .write(toFile: manifestPath, atomically: true, encoding: .utf8)
    try expectNothingInstalled(storeDirectory.path, "upgrade Sieve")
    // HTTP: no credentials, a server error, nobody listening.
    try expectNothingInstalled("\(server.url)/private/b", "HTTP 401")
    try expectNothingInstalled("\(server.url)/private/b", "HTTP 401", auth: "Bearer wrong")
    try expectNothingInstalled("\(server.url)/broken/b", "HTTP 500")
    try expectNothingInstalled("http://127.0.0.1:9/b", "Could not reach")
    // And with the right credentials it works.
    let good = try project.sieve(
      ["baseline", "fetch"],
      environment: environment(store: "\(server.url)/private/b").merging(
        ["SIEVE_STORE_AUTHORIZATION": NginxServer.token]) { $1 })
    #expect(good.status == 0, "\(good.stderr)")
    #expect(!good.stderr.contains("sieve-test-token"))
    #expect(try project.affected().isEmpty)
  }

  @Test("A shallow clone without a baseline in its history says so, and runs everything")
  func shallowClone() throws {
    let storeDirectory = try TemporaryDirectory(prefix: "sieve-store")
    let env = environment(store: storeDirectory.path)
    let main = try SieveProject()
    #expect(try main.run("--all").status == 0)
    #expect(try main.sieve(["baseline", "publish"], environment: env).status == 0)
    try main.write("# Notes\n", to: "NOTES.md")
    try main.repository.commit("Notes")
    let clones = try TemporaryDirectory(prefix: "sieve-shallow")
    let path = clones.path + "/shallow"
    try Shell.output(
      "git", ["clone", "-q", "--depth", "1", "file://" + main.path, path], in: clones.path,
      environment: GitFixture.environment)
    let fetch = try Shell.run(
      SieveProject.sieveExecutable, ["baseline", "fetch"], in: path,
      environment: GitFixture.environment.merging(env) { $1 })
    #expect(fetch.status == 0)
    #expect(fetch.stderr.contains("shallow clone"), "\(fetch.stderr)")
    #expect(fetch.stderr.contains("runs every test"))
  }

  @Test(
    "Shards collected on one commit merge into a complete baseline; concurrent publishes do not corrupt the store"
  )
  func mergeShardsAndPublishConcurrently() async throws {
    let server = try NginxServer()
    let store = "\(server.url)/open/shards"
    let env = environment(store: store)
    let project = try SieveProject()
    let shards = [["tests/test_calc.py"], ["tests/test_text.py", "tests/test_limits.py"]]
    for (index, paths) in shards.enumerated() {
      let run = try project.sieve(
        [
          "run", "--database", "shard-\(index).db", "--", "python3", "-m", "pytest", "-p",
          "no:cacheprovider",
        ]
          + paths)
      #expect(run.status == 0, "\(run.stderr)")
    }
    let merge = try project.sieve(
      "baseline", "merge", "shard-0.db", "shard-1.db", "-o", "merged.db")
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(merge.stderr.contains("9 tests"), "\(merge.stderr)")
    let sameOutput = try project.sieve("baseline", "merge", "shard-0.db", "-o", "shard-0.db")
    #expect(sameOutput.status == 70)

    let publishers = try await withThrowingTaskGroup(of: Int32.self) { group in
      for _ in 0..<3 {
        group.addTask {
          try project.sieve(["baseline", "publish", "--database", "merged.db"], environment: env)
            .status
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(publishers == [0, 0, 0])
    let clones = try TemporaryDirectory(prefix: "sieve-clone")
    let path = clones.path + "/clone"
    try Shell.output(
      "git", ["clone", "-q", project.path, path], in: clones.path,
      environment: GitFixture.environment)
    let fetch = try Shell.run(
      SieveProject.sieveExecutable, ["baseline", "fetch"], in: path,
      environment: GitFixture.environment.merging(env) { $1 })
    #expect(fetch.status == 0, "\(fetch.stderr)")
    #expect(fetch.stderr.contains("HEAD itself"), "\(fetch.stderr)")
    let affected = try Shell.run(
      SieveProject.sieveExecutable, ["affected"], in: path, environment: GitFixture.environment)
    #expect(affected.stdout.isEmpty, "the merged baseline covers every test: \(affected.stdout)")
  }

  @Test(
    "The store comes from [tool.sieve] when no flag or variable names one; prune keeps the newest")
  func configuredStoreAndPrune() throws {
    let project = try SieveProject()
    let name = "baselines-\(UUID().uuidString)"
    try project.write("[tool.sieve]\nstore = \"../\(name)\"\n", to: ".sieve.toml")
    try project.repository.commit("Configure the store")
    for index in 0..<3 {
      if index > 0 {
        try project.write("# \(index)\n", to: "NOTES.md")
        try project.repository.commit("Notes \(index)")
      }
      #expect(try project.run().status == 0)
      let publish = try project.sieve(
        ["baseline", "publish"], environment: ["XDG_CACHE_HOME": cache.path])
      #expect(publish.status == 0, "\(publish.stderr)")
      Thread.sleep(forTimeInterval: 1.1)
    }
    let root = (project.path as NSString).deletingLastPathComponent + "/" + name
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root).count == 3)
    let prune = try project.sieve("baseline", "prune", "--keep", "1")
    #expect(prune.status == 0, "\(prune.stderr)")
    #expect(prune.lines.count == 2)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: root) == [try project.repository.head()])
  }
}
