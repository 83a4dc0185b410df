/// Splits Swift source bytes into tokens, and pairs every opening bracket with its closing one.
///
/// Comments (`//`, nested `/* /* */ */`, a leading `#!` line) and whitespace are skipped. A
/// string literal is one token whatever it holds: multi-line `"""` strings, raw strings
/// (`#"…"#`, `##"…"##`) and interpolations `\( … )`, which are scanned with their own nested
/// parentheses, strings and comments. Regular expression literals are one token: `#/…/#` always,
/// and a bare `/…/` where an expression can start and the closing `/` is on the same line.
/// Operators are classified as binary, prefix or postfix by the spaces around them, the way
/// Swift does, so `a+b` and `a + b` are the same tokens but `-x` and `- x` are not.
///
/// The tokenizer reads bytes: every byte of a non-ASCII character counts as an identifier
/// character outside strings and comments. It fails on a NUL byte, an unterminated string or
/// comment, and unbalanced or mismatched brackets.
struct SwiftTokenizer {
  /// The deepest nesting of strings inside interpolations that the tokenizer accepts.
  private static let maximumNesting = 64

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  /// The current 1-based line.
  private var line = 1
  private var tokens: [SwiftToken] = []
  /// The indices of the open brackets, innermost last.
  private var openBrackets: [Int] = []
  private var sawLineBreak = true

  /// Creates a tokenizer over `bytes`, skipping a leading UTF-8 byte order mark.
  private init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    if bytes.starts(with: ASCII.byteOrderMark) { position = ASCII.byteOrderMark.count }
  }

  /// Returns the tokens of `bytes`, with the bracket pairs filled in.
  static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) throws(BlocksError) -> [SwiftToken] {
    var tokenizer = SwiftTokenizer(bytes: bytes)
    try tokenizer.run()
    return tokenizer.tokens
  }

  private mutating func run() throws(BlocksError) {
    if bytes[position...].starts(with: [ASCII.hash, ASCII.exclamationMark]) {
      skipLineComment()
    }
    while true {
      try skipTrivia()
      guard position < bytes.count else { break }
      let start = position
      let startLine = line
      let kind = try scanToken()
      try append(kind, start: start, line: startLine)
    }
    if let open = openBrackets.last {
      throw .untokenizable(line: tokens[open].line, reason: "a bracket is never closed")
    }
    classifyOperators()
  }

  /// Records a token, pairing brackets.
  private mutating func append(
    _ kind: SwiftToken.Kind, start: Int, line startLine: Int
  ) throws(BlocksError) {
    let index = tokens.count
    tokens.append(
      SwiftToken(
        kind: kind, start: start, end: position, line: startLine, endLine: line,
        isAtLineStart: sawLineBreak, match: nil))
    sawLineBreak = false
    guard kind == .punctuation, position - start == 1 else { return }
    switch bytes[start] {
    case ASCII.leftParenthesis, ASCII.leftBracket, ASCII.leftBrace:
      openBrackets.append(index)
    case ASCII.rightParenthesis, ASCII.rightBracket, ASCII.rightBrace:
      guard let open = openBrackets.popLast(),
        Self.closer(of: bytes[tokens[open].start]) == bytes[start]
      else {
        throw .untokenizable(line: startLine, reason: "a closing bracket does not match")
      }
      tokens[open].match = index
    default:
      break
    }
  }

  private static func closer(of opener: UInt8) -> UInt8 {
    switch opener {
    case ASCII.leftParenthesis: ASCII.rightParenthesis
    case ASCII.leftBracket: ASCII.rightBracket
    default: ASCII.rightBrace
    }
  }

  // MARK: - Trivia

  /// Skips whitespace and comments, noting line breaks.
  private mutating func skipTrivia() throws(BlocksError) {
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case ASCII.space, ASCII.tab, ASCII.formFeed, 0x0B:
        position += 1
      case ASCII.lineFeed, ASCII.carriageReturn:
        consumeNewline()
        sawLineBreak = true
      case ASCII.null:
        throw .untokenizable(line: line, reason: "the file contains a NUL byte")
      case ASCII.slash where peek(1) == ASCII.slash:
        skipLineComment()
      case ASCII.slash where peek(1) == ASCII.asterisk:
        try skipBlockComment()
      default:
        return
      }
    }
  }

  /// Skips to the end of the line, leaving the line break.
  private mutating func skipLineComment() {
    while position < bytes.count, !ASCII.isNewline(bytes[position]) { position += 1 }
  }

  /// Skips a `/* … */` comment, which may nest.
  private mutating func skipBlockComment() throws(BlocksError) {
    let startLine = line
    var depth = 0
    while position < bytes.count {
      let byte = bytes[position]
      if byte == ASCII.slash, peek(1) == ASCII.asterisk {
        depth += 1
        position += 2
      } else if byte == ASCII.asterisk, peek(1) == ASCII.slash {
        depth -= 1
        position += 2
        if depth == 0 { return }
      } else if ASCII.isNewline(byte) {
        consumeNewline()
        sawLineBreak = true
      } else {
        position += 1
      }
    }
    throw .untokenizable(line: startLine, reason: "a block comment is never closed")
  }

  /// Consumes `\n`, `\r\n` or a lone `\r`, counting one line.
  private mutating func consumeNewline() {
    if bytes[position] == ASCII.carriageReturn, peek(1) == ASCII.lineFeed { position += 1 }
    position += 1
    line += 1
  }

  @inline(__always)
  private func peek(_ offset: Int) -> UInt8? {
    let index = position + offset
    return index < bytes.count ? bytes[index] : nil
  }

  // MARK: - Tokens

  /// Scans one token starting at `position`.
  private mutating func scanToken() throws(BlocksError) -> SwiftToken.Kind {
    let byte = bytes[position]
    if ASCII.isIdentifierStart(byte) || byte == Self.dollar {
      position += 1
      while position < bytes.count, ASCII.isIdentifierContinuation(bytes[position]) {
        position += 1
      }
      return .name
    }
    if ASCII.isDigit(byte) {
      scanNumber()
      return .number
    }
    switch byte {
    case Self.backtick:
      return try scanBacktickedName()
    case ASCII.doubleQuote:
      try scanString(hashes: 0, nesting: 0)
      return .string
    case ASCII.hash:
      return try scanPound()
    case ASCII.slash where isRegexStart():
      if scanBareRegex() { return .regex }
      scanOperator()
      return .binaryOperator
    case ASCII.period where peek(1) == ASCII.period:
      position += 1
      while position < bytes.count,
        Self.isOperatorByte(bytes[position]) || bytes[position] == ASCII.period
      {
        position += 1
      }
      return .binaryOperator
    default:
      if Self.isOperatorByte(byte) {
        scanOperator()
        return .binaryOperator
      }
      position += 1
      return .punctuation
    }
  }

  private static let dollar = UInt8(ascii: "$")
  private static let backtick = UInt8(ascii: "`")

  /// Whether `byte` can be part of an operator (other than `.`).
  @inline(__always)
  private static func isOperatorByte(_ byte: UInt8) -> Bool {
    switch byte {
    case ASCII.slash, ASCII.equals, ASCII.minus, ASCII.plus, ASCII.exclamationMark,
      ASCII.asterisk, ASCII.percent, ASCII.lessThan, ASCII.greaterThan, ASCII.ampersand,
      ASCII.verticalBar, ASCII.caret, ASCII.tilde, UInt8(ascii: "?"):
      true
    default:
      false
    }
  }

  /// Scans operator bytes, stopping before a comment.
  private mutating func scanOperator() {
    position += 1
    while position < bytes.count, Self.isOperatorByte(bytes[position]) {
      if bytes[position] == ASCII.slash,
        peek(1) == ASCII.slash || peek(1) == ASCII.asterisk
      {
        break
      }
      position += 1
    }
  }

  /// Scans a number: digits, letters and `_`, a `.` followed by a digit, and an exponent sign.
  private mutating func scanNumber() {
    let isHex = bytes[position] == ASCII.zero && (peek(1) == UInt8(ascii: "x"))
    position += 1
    while position < bytes.count {
      let byte = bytes[position]
      if ASCII.isIdentifierContinuation(byte), byte < 0x80 {
        position += 1
        let letter = byte | 0x20
        let isExponent = isHex ? letter == UInt8(ascii: "p") : letter == UInt8(ascii: "e")
        if isExponent, let next = peek(0), next == ASCII.plus || next == ASCII.minus {
          position += 1
        }
      } else if byte == ASCII.period, let next = peek(1), ASCII.isDigit(next) {
        position += 1
      } else {
        return
      }
    }
  }

  /// Scans `` `name` ``.
  private mutating func scanBacktickedName() throws(BlocksError) -> SwiftToken.Kind {
    position += 1
    while position < bytes.count, bytes[position] != Self.backtick {
      guard !ASCII.isNewline(bytes[position]) else { break }
      position += 1
    }
    guard position < bytes.count, bytes[position] == Self.backtick else {
      throw .untokenizable(line: line, reason: "a backticked name is never closed")
    }
    position += 1
    return .name
  }

  /// Scans what starts with `#`: a raw string, an extended regex, `#name`, or a lone `#`.
  private mutating func scanPound() throws(BlocksError) -> SwiftToken.Kind {
    var hashes = 0
    while let byte = peek(hashes), byte == ASCII.hash { hashes += 1 }
    switch peek(hashes) {
    case ASCII.doubleQuote:
      position += hashes
      try scanString(hashes: hashes, nesting: 0)
      return .string
    case ASCII.slash:
      position += hashes
      try scanExtendedRegex(hashes: hashes)
      return .regex
    case let byte? where hashes == 1 && ASCII.isIdentifierStart(byte):
      position += 1
      while position < bytes.count, ASCII.isIdentifierContinuation(bytes[position]) {
        position += 1
      }
      return .pound
    default:
      position += 1
      return .punctuation
    }
  }

  // MARK: - Strings

  /// Whether the bytes at `position` are `"` followed by `hashes` `#`s (or `"""` for a
  /// multi-line string).
  private func isStringEnd(hashes: Int, isMultiline: Bool) -> Bool {
    let quotes = isMultiline ? 3 : 1
    for offset in 0..<quotes where peek(offset) != ASCII.doubleQuote { return false }
    for offset in quotes..<(quotes + hashes) where peek(offset) != ASCII.hash { return false }
    return true
  }

  /// Scans a string literal from its opening `"`; `hashes` `#`s have already been consumed.
  private mutating func scanString(hashes: Int, nesting: Int) throws(BlocksError) {
    guard nesting < Self.maximumNesting else {
      throw .untokenizable(line: line, reason: "strings are nested too deeply")
    }
    let startLine = line
    let isMultiline = peek(1) == ASCII.doubleQuote && peek(2) == ASCII.doubleQuote
    position += isMultiline ? 3 : 1
    while position < bytes.count {
      let byte = bytes[position]
      if byte == ASCII.backslash, isEscape(hashes: hashes) {
        position += 1 + hashes
        guard position < bytes.count else { break }
        let escaped = bytes[position]
        if escaped == ASCII.leftParenthesis {
          position += 1
          try scanInterpolation(nesting: nesting)
        } else if ASCII.isNewline(escaped) {
          guard isMultiline else { break }
          consumeNewline()
        } else {
          position += 1
        }
      } else if byte == ASCII.doubleQuote, isStringEnd(hashes: hashes, isMultiline: isMultiline) {
        position += (isMultiline ? 3 : 1) + hashes
        return
      } else if ASCII.isNewline(byte) {
        guard isMultiline else { break }
        consumeNewline()
      } else if byte == ASCII.null {
        break
      } else {
        position += 1
      }
    }
    throw .untokenizable(line: startLine, reason: "a string literal is never closed")
  }

  /// Whether the `\` at `position` is followed by `hashes` `#`s, making it an escape.
  private func isEscape(hashes: Int) -> Bool {
    (0..<hashes).allSatisfy { peek($0 + 1) == ASCII.hash }
  }

  /// Scans an interpolation after its `(`, up to and including the matching `)`.
  private mutating func scanInterpolation(nesting: Int) throws(BlocksError) {
    let startLine = line
    var depth = 1
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case ASCII.leftParenthesis:
        depth += 1
        position += 1
      case ASCII.rightParenthesis:
        depth -= 1
        position += 1
        if depth == 0 { return }
      case ASCII.doubleQuote:
        try scanString(hashes: 0, nesting: nesting + 1)
      case ASCII.hash:
        var hashes = 0
        while let next = peek(hashes), next == ASCII.hash { hashes += 1 }
        if peek(hashes) == ASCII.doubleQuote {
          position += hashes
          try scanString(hashes: hashes, nesting: nesting + 1)
        } else {
          position += hashes
        }
      case ASCII.slash where peek(1) == ASCII.slash:
        skipLineComment()
      case ASCII.slash where peek(1) == ASCII.asterisk:
        try skipBlockComment()
      case ASCII.lineFeed, ASCII.carriageReturn:
        consumeNewline()
      case ASCII.null:
        throw .untokenizable(line: line, reason: "the file contains a NUL byte")
      default:
        position += 1
      }
    }
    throw .untokenizable(line: startLine, reason: "an interpolation is never closed")
  }

  // MARK: - Regular expressions

  /// Scans `#/…/#` after its `#`s, up to `/` followed by as many `#`s.
  private mutating func scanExtendedRegex(hashes: Int) throws(BlocksError) {
    let startLine = line
    position += 1
    while position < bytes.count {
      let byte = bytes[position]
      if byte == ASCII.backslash {
        position += 1
        if position < bytes.count, ASCII.isNewline(bytes[position]) {
          consumeNewline()
        } else {
          position += 1
        }
      } else if byte == ASCII.slash, (1...hashes).allSatisfy({ peek($0) == ASCII.hash }) {
        position += 1 + hashes
        return
      } else if ASCII.isNewline(byte) {
        consumeNewline()
      } else if byte == ASCII.null {
        break
      } else {
        position += 1
      }
    }
    throw .untokenizable(line: startLine, reason: "a regular expression is never closed")
  }

  /// Whether a `/` at `position` may start a bare regular expression: an expression can start
  /// here and the next byte is not a space.
  private func isRegexStart() -> Bool {
    guard let next = peek(1), next != ASCII.space, next != ASCII.tab, !ASCII.isNewline(next),
      next != ASCII.equals, next != ASCII.rightParenthesis
    else { return false }
    guard let previous = tokens.last else { return true }
    switch previous.kind {
    case .binaryOperator, .prefixOperator, .postfixOperator:
      return previous.end < position || bytes[previous.start] == ASCII.equals
    case .punctuation:
      switch bytes[previous.start] {
      case ASCII.leftParenthesis, ASCII.leftBracket, ASCII.leftBrace, ASCII.comma, ASCII.colon,
        ASCII.semicolon:
        return true
      default:
        return false
      }
    case .name:
      let text = UnsafeBufferPointer(rebasing: bytes[previous.start..<previous.end])
      return Self.regexKeywords.contains { $0.elementsEqual(text) }
    case .number, .string, .regex, .pound, .lineStart, .placeholder:
      return false
    }
  }

  private static let regexKeywords: [[UInt8]] = [
    "return", "case", "try", "await", "if", "while", "guard", "in", "where", "throw",
  ].map { Array($0.utf8) }

  /// Scans a bare `/…/` whose closing `/` is on the same line; returns `false`, leaving
  /// `position` alone, when there is none.
  private mutating func scanBareRegex() -> Bool {
    var index = position + 1
    var isInClass = false
    while index < bytes.count {
      let byte = bytes[index]
      if ASCII.isNewline(byte) || byte == ASCII.null { return false }
      if byte == ASCII.backslash {
        index += 2
        continue
      }
      if byte == ASCII.leftBracket {
        isInClass = true
      } else if byte == ASCII.rightBracket {
        isInClass = false
      } else if byte == ASCII.slash, !isInClass {
        let before = bytes[index - 1]
        guard before != ASCII.space, before != ASCII.tab else { return false }
        position = index + 1
        return true
      }
      index += 1
    }
    return false
  }

  // MARK: - Operators

  /// Makes each operator binary, prefix or postfix by what it is bound to, as Swift does.
  private mutating func classifyOperators() {
    for index in tokens.indices where tokens[index].kind == .binaryOperator {
      let token = tokens[index]
      let isLeftBound =
        index > 0 && tokens[index - 1].end == token.start
        && !Self.isLeftDelimiter(bytes[token.start - 1])
      let isRightBound =
        index + 1 < tokens.count && tokens[index + 1].start == token.end
        && !Self.isRightDelimiter(bytes[token.end])
      if isLeftBound, !isRightBound || bytes[token.end] == ASCII.period {
        tokens[index].kind = .postfixOperator
      } else if isRightBound, !isLeftBound {
        tokens[index].kind = .prefixOperator
      }
    }
  }

  private static func isLeftDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case ASCII.leftParenthesis, ASCII.leftBracket, ASCII.leftBrace, ASCII.comma, ASCII.semicolon,
      ASCII.colon:
      true
    default:
      false
    }
  }

  private static func isRightDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case ASCII.rightParenthesis, ASCII.rightBracket, ASCII.rightBrace, ASCII.comma,
      ASCII.semicolon, ASCII.colon:
      true
    default:
      false
    }
  }
}
