/// Splits Python source bytes into tokens, following the rules of CPython's tokenizer.
///
/// It produces NAME, NUMBER, STRING and OP tokens, and NEWLINE, INDENT, DEDENT and ENDMARKER
/// from the layout: a newline inside brackets or after a backslash continues the logical line,
/// blank and comment-only lines produce nothing, and indentation is measured with tabs
/// advancing to the next multiple of eight and a form feed resetting the column. An f-string
/// (or t-string) is one token; its replacement fields are scanned with a nesting stack so that
/// Python 3.12's reused quotes (`f"{x["a"]}"`) do not end it early.
///
/// The tokenizer reads bytes, not characters: every byte of a non-ASCII character counts as an
/// identifier character outside strings, so invalid UTF-8 is accepted as it is.
struct PythonTokenizer {
  /// The deepest nesting of f-strings inside replacement fields that the tokenizer accepts.
  private static let maximumNesting = 150

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  /// The current 1-based line.
  private var line = 1
  private var isAtLineStart = true
  private var lineHasTokens = false
  private var hasReachedEnd = false
  private var indents: [Int] = [0]
  private var alternateIndents: [Int] = [0]
  private var pendingDedents = 0
  private var brackets: [UInt8] = []

  /// How many indentation levels are open after the last token returned.
  var indentDepth: Int { indents.count - 1 + pendingDedents }

  /// How many brackets are open after the last token returned.
  var bracketDepth: Int { brackets.count }

  /// How many lines the source has, counted once the end marker has been returned.
  var lineCount: Int {
    guard let last = bytes.last else { return 0 }
    return ASCII.isNewline(last) ? line - 1 : line
  }

  /// Creates a tokenizer over `bytes`, skipping a leading UTF-8 byte order mark.
  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    if bytes.starts(with: ASCII.byteOrderMark) { position = ASCII.byteOrderMark.count }
  }

  /// Returns the next token; after ``PythonToken/Kind-swift.enum/endMarker`` it keeps
  /// returning end markers.
  mutating func next() throws(BlocksError) -> PythonToken {
    while true {
      if pendingDedents > 0 {
        pendingDedents -= 1
        return PythonToken(kind: .dedent, start: position, end: position, line: line, endLine: line)
      }
      if hasReachedEnd {
        return PythonToken(
          kind: .endMarker, start: position, end: position, line: line, endLine: line)
      }
      if isAtLineStart {
        isAtLineStart = false
        if let indent = try measureIndentation() { return indent }
        continue
      }
      guard position < bytes.count else {
        if let newline = try finish() { return newline }
        continue
      }
      let byte = bytes[position]
      switch byte {
      case ASCII.space, ASCII.tab, ASCII.formFeed:
        position += 1
      case ASCII.hash:
        try skipComment()
      case ASCII.lineFeed, ASCII.carriageReturn:
        let newlineLine = line
        let start = position
        consumeNewline()
        if brackets.isEmpty {
          isAtLineStart = true
          if lineHasTokens {
            lineHasTokens = false
            // The line end's bytes are not its text, so `\r\n` and `\n` hash alike.
            return PythonToken(
              kind: .newline, start: start, end: start, line: newlineLine, endLine: newlineLine)
          }
        }
      case ASCII.backslash:
        position += 1
        guard position < bytes.count, ASCII.isNewline(bytes[position]) else {
          throw .untokenizable(line: line, reason: "a backslash is not at the end of the line")
        }
        consumeNewline()
        if position >= bytes.count {
          throw .untokenizable(line: line, reason: "the file ends after a line continuation")
        }
      default:
        lineHasTokens = true
        return try scanToken(startingWith: byte)
      }
    }
  }

  // MARK: - Layout

  /// Skips blank and comment-only lines, then compares the next line's indentation with the
  /// stack, returning an INDENT or queueing DEDENTs.
  private mutating func measureIndentation() throws(BlocksError) -> PythonToken? {
    while true {
      var column = 0
      var alternateColumn = 0
      scan: while position < bytes.count {
        switch bytes[position] {
        case ASCII.space:
          column += 1
          alternateColumn += 1
        case ASCII.tab:
          column = (column / 8 + 1) * 8
          alternateColumn += 1
        case ASCII.formFeed:
          column = 0
          alternateColumn = 0
        default:
          break scan
        }
        position += 1
      }
      guard position < bytes.count else { return nil }
      let byte = bytes[position]
      if byte == ASCII.hash {
        try skipComment()
        guard position < bytes.count else { return nil }
        consumeNewline()
        continue
      }
      if ASCII.isNewline(byte) {
        consumeNewline()
        continue
      }
      return try compareIndentation(column: column, alternateColumn: alternateColumn)
    }
  }

  /// Applies CPython's indentation rules, including its check that tabs and spaces are used
  /// consistently (the "alternate" columns count a tab as one).
  private mutating func compareIndentation(
    column: Int, alternateColumn: Int
  ) throws(BlocksError) -> PythonToken? {
    let current = indents[indents.count - 1]
    let alternateCurrent = alternateIndents[alternateIndents.count - 1]
    if column == current {
      guard alternateColumn == alternateCurrent else {
        throw .untokenizable(line: line, reason: "tabs and spaces are mixed inconsistently")
      }
      return nil
    }
    if column > current {
      guard alternateColumn > alternateCurrent else {
        throw .untokenizable(line: line, reason: "tabs and spaces are mixed inconsistently")
      }
      indents.append(column)
      alternateIndents.append(alternateColumn)
      return PythonToken(kind: .indent, start: position, end: position, line: line, endLine: line)
    }
    while indents.count > 1, column < indents[indents.count - 1] {
      indents.removeLast()
      alternateIndents.removeLast()
      pendingDedents += 1
    }
    guard column == indents[indents.count - 1] else {
      throw .untokenizable(line: line, reason: "a dedent matches no outer indentation level")
    }
    guard alternateColumn == alternateIndents[alternateIndents.count - 1] else {
      throw .untokenizable(line: line, reason: "tabs and spaces are mixed inconsistently")
    }
    return nil
  }

  /// Handles the end of the bytes: a last NEWLINE if the last line had tokens, then the
  /// remaining DEDENTs and the end marker.
  private mutating func finish() throws(BlocksError) -> PythonToken? {
    guard brackets.isEmpty else {
      throw .untokenizable(line: line, reason: "a bracket is never closed")
    }
    if lineHasTokens {
      lineHasTokens = false
      return PythonToken(kind: .newline, start: position, end: position, line: line, endLine: line)
    }
    hasReachedEnd = true
    pendingDedents = indents.count - 1
    indents.removeSubrange(1...)
    alternateIndents.removeSubrange(1...)
    return nil
  }

  /// Consumes one line end (`\n`, `\r\n` or a lone `\r`) at the current position.
  @inline(__always)
  private mutating func consumeNewline() {
    if bytes[position] == ASCII.carriageReturn, position + 1 < bytes.count,
      bytes[position + 1] == ASCII.lineFeed
    {
      position += 2
    } else {
      position += 1
    }
    line += 1
  }

  /// Skips a comment up to, not including, its line end.
  private mutating func skipComment() throws(BlocksError) {
    while position < bytes.count {
      let byte = bytes[position]
      if ASCII.isNewline(byte) { return }
      if byte == ASCII.null { throw nullByte() }
      position += 1
    }
  }

  private func nullByte() -> BlocksError {
    .untokenizable(line: line, reason: "the source contains a null byte")
  }

  // MARK: - Tokens

  /// Scans the token that starts with `first` at the current position.
  private mutating func scanToken(startingWith first: UInt8) throws(BlocksError) -> PythonToken {
    let start = position
    let startLine = line
    let kind: PythonToken.Kind
    if ASCII.isIdentifierStart(first) {
      position += 1
      while position < bytes.count, ASCII.isIdentifierContinuation(bytes[position]) {
        position += 1
      }
      if position < bytes.count,
        bytes[position] == ASCII.doubleQuote
          || bytes[position] == ASCII.singleQuote,
        let prefix = stringPrefix(start..<position)
      {
        try scanString(prefix, nesting: 0)
        kind = .string
      } else {
        kind = .name
      }
    } else if ASCII.isDigit(first)
      || (first == ASCII.period && position + 1 < bytes.count
        && ASCII.isDigit(bytes[position + 1]))
    {
      scanNumber()
      kind = .number
    } else if first == ASCII.doubleQuote || first == ASCII.singleQuote {
      try scanString(StringPrefix(), nesting: 0)
      kind = .string
    } else {
      try scanOperator(first)
      kind = .operator
    }
    return PythonToken(kind: kind, start: start, end: position, line: startLine, endLine: line)
  }

  /// Scans a numeric literal: decimal, hexadecimal, octal or binary, with `_`, a fraction, an
  /// exponent and an imaginary `j`.
  private mutating func scanNumber() {
    if bytes[position] == ASCII.zero, position + 1 < bytes.count,
      ASCII.isRadixLetter(bytes[position + 1])
    {
      position += 2
      while position < bytes.count, ASCII.isIdentifierContinuation(bytes[position]),
        bytes[position] < 0x80
      {
        position += 1
      }
      return
    }
    skipDigits()
    if position < bytes.count, bytes[position] == ASCII.period {
      position += 1
      skipDigits()
    }
    if position < bytes.count, ASCII.lowercased(bytes[position]) == UInt8(ascii: "e") {
      var next = position + 1
      if next < bytes.count, bytes[next] == ASCII.plus || bytes[next] == ASCII.minus {
        next += 1
      }
      if next < bytes.count, ASCII.isDigit(bytes[next]) {
        position = next
        skipDigits()
      }
    }
    if position < bytes.count, ASCII.lowercased(bytes[position]) == UInt8(ascii: "j") {
      position += 1
    }
  }

  private mutating func skipDigits() {
    while position < bytes.count,
      ASCII.isDigit(bytes[position]) || bytes[position] == ASCII.underscore
    {
      position += 1
    }
  }

  /// Scans an operator or delimiter, keeping the bracket stack.
  private mutating func scanOperator(_ first: UInt8) throws(BlocksError) {
    let second = position + 1 < bytes.count ? bytes[position + 1] : 0
    let third = position + 2 < bytes.count ? bytes[position + 2] : 0
    let length: Int
    switch first {
    case ASCII.leftParenthesis, ASCII.leftBracket, ASCII.leftBrace:
      brackets.append(first)
      length = 1
    case ASCII.rightParenthesis, ASCII.rightBracket, ASCII.rightBrace:
      let opening =
        first == ASCII.rightParenthesis
        ? ASCII.leftParenthesis : first == ASCII.rightBracket ? ASCII.leftBracket : ASCII.leftBrace
      guard brackets.last == opening else {
        throw .untokenizable(line: line, reason: "a closing bracket does not match")
      }
      brackets.removeLast()
      length = 1
    case ASCII.comma, ASCII.semicolon, ASCII.tilde:
      length = 1
    case ASCII.period:
      length = second == ASCII.period && third == ASCII.period ? 3 : 1
    case ASCII.asterisk, ASCII.slash, ASCII.lessThan, ASCII.greaterThan:
      if second == first {
        length = third == ASCII.equals ? 3 : 2
      } else if second == ASCII.equals
        || (first == ASCII.lessThan && second == ASCII.greaterThan)
      {
        length = 2
      } else {
        length = 1
      }
    case ASCII.minus:
      length = second == ASCII.equals || second == ASCII.greaterThan ? 2 : 1
    case ASCII.colon, ASCII.equals, ASCII.exclamationMark, ASCII.plus, ASCII.percent,
      ASCII.ampersand, ASCII.verticalBar, ASCII.caret, ASCII.at:
      length = second == ASCII.equals ? 2 : 1
    case ASCII.null:
      throw nullByte()
    default:
      throw .untokenizable(line: line, reason: "byte \(first) cannot start a token")
    }
    position += length
  }

  // MARK: - Strings

  /// What a string's prefix letters mean.
  struct StringPrefix {
    /// Whether backslashes are kept as they are (`r`).
    var isRaw = false
    /// Whether the string has replacement fields (`f` or `t`).
    var isFormatted = false
  }

  /// Returns the meaning of `range` as a string prefix, or `nil` if it is not one.
  ///
  /// Valid prefixes, in any case: `r`, `u`, `b`, `f`, `t`, and `r` combined with one of `b`,
  /// `f`, `t` in either order.
  private func stringPrefix(_ range: Range<Int>) -> StringPrefix? {
    guard range.count <= 2 else { return nil }
    var prefix = StringPrefix()
    var hasOther = false
    for index in range {
      switch ASCII.lowercased(bytes[index]) {
      case UInt8(ascii: "r"):
        if prefix.isRaw { return nil }
        prefix.isRaw = true
      case UInt8(ascii: "u"):
        if range.count != 1 { return nil }
      case UInt8(ascii: "b"):
        if hasOther { return nil }
        hasOther = true
      case UInt8(ascii: "f"), UInt8(ascii: "t"):
        if hasOther { return nil }
        hasOther = true
        prefix.isFormatted = true
      default:
        return nil
      }
    }
    return prefix
  }

  /// Scans a string whose opening quote is at the current position.
  private mutating func scanString(_ prefix: StringPrefix, nesting: Int) throws(BlocksError) {
    let quote = bytes[position]
    let isTriple =
      position + 2 < bytes.count && bytes[position + 1] == quote && bytes[position + 2] == quote
    position += isTriple ? 3 : 1
    if prefix.isFormatted {
      guard nesting < Self.maximumNesting else {
        throw .untokenizable(line: line, reason: "f-strings are nested too deeply")
      }
      try scanFormattedText(quote: quote, isTriple: isTriple, isRaw: prefix.isRaw, nesting: nesting)
    } else {
      try scanPlainText(quote: quote, isTriple: isTriple)
    }
  }

  /// Whether the byte at the current position closes the string, consuming the quotes if so.
  @inline(__always)
  private mutating func consumeClosingQuote(_ quote: UInt8, isTriple: Bool) -> Bool {
    if !isTriple {
      position += 1
      return true
    }
    if position + 2 < bytes.count, bytes[position + 1] == quote, bytes[position + 2] == quote {
      position += 3
      return true
    }
    position += 1
    return false
  }

  /// Skips the byte after a backslash, treating a line end as one byte.
  @inline(__always)
  private mutating func skipEscapedByte() throws(BlocksError) {
    guard position < bytes.count else { throw unterminatedString() }
    let byte = bytes[position]
    if ASCII.isNewline(byte) {
      consumeNewline()
    } else if byte == ASCII.null {
      throw nullByte()
    } else {
      position += 1
    }
  }

  private func unterminatedString() -> BlocksError {
    .untokenizable(line: line, reason: "a string is never closed")
  }

  /// Scans the text of a string without replacement fields, up to and including its closing
  /// quotes.
  private mutating func scanPlainText(quote: UInt8, isTriple: Bool) throws(BlocksError) {
    while position < bytes.count {
      let byte = bytes[position]
      if byte == quote {
        if consumeClosingQuote(quote, isTriple: isTriple) { return }
      } else if byte == ASCII.backslash {
        position += 1
        try skipEscapedByte()
      } else if ASCII.isNewline(byte) {
        guard isTriple else { throw unterminatedString() }
        consumeNewline()
      } else if byte == ASCII.null {
        throw nullByte()
      } else {
        position += 1
      }
    }
    throw unterminatedString()
  }

  /// Scans the literal text of an f-string, up to and including its closing quotes, descending
  /// into replacement fields.
  private mutating func scanFormattedText(
    quote: UInt8, isTriple: Bool, isRaw: Bool, nesting: Int
  ) throws(BlocksError) {
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case quote:
        if consumeClosingQuote(quote, isTriple: isTriple) { return }
      case ASCII.backslash:
        position += 1
        guard position < bytes.count else { throw unterminatedString() }
        let next = bytes[position]
        if !isRaw, next == UInt8(ascii: "N"), position + 1 < bytes.count,
          bytes[position + 1] == ASCII.leftBrace
        {
          try skipCharacterName()
        } else if next != ASCII.leftBrace, next != ASCII.rightBrace {
          try skipEscapedByte()
        }
      case ASCII.leftBrace:
        if position + 1 < bytes.count, bytes[position + 1] == ASCII.leftBrace {
          position += 2
        } else {
          position += 1
          try scanReplacementField(
            quote: quote, isTriple: isTriple, isRaw: isRaw, nesting: nesting + 1)
        }
      case ASCII.rightBrace:
        let isDoubled = position + 1 < bytes.count && bytes[position + 1] == ASCII.rightBrace
        position += isDoubled ? 2 : 1
      case ASCII.lineFeed, ASCII.carriageReturn:
        guard isTriple else { throw unterminatedString() }
        consumeNewline()
      case ASCII.null:
        throw nullByte()
      default:
        position += 1
      }
    }
    throw unterminatedString()
  }

  /// Skips `N{NAME}` after a backslash: a named character, whose braces are not a field.
  private mutating func skipCharacterName() throws(BlocksError) {
    position += 2
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if byte == ASCII.rightBrace { return }
      if ASCII.isNewline(byte) || byte == ASCII.null { break }
    }
    throw unterminatedString()
  }

  /// Scans a replacement field's expression after its `{`, up to and including its `}`.
  ///
  /// Brackets are counted so that a `:` or `}` inside them belongs to the expression; a `:` at
  /// the top level starts the format spec. Quotes start nested strings, as in Python 3.12.
  private mutating func scanReplacementField(
    quote: UInt8, isTriple: Bool, isRaw: Bool, nesting: Int
  ) throws(BlocksError) {
    var depth = 0
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case ASCII.lineFeed, ASCII.carriageReturn:
        consumeNewline()
      case ASCII.hash:
        try skipComment()
      case ASCII.singleQuote, ASCII.doubleQuote:
        try scanString(StringPrefix(isRaw: false, isFormatted: false), nesting: nesting)
      case ASCII.backslash:
        position += 1
        try skipEscapedByte()
      case ASCII.leftParenthesis, ASCII.leftBracket, ASCII.leftBrace:
        depth += 1
        position += 1
      case ASCII.rightParenthesis, ASCII.rightBracket:
        guard depth > 0 else {
          throw .untokenizable(line: line, reason: "a closing bracket does not match")
        }
        depth -= 1
        position += 1
      case ASCII.rightBrace:
        position += 1
        if depth == 0 { return }
        depth -= 1
      case ASCII.colon:
        position += 1
        if depth == 0 {
          try scanFormatSpec(quote: quote, isTriple: isTriple, isRaw: isRaw, nesting: nesting)
          return
        }
      case ASCII.null:
        throw nullByte()
      default:
        if ASCII.isIdentifierStart(byte) {
          let start = position
          position += 1
          while position < bytes.count, ASCII.isIdentifierContinuation(bytes[position]) {
            position += 1
          }
          if position < bytes.count,
            bytes[position] == ASCII.doubleQuote || bytes[position] == ASCII.singleQuote,
            let prefix = stringPrefix(start..<position)
          {
            try scanString(prefix, nesting: nesting)
          }
        } else {
          position += 1
        }
      }
    }
    throw unterminatedString()
  }

  /// Scans a format spec after its `:`, up to and including the field's `}`, descending into
  /// nested fields such as `{width}`.
  private mutating func scanFormatSpec(
    quote: UInt8, isTriple: Bool, isRaw: Bool, nesting: Int
  ) throws(BlocksError) {
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case ASCII.leftBrace:
        position += 1
        try scanReplacementField(
          quote: quote, isTriple: isTriple, isRaw: isRaw, nesting: nesting + 1)
      case ASCII.rightBrace:
        position += 1
        return
      case ASCII.backslash:
        position += 1
        guard position < bytes.count else { throw unterminatedString() }
        let next = bytes[position]
        if next != ASCII.leftBrace, next != ASCII.rightBrace { try skipEscapedByte() }
      case ASCII.lineFeed, ASCII.carriageReturn:
        guard isTriple else { throw unterminatedString() }
        consumeNewline()
      case quote:
        if !isTriple || consumeClosingQuote(quote, isTriple: true) {
          throw .untokenizable(line: line, reason: "an f-string ends inside a replacement field")
        }
      case ASCII.null:
        throw nullByte()
      default:
        position += 1
      }
    }
    throw unterminatedString()
  }
}
