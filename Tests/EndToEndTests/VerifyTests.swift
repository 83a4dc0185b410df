import Foundation
import Testing

/// `sieve verify`: seeded changes, full runs, and nothing left behind.
@Suite("sieve verify", .serialized)
struct VerifyTests {
  static let command = [
    "verify", "--mutants", "8", "--seed", "1", "--json", "--",
    "python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
  ]

  @Test(
    "Mutants on a fixture are all caught and the tree is restored",
    arguments: [
      "pytest-basic", "pytest-data",
    ])
  func verify(fixture: String) throws {
    let project = try SieveProject(fixture: fixture)
    #expect(try project.run().status == 0)
    let database = project.path + "/.sieve/sieve.db"
    let statusBefore = try project.repository.git("status", "--porcelain")
    let databaseBefore = FileManager.default.contents(atPath: database)

    let output = try project.sieve(Self.command)
    #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(report["version"] as? Int == 1)
    #expect(report["tried"] as? Int ?? 0 > 0)
    #expect(report["killed"] as? Int ?? 0 >= 1, "\(output.stderr)")
    #expect((report["misses"] as? [Any])?.isEmpty == true, "\(output.stdout)")
    #expect(report["databaseUnchanged"] as? Bool == true)
    #expect(output.stderr.contains("missed: 0"))

    #expect(try project.repository.git("status", "--porcelain") == statusBefore)
    #expect(FileManager.default.contents(atPath: database) == databaseBefore)
  }

  @Test("The human form prints the summary on stderr and nothing on stdout")
  func human() throws {
    let project = try SieveProject(fixture: "pytest-data")
    #expect(try project.run().status == 0, "recorded first, so verify's own run starts no pytest")
    let output = try project.sieve(
      "verify", "--mutants", "3", "--seed", "2", "--", "python3", "-m", "pytest", "-q",
      "-p", "no:cacheprovider")
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.lines.isEmpty)
    #expect(output.stderr.contains("mutants: 3, killed:"))
    #expect(try project.repository.git("status", "--porcelain").isEmpty)
  }
}
