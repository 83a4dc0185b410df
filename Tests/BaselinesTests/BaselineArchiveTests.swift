import SieveBaselines
import Testing

@Suite("Baseline archives")
struct BaselineArchiveTests {
  let database = Array(String(repeating: "SQLite format 3\0 some pages ", count: 500).utf8)

  func manifest(for archive: BaselineArchive) -> BaselineManifest {
    BaselineManifest(
      commit: String(repeating: "a", count: 40), schema: "v2", sieveVersion: "0.1.0",
      environment: BaselineEnvironment(facts: ["python": "cpython 3.11.7", "packages": "ab"]),
      archive: archive, testCount: 3, publishedAt: "2026-11-22T00:00:00Z")
  }

  @Test("A database survives compression and the checks")
  func roundTrip() throws {
    let archive = try BaselineArchive(compressing: database)
    #expect(archive.bytes.count < database.count / 5)
    #expect(archive.name == archive.sha256 + ".db.gz")
    let restored = try BaselineArchive.database(
      from: archive.bytes, checkedAgainst: manifest(for: archive))
    #expect(restored == database)
  }

  @Test("A truncated download is refused")
  func truncated() throws {
    let archive = try BaselineArchive(compressing: database)
    #expect(throws: BaselineError.self) {
      try BaselineArchive.database(
        from: Array(archive.bytes.dropLast(7)), checkedAgainst: manifest(for: archive))
    }
  }

  @Test("An altered archive of the right size is refused by its checksum")
  func altered() throws {
    let archive = try BaselineArchive(compressing: database)
    var bytes = archive.bytes
    bytes[bytes.count / 2] ^= 0xFF
    let error = #expect(throws: BaselineError.self) {
      try BaselineArchive.database(from: bytes, checkedAgainst: manifest(for: archive))
    }
    #expect(error?.description.contains("checksum") == true)
  }

  @Test("The environment key depends on every fact and on nothing else")
  func environmentKey() {
    let a = BaselineEnvironment(facts: ["python": "cpython 3.11.7", "packages": "ab"])
    let b = BaselineEnvironment(facts: ["packages": "ab", "python": "cpython 3.11.7"])
    let c = BaselineEnvironment(facts: ["python": "cpython 3.12.1", "packages": "ab"])
    #expect(a.key == b.key)
    #expect(a.key != c.key)
    #expect(a.key.count == 16)
  }

  @Test("A manifest that is not one, or of a newer format, is refused")
  func badManifests() throws {
    #expect(throws: BaselineError.self) {
      try BaselineManifest.decoded(Array("<html>502</html>".utf8), from: "x/manifest.json")
    }
    var future = manifest(for: try BaselineArchive(compressing: database))
    future.format = BaselineManifest.currentFormat + 1
    #expect(throws: BaselineError.self) {
      try BaselineManifest.decoded(try future.encoded(), from: "x/manifest.json")
    }
  }
}
