import SieveStore
import Testing

@Suite("StoreError")
struct StoreErrorTests {
  @Test(
    "Every description names the file and says what to do, in two sentences",
    arguments: [
      (
        StoreError.unreadable(path: "/r/.sieve/sieve.db", reason: "file is not a database"),
        "file is not a database", "Delete it"
      ),
      (.newerSchema(path: "/r/.sieve/sieve.db"), "newer Sieve", "Upgrade Sieve"),
      (
        .writeFailed(path: "/r/.sieve/sieve.db", reason: "disk I/O error"), "disk I/O error",
        "writable"
      ),
    ]
  )
  func descriptions(error: StoreError, subject: String, advice: String) {
    let text = error.description
    #expect(text.contains("/r/.sieve/sieve.db"))
    #expect(text.contains(subject))
    #expect(text.contains(advice))
    #expect(!text.hasPrefix("Error"))
    #expect(!text.contains("\n"))
    #expect(text.hasSuffix("."))
    #expect(text.components(separatedBy: ". ").count >= 2)
  }
}
