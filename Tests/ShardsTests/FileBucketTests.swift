import SieveModel
import SieveShards
import Testing

@Suite("FileBucket")
struct FileBucketTests {
  @Test("Every path lands in a bucket within range, the same one every time")
  func inRange() {
    for index in 0..<50 {
      let path = RepoPath("tests/test_\(index).py")
      let bucket = FileBucket.index(of: path, count: 4)
      #expect((0..<4).contains(bucket))
      #expect(FileBucket.index(of: path, count: 4) == bucket)
    }
  }

  @Test("With one part, every path is in it")
  func onePart() {
    #expect(FileBucket.index(of: "tests/test_a.py", count: 1) == 0)
  }

  @Test("Paths spread over the buckets")
  func spread() {
    let buckets = Set(
      (0..<40).map { FileBucket.index(of: RepoPath("tests/test_\($0).py"), count: 4) })
    #expect(buckets == [0, 1, 2, 3])
  }
}
