import Testing

/// Files that are not Python — JSON, templates — that tests or the code under test read.
@Suite("Data files")
struct DataFileTests {
  static let apple = "tests/test_catalog.py::test_apple_price"
  static let pear = "tests/test_catalog.py::test_pear_price"
  static let greeting = "tests/test_greet.py::test_greeting"

  /// The default Python (coverage.py below 3.12) and, if installed, a 3.12+ (sys.monitoring).
  static let pythons = ["python3"] + [CollectorTests.modernPython].compactMap { $0 }

  @Test("Editing a data file selects the tests that read it", arguments: pythons)
  func dataFileEdit(python: String) throws {
    let project = try SieveProject(fixture: "pytest-data")
    #expect(try project.run(python: python).ranTests.count == 3)
    try project.edit("app/prices.json", replacing: "\"pear\": 2.0", with: "\"pear\": 2.5")
    #expect(try project.affected() == [Self.apple, Self.pear])
    let run = try project.run(python: python)
    #expect(run.ranTests == [Self.apple, Self.pear])
    #expect(run.status == 1, "the pear price changed")
    try project.edit("app/prices.json", replacing: "\"pear\": 2.5", with: "\"pear\": 2.0")
    #expect(try project.run(python: python).status == 0)
    try project.edit("app/templates/greeting.txt", replacing: "Hello", with: "Hi")
    #expect(try project.affected() == [Self.greeting])
  }
}
