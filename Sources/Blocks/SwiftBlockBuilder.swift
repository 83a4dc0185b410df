import SieveModel

/// Walks a Swift file's tokens, finds the bodies of declarations at file scope or nested in
/// type, extension, protocol and `#if` scopes, and hashes them apart from the rest.
///
/// The walk reads one declaration scope at a time (the file, then each type body), noting the
/// attributes and modifiers before each declaration keyword and the `=` of a variable's
/// initializer. A `{` at scope level means, by the declaration it follows:
/// - a type or extension body: a nested scope, walked the same way;
/// - a function, initializer or deinitializer body: a function block;
/// - after a variable or subscript: an accessor list (`get`, `set`, `willSet`…), whose
///   accessor bodies are function blocks, or a computed property's or subscript's body;
/// - right after a variable's `=`: a closure whose value initializes the variable, a block;
/// - anything else (a trailing closure in an initializer, top-level statements): code that
///   belongs to the skeleton.
///
/// Every token outside bodies goes to the skeleton's digest, a body being replaced by one
/// placeholder. A block's digest has its header (attributes, modifiers, signature; for an
/// accessor, its property's header too), then its body. Each token that starts a line is
/// preceded by a line-start marker, because a line break can change Swift's meaning.
struct SwiftBlockBuilder {
  private enum DeclarationKind {
    /// A struct, class, enum, actor, protocol or extension.
    case type
    /// A function, initializer or deinitializer.
    case function
    case `subscript`
    /// A `var` or `let`.
    case variable
    /// A statement of top-level code, such as `if` or `for`.
    case statement
    /// A declaration that has no body: `import`, `typealias`, `case`, `precedencegroup`…
    case other
  }

  /// The declaration being read at scope level.
  private struct Declaration {
    var kind: DeclarationKind
    /// The index of its first attribute or modifier, or of its keyword.
    var start: Int
    /// The index of its keyword.
    var keyword: Int
    /// The index of a variable's `=`.
    var initializer: Int?
  }

  private static let declarationKeywords: Set<String> = [
    "func", "init", "deinit", "subscript", "var", "let", "struct", "class", "enum", "protocol",
    "extension", "actor", "typealias", "associatedtype", "import", "case", "operator",
    "precedencegroup", "macro",
  ]
  private static let modifiers: Set<String> = [
    "public", "private", "fileprivate", "internal", "open", "package", "static", "final",
    "override", "mutating", "nonmutating", "lazy", "weak", "unowned", "optional", "required",
    "convenience", "dynamic", "indirect", "prefix", "postfix", "infix", "nonisolated",
    "isolated", "consuming", "borrowing", "__consuming", "distributed", "sending",
  ]
  private static let statementKeywords: Set<String> = [
    "if", "guard", "for", "while", "repeat", "do", "switch", "return", "throw", "defer", "else",
    "catch", "break", "continue", "fallthrough",
  ]
  private static let continuationKeywords: Set<String> = [
    "where", "as", "is", "in", "throws", "rethrows", "async",
  ]
  private static let accessorKeywords: Set<String> = [
    "get", "set", "willSet", "didSet", "_read", "_modify", "read", "modify", "init",
    "unsafeAddress", "unsafeMutableAddress",
  ]
  private static let accessorModifiers: Set<String> = [
    "mutating", "nonmutating", "__consuming", "consuming", "borrowing", "nonisolated",
  ]
  private static let effects: Set<String> = ["async", "throws", "rethrows"]

  private let bytes: UnsafeBufferPointer<UInt8>
  private let tokens: [SwiftToken]
  private var skeleton = TokenDigest()
  /// The function blocks, in the order of their headers.
  private var functions: [Block] = []
  private var nameCounts: [String: Int] = [:]

  init(bytes: UnsafeBufferPointer<UInt8>, tokens: [SwiftToken]) {
    self.bytes = bytes
    self.tokens = tokens
  }

  /// Returns the skeleton block, covering `1...lastLine`, followed by the function blocks.
  mutating func build(lastLine: Int) throws(BlocksError) -> [Block] {
    try scanScope(0..<tokens.count, qualifier: "")
    let skeletonBlock = Block(
      kind: .skeleton, name: Block.skeletonName, headerLine: 1, bodyLines: 1...lastLine,
      hash: skeleton.finalize())
    return [skeletonBlock] + functions
  }

  // MARK: - Scopes

  /// Reads the declarations of one scope, `range` being its tokens without its braces.
  private mutating func scanScope(_ range: Range<Int>, qualifier: String) throws(BlocksError) {
    var index = range.lowerBound
    var declaration: Declaration?
    var prefixStart: Int?
    var previous: Int?
    while index < range.upperBound {
      let token = tokens[index]
      if token.isAtLineStart, let kind = declaration?.kind, kind == .variable || kind == .statement,
        !continuesLine(index, previous: previous)
      {
        declaration = nil
      }
      var next = index + 1
      switch token.kind {
      case .punctuation:
        switch bytes[token.start] {
        case ASCII.leftParenthesis, ASCII.leftBracket:
          next = (token.match ?? index) + 1
          emit(index..<next)
          prefixStart = nil
        case ASCII.leftBrace:
          let match = token.match ?? index
          try openBrace(
            index, match: match, declaration: &declaration, previous: previous,
            qualifier: qualifier)
          next = match + 1
          prefixStart = nil
        case ASCII.at where isName(index + 1):
          if prefixStart == nil, canStartPrefix(index, previous: previous) { prefixStart = index }
          next = index + 2
          if isAdjacentOpener(next), let match = tokens[next].match { next = match + 1 }
          emit(index..<next)
        case ASCII.semicolon:
          if declaration?.kind == .variable || declaration?.kind == .statement {
            declaration = nil
          }
          prefixStart = nil
          emit(index..<next)
        default:
          prefixStart = nil
          emit(index..<next)
        }
      case .pound:
        prefixStart = nil
        if isDirective(index) {
          declaration = nil
          if text(index) == "#if" || text(index) == "#elseif" {
            while next < range.upperBound, !tokens[next].isAtLineStart {
              next = (tokens[next].match ?? next) + 1
            }
          }
        } else if token.isAtLineStart {
          declaration = nil
        }
        emit(index..<next)
      case .name:
        next = readName(
          index, declaration: &declaration, prefixStart: &prefixStart, previous: previous)
        emit(index..<next)
      case .binaryOperator, .prefixOperator, .postfixOperator:
        if declaration?.kind == .variable, declaration?.initializer == nil,
          bytes[token.start] == ASCII.equals, token.end - token.start == 1
        {
          declaration?.initializer = index
        }
        prefixStart = nil
        emit(index..<next)
      case .number, .string, .regex, .lineStart, .placeholder:
        prefixStart = nil
        emit(index..<next)
      }
      previous = next - 1
      index = next
    }
  }

  /// Reads a name at scope level: a modifier, a declaration keyword, a statement keyword or an
  /// ordinary name; returns the index after what it read.
  private func readName(
    _ index: Int, declaration: inout Declaration?, prefixStart: inout Int?, previous: Int?
  ) -> Int {
    let word = text(index)
    if let previous,
      isPunctuation(previous, ASCII.period) || isPunctuation(previous, ASCII.backslash)
    {
      prefixStart = nil
      return index + 1
    }
    let isClassModifier =
      word == "class" && isName(index + 1)
      && (Self.declarationKeywords.contains(text(index + 1))
        || Self.modifiers.contains(text(index + 1)))
    if Self.modifiers.contains(word) || isClassModifier {
      if prefixStart == nil, canStartPrefix(index, previous: previous) { prefixStart = index }
      if prefixStart != nil, isAdjacentOpener(index + 1), let match = tokens[index + 1].match {
        return match + 1
      }
      return index + 1
    }
    if isDeclarationKeyword(index) {
      let isPattern = word == "var" || word == "let" || word == "case"
      if !(isPattern && declaration?.kind == .statement) {
        declaration = Declaration(
          kind: Self.declarationKind(of: word), start: prefixStart ?? index, keyword: index)
      }
    } else if Self.statementKeywords.contains(word) {
      declaration = Declaration(kind: .statement, start: index, keyword: index)
    }
    prefixStart = nil
    return index + 1
  }

  private static func declarationKind(of keyword: String) -> DeclarationKind {
    switch keyword {
    case "struct", "class", "enum", "protocol", "extension", "actor": .type
    case "func", "init", "deinit": .function
    case "subscript": .subscript
    case "var", "let": .variable
    default: .other
    }
  }

  /// Whether the name at `index` is a declaration keyword; `actor` and `macro` only when a
  /// name follows.
  private func isDeclarationKeyword(_ index: Int) -> Bool {
    let word = text(index)
    guard Self.declarationKeywords.contains(word) else { return false }
    if word == "actor" || word == "macro" { return isName(index + 1) }
    return true
  }

  /// Handles a `{` at scope level, by the declaration it follows.
  private mutating func openBrace(
    _ brace: Int, match: Int, declaration: inout Declaration?, previous: Int?,
    qualifier: String
  ) throws(BlocksError) {
    guard let current = declaration else {
      emit(brace..<(match + 1))
      return
    }
    switch current.kind {
    case .type:
      emit(brace..<(brace + 1))
      try scanScope(
        (brace + 1)..<match, qualifier: qualifier + typeName(current.keyword) + ".")
      emit(match..<(match + 1))
      declaration = nil
    case .function:
      addFunction(
        name: qualifier + functionName(current.keyword), headers: [current.start..<brace],
        brace: brace, match: match)
      declaration = nil
    case .subscript, .variable:
      let name =
        qualifier
        + (current.kind == .subscript
          ? functionName(current.keyword) : variableName(current.keyword))
      if current.kind == .variable, let equals = current.initializer, previous == equals {
        addFunction(name: name, headers: [current.start..<brace], brace: brace, match: match)
      } else if startsAccessorList(brace + 1, end: match) {
        try scanAccessors(brace, match: match, name: name, headerStart: current.start)
        declaration = nil
      } else if current.kind == .subscript || current.initializer == nil {
        addFunction(name: name, headers: [current.start..<brace], brace: brace, match: match)
        declaration = nil
      } else {
        emit(brace..<(match + 1))
      }
    case .statement, .other:
      emit(brace..<(match + 1))
      declaration = nil
    }
  }

  // MARK: - Accessors

  /// Skips the attributes and accessor modifiers at `index`; returns the index after them.
  private func skipAccessorPrefix(_ index: Int, end: Int) -> Int {
    var index = index
    while index < end {
      if isPunctuation(index, ASCII.at), isName(index + 1) {
        index += 2
        if isAdjacentOpener(index), let match = tokens[index].match { index = match + 1 }
      } else if tokens[index].kind == .name, Self.accessorModifiers.contains(text(index)) {
        index += 1
      } else {
        break
      }
    }
    return index
  }

  /// Whether the tokens from `index` begin an accessor list rather than a getter's statements.
  private func startsAccessorList(_ index: Int, end: Int) -> Bool {
    let keyword = skipAccessorPrefix(index, end: end)
    guard keyword < end, tokens[keyword].kind == .name else { return false }
    let word = text(keyword)
    guard Self.accessorKeywords.contains(word) else { return false }
    let next = keyword + 1
    guard next < end else { return true }
    switch tokens[next].kind {
    case .name:
      return true
    case .punctuation:
      switch bytes[tokens[next].start] {
      case ASCII.leftBrace, ASCII.semicolon, ASCII.at: return true
      case ASCII.leftParenthesis: return word != "get"
      default: return false
      }
    default:
      return false
    }
  }

  /// Reads an accessor list between `brace` and `match`, making each accessor body a block.
  private mutating func scanAccessors(
    _ brace: Int, match: Int, name: String, headerStart: Int
  ) throws(BlocksError) {
    emit(brace..<(brace + 1))
    var index = brace + 1
    while index < match {
      let accessorStart = index
      index = skipAccessorPrefix(index, end: match)
      guard index < match, tokens[index].kind == .name, Self.accessorKeywords.contains(text(index))
      else {
        throw .unstructured(line: tokens[min(index, match)].line, reason: "an accessor is unclear")
      }
      let keyword = text(index)
      index += 1
      if index < match, isPunctuation(index, ASCII.leftParenthesis), let close = tokens[index].match
      {
        index = close + 1
      }
      while index < match, tokens[index].kind == .name, Self.effects.contains(text(index)) {
        index += 1
        if isAdjacentOpener(index), let close = tokens[index].match { index = close + 1 }
      }
      emit(accessorStart..<index)
      if index < match, isPunctuation(index, ASCII.leftBrace), let close = tokens[index].match {
        addFunction(
          name: name + "." + keyword, headers: [headerStart..<brace, accessorStart..<index],
          brace: index, match: close, headerLine: tokens[accessorStart].line)
        index = close + 1
      }
      if index < match, isPunctuation(index, ASCII.semicolon) {
        emit(index..<(index + 1))
        index += 1
      }
    }
    emit(match..<(match + 1))
  }

  // MARK: - Blocks

  /// Records a function block whose body is `brace...match`, its header being `headers`.
  private mutating func addFunction(
    name: String, headers: [Range<Int>], brace: Int, match: Int, headerLine: Int? = nil
  ) {
    var digest = TokenDigest()
    for header in headers { feed(header, into: &digest) }
    feed(brace..<(match + 1), into: &digest)
    skeleton.add(kindByte: SwiftToken.Kind.placeholder.rawValue)
    let count = nameCounts[name, default: 0] + 1
    nameCounts[name] = count
    let firstLine = headerLine ?? headers.first.map { tokens[$0.lowerBound].line } ?? 1
    functions.append(
      Block(
        kind: .function, name: count == 1 ? name : "\(name)#\(count)", headerLine: firstLine,
        bodyLines: firstLine...max(firstLine, tokens[match].line), hash: digest.finalize()))
  }

  // MARK: - Names

  /// The name of a type or extension whose keyword is at `keyword`: `Shape`, `Foo.Bar`.
  private func typeName(_ keyword: Int) -> String {
    var name = ""
    var index = keyword + 1
    // An extension names a dotted path (`Foo.Bar`); a name right after a name (`where`)
    // ends it.
    var expectsName = true
    while index < tokens.count,
      tokens[index].kind == .name ? expectsName : isPunctuation(index, ASCII.period)
    {
      name += Self.unquoted(text(index))
      expectsName.toggle()
      index += 1
      if text(keyword) != "extension" { break }
    }
    return name.isEmpty ? "_" : name
  }

  /// A function's, initializer's, deinitializer's or subscript's name with its argument
  /// labels: `area(width:height:)`, `init(side:)`, `deinit`, `subscript(_:)`.
  private func functionName(_ keyword: Int) -> String {
    let word = text(keyword)
    if word == "deinit" { return word }
    var base = word
    var index = keyword + 1
    if word == "func", index < tokens.count {
      base = Self.unquoted(text(index))
      index += 1
    }
    let isOperator = base.utf8.first.map { !ASCII.isIdentifierStart($0) && $0 != 0x60 } ?? false
    while index < tokens.count, !isPunctuation(index, ASCII.leftParenthesis) {
      guard !isPunctuation(index, ASCII.leftBrace) else { return base }
      index += 1
    }
    guard index < tokens.count, let close = tokens[index].match else { return base }
    return base + "(" + labels(index, close: close, areImplicit: word == "subscript" || isOperator)
      + ")"
  }

  /// The argument labels of the parameter list `open...close`, each followed by `:`.
  ///
  /// `areImplicit` is for subscripts and operators, whose lone parameter names are not labels.
  private func labels(_ open: Int, close: Int, areImplicit: Bool) -> String {
    var result = ""
    var index = open + 1
    var isAtParameterStart = true
    while index < close {
      if isAtParameterStart, isName(index) {
        if isPunctuation(index + 1, ASCII.colon) {
          result += (areImplicit ? "_" : Self.unquoted(text(index))) + ":"
        } else if isName(index + 1), isPunctuation(index + 2, ASCII.colon) {
          result += Self.unquoted(text(index)) + ":"
        }
      }
      isAtParameterStart = isPunctuation(index, ASCII.comma)
      index = (tokens[index].match ?? index) + 1
    }
    return result
  }

  /// The name a `var` or `let` at `keyword` binds.
  private func variableName(_ keyword: Int) -> String {
    let index = keyword + 1
    guard index < tokens.count else { return "_" }
    if tokens[index].kind == .name { return Self.unquoted(text(index)) }
    guard let close = tokens[index].match else { return "_" }
    let names = ((index + 1)..<close).filter { isName($0) }.map { Self.unquoted(text($0)) }
    return "(" + names.joined(separator: ",") + ")"
  }

  private static func unquoted(_ name: String) -> String {
    name.count > 2 && name.hasPrefix("`") && name.hasSuffix("`")
      ? String(name.dropFirst().dropLast()) : name
  }

  // MARK: - Lines

  /// Whether a token that starts a line continues the declaration or statement of the line
  /// before it.
  private func continuesLine(_ index: Int, previous: Int?) -> Bool {
    if let previous {
      switch tokens[previous].kind {
      case .binaryOperator, .prefixOperator: return true
      case .punctuation:
        switch bytes[tokens[previous].start] {
        case ASCII.comma, ASCII.colon, ASCII.period, ASCII.leftParenthesis, ASCII.leftBracket:
          return true
        default: break
        }
      default: break
      }
    }
    switch tokens[index].kind {
    case .name: return Self.continuationKeywords.contains(text(index))
    case .punctuation: return !isPunctuation(index, ASCII.at)
    case .binaryOperator, .prefixOperator, .postfixOperator: return true
    case .number, .string, .regex, .pound, .lineStart, .placeholder: return false
    }
  }

  /// Whether an attribute or modifier at `index` can be the first of a declaration's: it starts
  /// a line or the scope, or follows `;`, `{` or `}`.
  private func canStartPrefix(_ index: Int, previous: Int?) -> Bool {
    guard let previous, !tokens[index].isAtLineStart else { return true }
    return isPunctuation(previous, ASCII.semicolon) || isPunctuation(previous, ASCII.rightBrace)
      || isPunctuation(previous, ASCII.leftBrace)
  }

  // MARK: - Tokens

  /// Whether `index` is `#if`, `#elseif`, `#else` or `#endif`.
  private func isDirective(_ index: Int) -> Bool {
    switch text(index) {
    case "#if", "#elseif", "#else", "#endif": true
    default: false
    }
  }

  /// Adds the tokens in `range` to the skeleton's digest.
  private mutating func emit(_ range: Range<Int>) {
    feed(range, into: &skeleton)
  }

  private func feed(_ range: Range<Int>, into digest: inout TokenDigest) {
    for index in range {
      let token = tokens[index]
      if token.isAtLineStart && lineBreakMatters(before: index) {
        digest.add(kindByte: SwiftToken.Kind.lineStart.rawValue)
      }
      digest.add(
        kindByte: token.kind.rawValue,
        text: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
    }
  }

  /// Whether a line break before the token changes what the code means, so that rewrapping
  /// lines (a formatter's work) changes no hash.
  ///
  /// A line break between tokens is only spacing in Swift, except: `(` and `[` at the start
  /// of a line begin a new expression rather than a call or subscript; a label after `break`
  /// or `continue` must be on the same line; and a directive's condition (`#if X`) ends at
  /// the line's end. Operators need no rule: whether one is prefix, postfix or binary
  /// depends on the spacing around it, and is part of its kind.
  private func lineBreakMatters(before index: Int) -> Bool {
    let token = tokens[index]
    if token.kind == .pound { return true }
    if token.kind == .punctuation, token.end - token.start == 1 {
      let byte = bytes[token.start]
      if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") { return true }
    }
    guard index > 0 else { return false }
    var lineStart = index - 1
    while lineStart > 0 && !tokens[lineStart].isAtLineStart { lineStart -= 1 }
    if tokens[lineStart].kind == .pound { return true }
    let previous = text(index - 1)
    return previous == "break" || previous == "continue"
  }

  private func text(_ index: Int) -> String {
    let token = tokens[index]
    return String(decoding: bytes[token.start..<token.end], as: UTF8.self)
  }

  private func isName(_ index: Int) -> Bool {
    index < tokens.count && tokens[index].kind == .name
  }

  private func isPunctuation(_ index: Int, _ byte: UInt8) -> Bool {
    index < tokens.count && tokens[index].kind == .punctuation && bytes[tokens[index].start] == byte
  }

  /// Whether `index` is `(` right after the token before it, with no space between.
  private func isAdjacentOpener(_ index: Int) -> Bool {
    index > 0 && isPunctuation(index, ASCII.leftParenthesis)
      && tokens[index].start == tokens[index - 1].end
  }
}
