/// A place in Python source where a small, deliberate change can be made: a flipped
/// comparison, a changed number, a negated assertion.
///
/// `sieve verify` seeds such changes to check that selection never leaves out a test that a
/// change makes fail.
public struct PythonMutationSite: Sendable, Hashable, Codable {
  /// What kind of change this is.
  public var kind: MutationKind
  /// The 1-based line the changed text starts on.
  public var line: Int
  /// The byte offsets of the text to replace.
  public var range: Range<Int>
  /// The text at `range` now.
  public var original: String
  /// The text to put at `range`.
  public var replacement: String

  /// Creates a site.
  ///
  /// - Parameters:
  ///   - kind: What kind of change this is.
  ///   - line: The 1-based line the changed text starts on.
  ///   - range: The byte offsets of the text to replace.
  ///   - original: The text at `range` now.
  ///   - replacement: The text to put at `range`.
  public init(
    kind: MutationKind, line: Int, range: Range<Int>, original: String, replacement: String
  ) {
    self.kind = kind
    self.line = line
    self.range = range
    self.original = original
    self.replacement = replacement
  }

  /// The source with this site's change applied.
  ///
  /// - Parameter source: The bytes the site was found in.
  /// - Returns: The changed bytes.
  public func applied(to source: [UInt8]) -> [UInt8] {
    var result = source
    result.replaceSubrange(range, with: Array(replacement.utf8))
    return result
  }
}

/// Finds mutation sites in Python source with Sieve's own tokenizer, without starting Python.
public enum PythonMutationSites {
  /// The comparison operators and what each one flips to.
  static let flippedComparisons: [String: String] = [
    "<": ">=", ">=": "<", ">": "<=", "<=": ">", "==": "!=", "!=": "==",
  ]

  /// Every mutation site in a file, in source order.
  ///
  /// Functions whose name starts with `test` offer only assertions; other functions offer
  /// comparisons and numbers. A file that cannot be tokenized offers nothing.
  ///
  /// - Parameter source: The file's bytes.
  /// - Returns: The sites, ordered by their byte offset.
  public static func find(in source: [UInt8]) -> [PythonMutationSite] {
    source.withUnsafeBufferPointer { bytes in
      var scanner = Scanner(bytes: bytes)
      do {
        try scanner.scan()
      } catch {
        return []
      }
      return scanner.sites.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
  }

  /// The replacement for a decimal number literal: its integer part plus one, or `nil` for a
  /// literal in another form (hexadecimal, with underscores, imaginary, starting with `.`).
  static func changedNumber(_ text: String) -> String? {
    let bytes = Array(text.utf8)
    var digits = 0
    while digits < bytes.count, ASCII.isDigit(bytes[digits]) { digits += 1 }
    guard digits > 0 else { return nil }
    let rest = bytes[digits...]
    for byte in rest {
      let allowed =
        ASCII.isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
        || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      if !allowed { return nil }
    }
    if digits > 1 && bytes[0] == UInt8(ascii: "0") { return nil }
    var integer = Array(bytes[..<digits])
    var index = integer.count - 1
    while true {
      if integer[index] == UInt8(ascii: "9") {
        integer[index] = UInt8(ascii: "0")
        if index == 0 {
          integer.insert(UInt8(ascii: "1"), at: 0)
          break
        }
        index -= 1
      } else {
        integer[index] += 1
        break
      }
    }
    return String(decoding: integer + rest, as: UTF8.self)
  }

  // MARK: - Scanning

  private struct Scope {
    enum Kind { case function, `class` }
    var kind: Kind
    var isTest: Bool
    /// The indentation depth of the body, or `nil` for a body on the header's line.
    var depth: Int?
  }

  private struct Header {
    var kind: Scope.Kind
    var name: String?
  }

  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var sites: [PythonMutationSite] = []
    private var tokenizer: PythonTokenizer
    private var scopes: [Scope] = []
    private var depth = 0
    private var header: Header?
    /// A header just ended with its colon; the body starts with the next token.
    private var pendingBody: Scope?
    private var atStatementStart = true
    /// Whether an `assert` statement's expression is being read.
    private var isInAssertion = false
    /// The first token of the assertion's expression.
    private var assertionStart: PythonToken?
    /// The last token of the assertion's expression read so far.
    private var assertionLast: PythonToken?

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
      tokenizer = PythonTokenizer(bytes: bytes)
    }

    func text(_ token: PythonToken) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
    }

    mutating func scan() throws(BlocksError) {
      while true {
        let token = try tokenizer.next()
        if token.kind == .endMarker {
          finishAssertion()
          return
        }
        consume(token)
      }
    }

    private mutating func consume(_ token: PythonToken) {
      if var body = pendingBody {
        pendingBody = nil
        if token.kind == .newline {
          // The body follows on its own lines; its INDENT comes next.
          body.depth = depth + 1
          scopes.append(body)
          atStatementStart = true
          return
        }
        body.depth = nil
        scopes.append(body)
        atStatementStart = true
      }
      switch token.kind {
      case .indent:
        depth += 1
        atStatementStart = true
        return
      case .dedent:
        depth -= 1
        while let last = scopes.last, let scopeDepth = last.depth, scopeDepth > depth {
          scopes.removeLast()
        }
        atStatementStart = true
        return
      case .newline:
        finishAssertion()
        while let last = scopes.last, last.depth == nil { scopes.removeLast() }
        atStatementStart = true
        return
      default:
        break
      }
      let startsStatement = atStatementStart
      atStatementStart = false
      let value = text(token)
      if header != nil {
        consumeHeader(token, value: value)
        return
      }
      if startsStatement && token.kind == .name {
        if value == "def" || value == "class" {
          header = Header(kind: value == "def" ? .function : .class, name: nil)
          return
        }
        if value == "assert", scopes.last?.isTest == true {
          isInAssertion = true
          return
        }
        if value == "async" { atStatementStart = true }
      }
      if token.kind == .operator && tokenizer.bracketDepth == 0 && (value == ";" || value == ":") {
        // A statement may follow `;`, or the colon of `if`, `for`, `with` on the same line.
        if value == ";" { finishAssertion() }
        atStatementStart = true
        if value == ";" { return }
      }
      if isInAssertion {
        if token.kind == .operator && value == "," && tokenizer.bracketDepth == 0 {
          finishAssertion()
        } else {
          assertionStart = assertionStart ?? token
          assertionLast = token
        }
        return
      }
      consumeBody(token, value: value)
    }

    private mutating func consumeHeader(_ token: PythonToken, value: String) {
      guard var current = header else { return }
      if current.name == nil && token.kind == .name {
        current.name = value
        header = current
        return
      }
      if token.kind == .operator && value == ":" && tokenizer.bracketDepth == 0 {
        header = nil
        let name = current.name ?? ""
        let isTest = current.kind == .function && name.hasPrefix("test")
        pendingBody = Scope(kind: current.kind, isTest: isTest, depth: nil)
        return
      }
      if token.kind == .number && current.kind == .function,
        let replacement = PythonMutationSites.changedNumber(value)
      {
        add(.defaultArgument, token, value, replacement)
      }
    }

    private mutating func consumeBody(_ token: PythonToken, value: String) {
      let scope = scopes.last
      if scope?.isTest == true { return }
      switch token.kind {
      case .operator:
        if scope?.kind == .function, let flipped = PythonMutationSites.flippedComparisons[value] {
          add(.comparison, token, value, flipped)
        }
      case .number:
        guard let replacement = PythonMutationSites.changedNumber(value) else { return }
        let kind: MutationKind =
          switch scope?.kind {
          case .function: .functionConstant
          case .class: .classConstant
          case nil: .moduleConstant
          }
        add(kind, token, value, replacement)
      default:
        break
      }
    }

    private mutating func finishAssertion() {
      defer {
        isInAssertion = false
        assertionStart = nil
        assertionLast = nil
      }
      guard isInAssertion, let start = assertionStart, let last = assertionLast else { return }
      let range = start.start..<last.end
      let original = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
      sites.append(
        PythonMutationSite(
          kind: .assertion, line: start.line, range: range, original: original,
          replacement: "not (\(original))"))
    }

    private mutating func add(
      _ kind: MutationKind, _ token: PythonToken, _ original: String,
      _ replacement: String
    ) {
      sites.append(
        PythonMutationSite(
          kind: kind, line: token.line, range: token.start..<token.end, original: original,
          replacement: replacement))
    }
  }
}
