import SieveBaselines
import Testing

@Suite("Baseline store locations")
struct StoreLocationTests {
  @Test("Directories, file:// and http(s):// URLs name stores; other schemes do not")
  func locations() throws {
    let relative = try BaselineStoreLocation.open("cache/b", relativeTo: "/work", environment: [:])
    #expect((relative as? DirectoryBaselineStore)?.root == "/work/cache/b")
    let file = try BaselineStoreLocation.open("file:///srv/b", relativeTo: "/", environment: [:])
    #expect((file as? DirectoryBaselineStore)?.root == "/srv/b")
    let http = try BaselineStoreLocation.open(
      "https://cache.example.com/sieve/", relativeTo: "/", environment: [:])
    #expect(http.displayName == "https://cache.example.com/sieve")
    #expect(throws: BaselineError.self) {
      try BaselineStoreLocation.open("s3://bucket", relativeTo: "/", environment: [:])
    }
  }

  @Test("The Authorization header never appears in the store's name")
  func secretStaysSecret() throws {
    let store = try BaselineStoreLocation.open(
      "http://127.0.0.1:1/b", relativeTo: "/",
      environment: [BaselineStoreLocation.authorizationVariable: "Bearer s3cret"])
    #expect(!store.displayName.contains("s3cret"))
    #expect(!String(describing: store).contains("s3cret"))
  }
}
