import SieveBlocks
import SieveModel
import Testing

@Suite("DataFileSplitter")
struct DataFileSplitterTests {
  @Test(
    "A data file is one whole-file block over every line, hashed as its content",
    arguments: [("", 1), ("a", 1), ("a\n", 1), ("a\nb", 2), ("a\r\nb\r\n", 2), ("a\n\n\n", 3)])
  func wholeFile(text: String, lineCount: Int) {
    let bytes = Array(text.utf8)
    let file = DataFileSplitter().split(bytes, path: "data/table.csv")
    #expect(file.path == "data/table.csv")
    #expect(file.contentHash == ContentHasher.hash(bytes))
    #expect(
      file.blocks == [
        Block(
          kind: .file, name: Block.fileName, headerLine: 1, bodyLines: 1...lineCount,
          hash: file.contentHash)
      ])
  }
}
