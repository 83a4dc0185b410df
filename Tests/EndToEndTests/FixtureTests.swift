import Testing

/// Fixtures set up once for many tests belong to every test that uses them.
@Suite("Fixtures")
struct FixtureTests {
  static let hasAda = "tests/test_a.py::test_has_ada"
  static let plain = "tests/test_a.py::test_plain"
  static let hasGrace = "tests/test_b.py::test_has_grace"
  static let cacheStartsEmpty = "tests/test_b.py::test_cache_starts_empty"
  static let cacheStillEmpty = "tests/test_b.py::test_cache_still_empty"
  static let all: Set<String> = [hasAda, plain, hasGrace, cacheStartsEmpty, cacheStillEmpty]

  @Test(
    "A session fixture shared by two test files selects the tests of both",
    arguments: DataFileTests.pythons)
  func sessionFixture(python: String) throws {
    let project = try SieveProject(fixture: "pytest-fixtures")
    #expect(try project.run(python: python).ranTests == Self.all)
    try project.edit(
      "app/store.py", replacing: "return {\"users\": [\"ada\", \"grace\"]}",
      with: "return {\"users\": [\"grace\", \"ada\"]}")
    #expect(try project.affected() == [Self.hasAda, Self.hasGrace])
  }

  @Test(
    "A module fixture belongs to every test in the module that uses it",
    arguments: DataFileTests.pythons)
  func moduleFixture(python: String) throws {
    let project = try SieveProject(fixture: "pytest-fixtures")
    try project.run(python: python)
    try project.edit("app/store.py", replacing: "return {}", with: "return dict()")
    #expect(try project.affected() == [Self.cacheStartsEmpty, Self.cacheStillEmpty])
  }

  @Test("An autouse session fixture belongs to every test", arguments: DataFileTests.pythons)
  func autouseFixture(python: String) throws {
    let project = try SieveProject(fixture: "pytest-fixtures")
    try project.run(python: python)
    try project.edit(
      "app/store.py", replacing: "return {\"debug\": False}", with: "return {\"debug\": True}")
    #expect(try project.affected() == Self.all)
  }
}
