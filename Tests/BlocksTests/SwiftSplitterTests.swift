import SieveBlocks
import SieveModel
import Testing

/// Splits `source` as `Shapes.swift`.
private func split(_ source: String) -> BlockedFile {
  SwiftSplitter().split(Array(source.utf8), path: "Shapes.swift")
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

/// Returns `source` with the first occurrence of `target` replaced by `replacement`.
private func edit(_ source: String, _ target: String, _ replacement: String) -> String {
  guard let range = source.range(of: target) else {
    Issue.record("\(target) is not in the source")
    return source
  }
  return source.replacingCharacters(in: range, with: replacement)
}

@Suite("SwiftSplitter")
struct SwiftSplitterTests {
  static let file = """
    import Foundation

    let limit = 3

    /// A shape.
    protocol Shape {
      var area: Double { get }
      func scaled(by factor: Double) -> Self
    }

    @MainActor
    public struct Square: Shape {
      var side: Double = 1
      static let unit: Square = {
        Square(side: 1)
      }()
      lazy var cache: [Int] = { [1, 2] }()

      init(side: Double) {
        self.side = side
      }

      var area: Double { side * side }

      var perimeter: Double {
        get { 4 * side }
        set { side = newValue / 4 }
      }

      var label = "" {
        willSet { print(newValue) }
        didSet { print(oldValue) }
      }

      subscript(index: Int) -> Double {
        side * Double(index)
      }

      func scaled(by factor: Double) -> Square {
        func helper() -> Double { side * factor }
        return Square(side: helper())
      }
    }

    final class Box {
      deinit {
        print("gone")
      }
    }

    extension Square {
      struct Point {
        var x = 0.0
        func distance(to other: Point) -> Double { abs(x - other.x) }
      }
    }

    func describe(_ shape: some Shape) -> String {
      "\\(shape.area)"
    }
    """

  // MARK: - Blocks and names

  @Test("A file splits into a skeleton first, then every body kind in source order")
  func everyBodyKind() {
    let file = split(Self.file)
    #expect(file.blocks.first?.kind == .skeleton)
    #expect(file.blocks.first?.name == Block.skeletonName)
    #expect(file.blocks.first?.bodyLines == 1...60)
    #expect(
      file.functionNames == [
        "Square.unit", "Square.cache", "Square.init(side:)", "Square.area", "Square.perimeter.get",
        "Square.perimeter.set", "Square.label.willSet", "Square.label.didSet",
        "Square.subscript(_:)", "Square.scaled(by:)", "Box.deinit", "Square.Point.distance(to:)",
        "describe(_:)",
      ])
    #expect(file.contentHash == ContentHasher.hash(Array(Self.file.utf8)))
  }

  @Test("Header lines start at the first attribute or modifier; body lines end at the brace")
  func lines() {
    let file = split(Self.file)
    #expect(file["Square.unit"]?.headerLine == 14)
    #expect(file["Square.unit"]?.bodyLines == 14...16)
    #expect(file["Square.cache"]?.bodyLines == 17...17)
    #expect(file["Square.init(side:)"]?.bodyLines == 19...21)
    #expect(file["Square.area"]?.bodyLines == 23...23)
    #expect(file["Square.perimeter.get"]?.bodyLines == 26...26)
    #expect(file["Square.perimeter.set"]?.bodyLines == 27...27)
    #expect(file["Square.label.didSet"]?.headerLine == 32)
    #expect(file["Square.subscript(_:)"]?.bodyLines == 35...37)
    #expect(file["Square.scaled(by:)"]?.bodyLines == 39...42)
    #expect(file["Box.deinit"]?.bodyLines == 46...48)
    #expect(file["describe(_:)"]?.bodyLines == 58...60)
  }

  @Test("A coverage function's first line maps to the innermost body block")
  func coverageLines() {
    let file = split(Self.file)
    #expect(file.block(containingLine: 40)?.name == "Square.scaled(by:)")
    #expect(file.block(containingLine: 26)?.name == "Square.perimeter.get")
    #expect(file.block(containingLine: 13)?.name == Block.skeletonName)
  }

  @Test("Attributes and modifiers on their own lines start the header")
  func attributes() {
    let file = split(
      """
      struct S {
        @inlinable
        @discardableResult
        public static func make<T: Equatable>(_ value: T, label: String = "") -> Int
        where T: Hashable {
          0
        }
        nonisolated(unsafe) static var shared: S { S() }
        private(set) var count: Int { 1 }
      }
      """)
    #expect(file["S.make(_:label:)"]?.headerLine == 2)
    #expect(file["S.make(_:label:)"]?.bodyLines == 2...7)
    #expect(file["S.shared"]?.bodyLines == 8...8)
    #expect(file["S.count"]?.bodyLines == 9...9)
  }

  @Test("Repeated names get #2, #3 in source order")
  func repeatedNames() {
    let file = split(
      """
      struct C {
        func f() -> Int { 1 }
        func f() -> String { "" }
        init(x: Int) {}
        init(x: String) {}
      }
      extension C { func f() -> Double { 0 } }
      """)
    #expect(
      file.functionNames == ["C.f()", "C.f()#2", "C.init(x:)", "C.init(x:)#2", "C.f()#3"])
  }

  @Test("Functions and closures inside a body belong to its block")
  func nestedBodies() {
    let file = split(
      """
      func outer() {
        func inner() { print(1) }
        let closure = { (x: Int) in x }
        struct Local { func m() {} }
      }
      """)
    #expect(file.functionNames == ["outer()"])
    #expect(file["outer()"]?.bodyLines == 1...5)
  }

  @Test("Operators, subscripts with labels and explicit accessors are named like Swift")
  func names() {
    let file = split(
      """
      struct V {
        static func == (lhs: V, rhs: V) -> Bool { true }
        subscript(row row: Int, column: Int) -> Int {
          get { row }
          set {}
        }
        var value: Int {
          _read { yield 1 }
          _modify { var x = 1; yield &x }
        }
        func `default`(`in` x: Int) {}
      }
      """)
    #expect(
      file.functionNames == [
        "V.==(_:_:)", "V.subscript(row:_:).get", "V.subscript(row:_:).set", "V.value._read",
        "V.value._modify", "V.default(in:)",
      ])
  }

  @Test("Protocol requirements and stored properties make no blocks")
  func noBodies() {
    let file = split(
      """
      protocol P {
        var x: Int { get set }
        subscript(i: Int) -> Int { get }
        func f() async throws
        init()
      }
      struct S { var y = 1; let z: Int }
      """)
    #expect(file.functionNames.isEmpty)
    #expect(file.blocks.count == 1)
  }

  @Test("A trailing closure in an initializer and top-level statements stay in the skeleton")
  func skeletonClosures() {
    let file = split(
      """
      let sorted = [3, 1].sorted { $0 < $1 }
      let task = Task {
        print(1)
      }
      for value in sorted where value > 1 {
        print(value)
      }
      if sorted.isEmpty { print(0) }
      """)
    #expect(file.functionNames.isEmpty)
  }

  @Test("Bodies inside #if blocks are blocks")
  func conditionalCompilation() {
    let file = split(
      """
      struct S {
        #if os(Linux)
        func f() {}
        #elseif DEBUG
        func g() {}
        #else
        func h() {}
        #endif
      }
      """)
    #expect(file.functionNames == ["S.f()", "S.g()", "S.h()"])
  }

  // MARK: - Hashes

  @Test("Comments, blank lines, indentation and spacing leave every hash alone")
  func triviaIsIgnored() {
    let reformatted = edit(
      edit(
        edit(
          Self.file, "    return Square(side: helper())", "return  Square( side:helper() ) // x"),
        "var area: Double { side * side }", "var area : Double {side*side}/* area */"),
      "let limit = 3\n", "\n\n/* a /* nested */ comment */ let  limit=3 // three\n\n")
    #expect(split(reformatted).hashes == split(Self.file).hashes)
  }

  @Test("Windows line endings and a byte order mark leave every hash alone")
  func lineEndings() {
    let windows = Self.file.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(split(windows).hashes == split(Self.file).hashes)
    let marked = SwiftSplitter().split([0xEF, 0xBB, 0xBF] + Array(Self.file.utf8), path: "a.swift")
    #expect(marked.hashes == split(Self.file).hashes)
  }

  @Test("Changing a body changes only that block's hash")
  func bodyEdit() {
    let before = split(Self.file)
    let after = split(edit(Self.file, "get { 4 * side }", "get { 4.0 * side }"))
    let changed = Set(before.hashes.keys.filter { before.hashes[$0] != after.hashes[$0] })
    #expect(changed == ["Square.perimeter.get"])
  }

  @Test("Moving a function leaves every block's hash alone and changes the skeleton")
  func moving() {
    let moved = edit(
      edit(Self.file, "  init(side: Double) {\n    self.side = side\n  }\n", ""),
      "final class Box {",
      "extension Square {\n  init(side: Double) {\n    self.side = side\n  }\n}\n"
        + "final class Box {")
    let before = split(Self.file)
    let after = split(moved)
    #expect(after["Square.init(side:)"]?.hash == before["Square.init(side:)"]?.hash)
    #expect(after["Square.area"]?.hash == before["Square.area"]?.hash)
    #expect(after.skeletonHash != before.skeletonHash)
  }

  @Test("Changing a signature changes the skeleton and that block")
  func signatureEdit() {
    let before = split(Self.file)
    let after = split(
      edit(
        Self.file, "func scaled(by factor: Double) -> Square {",
        "func scaled(by factor: Double) throws -> Square {"))
    let changed = Set(before.hashes.keys.filter { before.hashes[$0] != after.hashes[$0] })
    #expect(changed == [Block.skeletonName, "Square.scaled(by:)"])
  }

  @Test("Changing a property's type changes its accessors")
  func propertyTypeEdit() {
    let before = split(Self.file)
    let after = split(edit(Self.file, "var perimeter: Double {", "var perimeter: Float {"))
    let changed = Set(before.hashes.keys.filter { before.hashes[$0] != after.hashes[$0] })
    #expect(changed == [Block.skeletonName, "Square.perimeter.get", "Square.perimeter.set"])
  }

  @Test(
    "Skeleton edits change only the skeleton",
    arguments: [
      ("var side: Double = 1", "var side: Double = 2"),
      ("let limit = 3", "let limit = 4"),
      (
        "func scaled(by factor: Double) -> Self\n",
        "func scaled(by factor: Double) -> Self\n  func rotated() -> Self\n"
      ),
      ("  var x = 0.0\n", "  var x = 0.0\n    var y = 0.0\n"),
      ("public struct Square: Shape {", "public struct Square: Shape, Sendable {"),
      ("@MainActor\n", ""),
      ("import Foundation", "import Foundation\nimport Dispatch"),
    ])
  func skeletonEdits(_ target: String, _ replacement: String) {
    let before = split(Self.file)
    let after = split(edit(Self.file, target, replacement))
    let changed = Set(before.hashes.keys.filter { before.hashes[$0] != after.hashes[$0] })
    #expect(changed == [Block.skeletonName])
  }

  @Test("Splitting a line between tokens changes the hash, since Swift reads line breaks")
  func lineBreaks() {
    let before = split("func f() { g(1) }")
    let after = split("func f() { g\n(1) }")
    #expect(before["f()"]?.hash != after["f()"]?.hash)
  }

  @Test("An operator's binding is hashed; its spacing otherwise is not")
  func operatorSpacing() {
    let binary = split("func f() { a - b }")
    #expect(split("func f() { a-b }")["f()"]?.hash == binary["f()"]?.hash)
    #expect(split("func f() { a -b }")["f()"]?.hash != binary["f()"]?.hash)
  }

  // MARK: - Lexing

  @Test("Braces in strings, interpolations, raw strings, regexes and comments are not bodies")
  func trickyLexing() {
    let file = split(
      ###"""
      struct T {
        func a() -> String { "}{ \(1 + (2 * 3)) \("nested }" + "\(4)") {" }
        func b() -> String {
          #"raw } "quote" \(not) \#(1) {"#
        }
        func c() -> String {
          ##"""
          } """# still raw {
          """##
        }
        /* a comment with a brace } /* nested { */ still comment } */
        func d() -> String {
          """
          multi { line } \("""
            inner }
            """)
          """
        }
        // func e() {
        func f() -> Bool { let r = #/a{2}\/}/#; let s = /[}]x/; return true }
        func `g`() {}
      }
      """###)
    #expect(file.functionNames == ["T.a()", "T.b()", "T.c()", "T.d()", "T.f()", "T.g()"])
    #expect(file["T.c()"]?.bodyLines == 6...10)
    #expect(file["T.d()"]?.bodyLines == 12...18)
    #expect(file["T.f()"]?.bodyLines == 20...20)
  }

  @Test("Result builders, some and any, where clauses and generics are read")
  func modernSyntax() {
    let file = split(
      """
      struct V<Content: View>: View where Content: Sendable {
        @ViewBuilder var body: some View {
          VStack { Text("a") }
        }
        func run(_ x: any Sequence<Int>, _ y: Dictionary<String, Int>) async throws -> Int {
          0
        }
      }
      """)
    #expect(file.functionNames == ["V.body", "V.run(_:_:)"])
    #expect(file["V.body"]?.bodyLines == 2...4)
  }

  @Test(
    "A file that cannot be read is one whole-file block",
    arguments: [
      "func f() {", "func f() { \"unterminated }", "struct S { ) }", "/* never closed",
      "let s = \"\"\"\nno end", "func f() {}\0",
    ])
  func fallback(_ source: String) {
    let file = split(source)
    #expect(file.blocks.count == 1)
    #expect(file.blocks.first?.kind == .file)
    #expect(file.blocks.first?.hash == ContentHasher.hash(Array(source.utf8)))
  }

  @Test("An empty file is one empty skeleton")
  func emptyFile() {
    let file = split("")
    #expect(file.blocks.map(\.kind) == [.skeleton])
    #expect(file.blocks.first?.bodyLines == 1...1)
  }
}
