import SieveBlocks
import SieveModel
import Testing

@Suite("ContentHasher")
struct ContentHasherTests {
  @Test("The hash is the first eight bytes of SHA-256, read big-endian")
  func knownDigest() {
    // SHA-256("abc") = ba7816bf 8f01cfea 414140de ...
    #expect(ContentHasher.hash(Array("abc".utf8)) == BlockHash(0xba78_16bf_8f01_cfea))
  }

  @Test("Different bytes hash differently")
  func differentBytes() {
    #expect(ContentHasher.hash([1, 2, 3]) != ContentHasher.hash([1, 2, 4]))
  }
}
