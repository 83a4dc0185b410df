import SieveBlocks
import SieveModel
import Testing

/// Splits `source` as `module.py`.
private func split(_ source: String) -> BlockedFile {
  PythonSplitter().split(Array(source.utf8), path: "module.py")
}

extension BlockedFile {
  /// The block named `name`, or `nil`.
  fileprivate subscript(_ name: String) -> Block? {
    blocks.first { $0.name == name }
  }

  /// The skeleton block's hash.
  fileprivate var skeletonHash: BlockHash? { self[Block.skeletonName]?.hash }

  /// The names of the function blocks, in order.
  fileprivate var functionNames: [String] {
    blocks.filter { $0.kind == .function }.map(\.name)
  }

  /// Every block's name and hash.
  fileprivate var hashes: [String: BlockHash] {
    Dictionary(uniqueKeysWithValues: blocks.map { ($0.name, $0.hash) })
  }
}

@Suite("PythonSplitter")
struct PythonSplitterTests {
  static let module = """
    import os

    LIMIT = 3

    def area(width, height=1):
        return width * height

    class Shape:
        sides = 4

        def describe(self):
            return f"{self.sides} sides"
    """

  // MARK: - Blocks and names

  @Test("A module splits into a skeleton first, then functions in source order")
  func skeletonThenFunctions() {
    let file = split(Self.module)
    #expect(file.blocks.map(\.kind) == [.skeleton, .function, .function])
    #expect(file.blocks.first?.name == Block.skeletonName)
    #expect(file.blocks.first?.bodyLines == 1...12)
    #expect(file.functionNames == ["area", "Shape.describe"])
    #expect(file["area"]?.headerLine == 5)
    #expect(file["area"]?.bodyLines == 6...6)
    #expect(file["Shape.describe"]?.bodyLines == 12...12)
    #expect(file.contentHash == ContentHasher.hash(Array(Self.module.utf8)))
  }

  @Test("A one-line function's body is on its def line")
  func oneLiner() {
    let file = split("def f(): return 1\ndef g(): x = 1; return x\n")
    #expect(file["f"]?.headerLine == 1)
    #expect(file["f"]?.bodyLines == 1...1)
    #expect(file["g"]?.bodyLines == 2...2)
  }

  @Test("A decorated function starts at its first decorator")
  func decorators() {
    let file = split(
      """
      @first
      @second(
          argument)
      def f():
          \"\"\"Docstring.\"\"\"
          return (1,
                  2)
      """)
    #expect(file["f"]?.headerLine == 1)
    #expect(file["f"]?.bodyLines == 5...7)
  }

  @Test("An async def is a function block that starts at its async keyword")
  func asyncDef() {
    let file = split("class C:\n    async def fetch(self):\n        await go()\n")
    #expect(file.functionNames == ["C.fetch"])
    #expect(file["C.fetch"]?.headerLine == 2)
    #expect(file["C.fetch"]?.bodyLines == 3...3)
  }

  @Test("Nested functions and classes in functions get Python's qualified names")
  func qualifiedNames() {
    let file = split(
      """
      def outer():
          def inner():
              class Local:
                  def method(self):
                      def deepest(): pass
          if True:
              try:
                  def guarded(): pass
              except Exception:
                  pass
      class C:
          class D:
              def m(self): pass
      """)
    #expect(
      file.functionNames == [
        "outer", "outer.<locals>.inner", "outer.<locals>.inner.<locals>.Local.method",
        "outer.<locals>.inner.<locals>.Local.method.<locals>.deepest",
        "outer.<locals>.guarded", "C.D.m",
      ])
    #expect(file["outer"]?.bodyLines == 2...10)
    #expect(file["outer.<locals>.inner"]?.bodyLines == 3...5)
  }

  @Test("A repeated qualified name gets #2, #3 in source order")
  func repeatedNames() {
    let file = split(
      """
      class C:
          @property
          def x(self): return self._x
          @x.setter
          def x(self, value): self._x = value
          @x.deleter
          def x(self): del self._x
      """)
    #expect(file.functionNames == ["C.x", "C.x#2", "C.x#3"])
    #expect(file["C.x#2"]?.headerLine == 4)
  }

  @Test("A body that starts with a decorated definition starts at its def line, as in ast")
  func bodyStartingWithDecoratedDefinition() {
    let file = split("def outer():\n    @wraps(f)\n    def inner(): pass\n    return inner\n")
    #expect(file["outer"]?.bodyLines == 3...4)
    #expect(file["outer.<locals>.inner"]?.headerLine == 2)
  }

  // MARK: - What hashes ignore

  @Test("Comments, blank lines, spacing and continuations leave every hash alone")
  func layoutIsIgnored() {
    let reformatted = """
      # A comment.
      import   os


      LIMIT =   3  # inline

      def area( width,height = 1 ):
          # Explained.

          return width*\\
              height
      class Shape :
          sides= 4
          def describe( self ) :
              return f"{self.sides} sides"
      """
    #expect(split(reformatted).hashes == split(Self.module).hashes)
  }

  @Test("Windows line endings and a byte order mark leave every hash alone")
  func lineEndingsAndByteOrderMark() {
    let windows = Self.module.replacing("\n", with: "\r\n")
    #expect(split(windows).hashes == split(Self.module).hashes)
    let marked = PythonSplitter().split([0xEF, 0xBB, 0xBF] + Array(Self.module.utf8), path: "m.py")
    #expect(marked.hashes == split(Self.module).hashes)
  }

  @Test("Moving a function leaves its hash alone")
  func positionIsIgnored() {
    let moved = """
      def area(width, height=1):
          return width * height

      import os

      LIMIT = 3

      class Shape:
          sides = 4

          def describe(self):
              return f"{self.sides} sides"
      """
    #expect(split(moved)["area"]?.hash == split(Self.module)["area"]?.hash)
    #expect(split(moved)["Shape.describe"]?.hash == split(Self.module)["Shape.describe"]?.hash)
  }

  // MARK: - What hashes notice

  @Test("Dedenting a statement out of a function changes the function and the skeleton")
  func indentationMatters() {
    let inside = split("def f():\n    a = 1\n    b = 2\n")
    let outside = split("def f():\n    a = 1\nb = 2\n")
    #expect(inside["f"]?.hash != outside["f"]?.hash)
    #expect(inside.skeletonHash != outside.skeletonHash)
  }

  @Test("Inserting a function changes the skeleton and no other function")
  func insertingAFunction() {
    let inserted = Self.module.replacing(
      "class Shape:", with: "def perimeter(a, b):\n    return 2 * (a + b)\n\nclass Shape:")
    let before = split(Self.module)
    let after = split(inserted)
    #expect(after.functionNames == ["area", "perimeter", "Shape.describe"])
    #expect(after["area"]?.hash == before["area"]?.hash)
    #expect(after["Shape.describe"]?.hash == before["Shape.describe"]?.hash)
    #expect(after.skeletonHash != before.skeletonHash)
  }

  @Test("Changing a body changes only that function's hash")
  func changingABody() {
    let before = split(Self.module)
    let after = split(Self.module.replacing("width * height", with: "width * height * 2"))
    #expect(after["area"]?.hash != before["area"]?.hash)
    #expect(after["Shape.describe"]?.hash == before["Shape.describe"]?.hash)
    #expect(after.skeletonHash == before.skeletonHash)
  }

  @Test("Changing a default argument changes the skeleton and the function's header, not others")
  func changingADefault() {
    // The function's block covers its own header as well as its body.
    let before = split(Self.module)
    let after = split(Self.module.replacing("height=1", with: "height=2"))
    #expect(after.skeletonHash != before.skeletonHash)
    #expect(after["area"]?.hash != before["area"]?.hash)
    #expect(after["Shape.describe"]?.hash == before["Shape.describe"]?.hash)
  }

  @Test("A nested function's body belongs to it alone; its header also to the outer function")
  func nestedBodies() {
    let source = "def outer():\n    def inner(x=1):\n        return x\n    return inner\n"
    let before = split(source)
    let body = split(source.replacing("return x", with: "return -x"))
    #expect(body["outer"]?.hash == before["outer"]?.hash)
    #expect(body["outer.<locals>.inner"]?.hash != before["outer.<locals>.inner"]?.hash)
    let header = split(source.replacing("x=1", with: "x=2"))
    #expect(header["outer"]?.hash != before["outer"]?.hash)
    #expect(header.skeletonHash == before.skeletonHash)
  }

  @Test("A class body inside a function belongs to the function; its methods are their own")
  func classInsideFunction() {
    let source =
      "def f():\n    class Local:\n        size = 1\n        def m(self):\n            return 2\n"
    let before = split(source)
    let attribute = split(source.replacing("size = 1", with: "size = 3"))
    #expect(attribute["f"]?.hash != before["f"]?.hash)
    #expect(attribute["f.<locals>.Local.m"]?.hash == before["f.<locals>.Local.m"]?.hash)
    let method = split(source.replacing("return 2", with: "return 4"))
    #expect(method["f"]?.hash == before["f"]?.hash)
    #expect(method["f.<locals>.Local.m"]?.hash != before["f.<locals>.Local.m"]?.hash)
  }

  // MARK: - Lexical details

  @Test(
    "Every kind of string is one token, whatever it contains",
    arguments: [
      #"'single' "double""#, #"'''triple ' '' quotes'''"#, #""""def hidden():\n    pass\n""""#,
      #"r'\'' r"\\" R'\d' rb"\"" Br'x' bR"y""#, #"b'bytes' u'text' U"text" "\N{BULLET}""#,
      #"f"{x}" F'{y!r}' rf'{z}\d' fR"{w}" t"{v}" tr'{u}' Rt"{s}""#,
      #"f"{x["a"]}" f'{f'{y}'}' f"{f"{f"{z}"}"}""#, #"f"{v:{width}.{precision}}" f"{v:'>10}""#,
      #"f"{{not a field}} {{ {x} }}" f"\{x} \N{BULLET} {y!r:^{w}}""#,
      #"f'''{x\#n+ 1}''' f"{ {'a': 1}['a'] }" f"{(lambda: 1)()}" f"{x = }""#,
      #"'a' 'b' \\#n"c""#, "'''multi\nline'''",
    ])
  func strings(literal: String) {
    let file = split("value = \(literal)\ndef f():\n    return value\n")
    #expect(file.functionNames == ["f"])
    let lines = literal.split(separator: "\n", omittingEmptySubsequences: false).count
    #expect(file["f"]?.headerLine == lines + 1)
    #expect(file["f"]?.bodyLines == (lines + 2)...(lines + 2))
  }

  @Test("A def inside a triple-quoted string is not a function")
  func defInString() {
    let file = split("def f():\n    return '''\ndef g():\n    pass\n'''\n")
    #expect(file.functionNames == ["f"])
    #expect(file["f"]?.bodyLines == 2...5)
  }

  @Test("Tabs advance to the next multiple of eight, as in CPython")
  func tabs() {
    // A tab after two spaces reaches column 8, like one tab; the body ends at the dedent.
    let file = split("class C:\n\tdef m(self):\n  \t\treturn 1\n\tx = 2\n")
    #expect(file["C.m"]?.bodyLines == 3...3)
    #expect(file.functionNames == ["C.m"])
  }

  @Test("Identifiers may be non-ASCII")
  func nonASCIIIdentifiers() {
    let file = split("def größe(wert):\n    return wert * π\n")
    #expect(file.functionNames == ["größe"])
    #expect(file["größe"]?.bodyLines == 2...2)
  }

  @Test("Brackets span lines without ending the header or the statement")
  func bracketsSpanLines() {
    let file = split(
      "def f(\n    a,\n    b=[1,\n       2],\n) -> dict[\n    str, int]:\n    return {\n        a: b}\n"
    )
    #expect(file["f"]?.headerLine == 1)
    #expect(file["f"]?.bodyLines == 7...8)
  }

  // MARK: - Files that cannot be split

  @Test(
    "A file that cannot be tokenized or structured is one whole-file block",
    arguments: [
      "x = 'unterminated\n", "x = '''never closed\n", "x = (1,\n", "if x:\n        a\n    b\n",
      "def f()\n    return 1\n", "def f():\n", "x = 1 \\ y\n", "x = ]\n",
      "if x:\n\tpass\n        pass\n",
      "x = f'{x'\n", "x = '\u{0}'\n",
    ])
  func unsplittable(source: String) {
    let bytes = Array(source.utf8)
    let file = PythonSplitter().split(bytes, path: "broken.py")
    #expect(file.blocks.count == 1)
    #expect(file.blocks.first?.kind == .file)
    #expect(file.blocks.first?.name == Block.fileName)
    #expect(file.blocks.first?.hash == file.contentHash)
    #expect(file.contentHash == ContentHasher.hash(bytes))
  }

  @Test("An empty module is one skeleton block")
  func emptyModule() {
    let file = split("")
    #expect(file.blocks.map(\.kind) == [.skeleton])
    #expect(file.blocks.first?.bodyLines == 1...1)
  }
}
