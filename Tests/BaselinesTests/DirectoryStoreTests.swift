import Foundation
import SieveBaselines
import SieveTestSupport
import Testing

@Suite("Directory baseline stores")
struct DirectoryStoreTests {
  @Test("Keys are written whole and read back; a missing key is nil")
  func readWrite() async throws {
    let directory = try TemporaryDirectory()
    let store = DirectoryBaselineStore(root: directory.path + "/store")
    #expect(try await store.read("c1/e/manifest.json") == nil)
    #expect(try await !store.exists("c1/e/manifest.json"))
    try await store.write("c1/e/manifest.json", Array("{}".utf8))
    #expect(try await store.read("c1/e/manifest.json") == Array("{}".utf8))
    #expect(try await store.exists("c1/e/manifest.json"))
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: directory.path + "/store/c1/e")
    #expect(leftovers == ["manifest.json"], "no temporary files remain")
  }

  @Test("Many writers of one key at once leave one whole file")
  func concurrentWriters() async throws {
    let directory = try TemporaryDirectory()
    let store = DirectoryBaselineStore(root: directory.path)
    let contents = (0..<16).map { Array(String(repeating: "\($0 % 10)", count: 200_000).utf8) }
    await withThrowingTaskGroup(of: Void.self) { group in
      for bytes in contents {
        group.addTask { try await store.write("c/e/manifest.json", bytes) }
      }
    }
    let result = try #require(try await store.read("c/e/manifest.json"))
    #expect(contents.contains(result))
  }

  @Test("Pruning keeps the most recently published commits")
  func prune() async throws {
    let directory = try TemporaryDirectory()
    let store = DirectoryBaselineStore(root: directory.path)
    for (index, commit) in ["c1", "c2", "c3", "c4"].enumerated() {
      try await store.write("\(commit)/e/manifest.json", [1])
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: 1_000_000 + Double(index) * 60)],
        ofItemAtPath: directory.path + "/\(commit)/e/manifest.json")
    }
    #expect(try store.prune(keep: 2) == ["c1", "c2"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["c3", "c4"])
    #expect(try store.prune(keep: 5).isEmpty)
  }
}
