import SieveModel

/// Routes Python tokens into the skeleton's and each function's digest, and records where each
/// function's body lies.
///
/// Scopes (functions and classes with indented bodies) form a stack, and so do the digests of
/// the skeleton and of open functions. Tokens go to the innermost open function's digest, or to
/// the skeleton's outside functions; class bodies are transparent.
/// A `def` header goes both to the enclosing digest (it runs there, evaluating defaults and
/// annotations) and to the new function's digest; the enclosing digest then gets one
/// placeholder in place of the body. An indented body ends at the DEDENT that leaves its
/// indentation level; a one-line body (`def f(): return 1`) ends at its NEWLINE.
struct PythonBlockBuilder {
  /// A function or class whose body is being read.
  private struct Scope {
    enum Kind {
      case function
      case classBody
    }

    var kind: Kind
    /// The line of the first decorator, or of `def`, `async` or `class`.
    var headerLine: Int
    /// Where the block goes in ``PythonBlockBuilder/functions``; functions only.
    var functionIndex: Int?
    var name = ""
    /// Python's `__qualname__`.
    var qualifiedName = ""
    /// The block name: the qualified name, with `#2`, `#3`… when it repeats in the file.
    var blockName = ""
    /// The indentation depth of an indented body; `nil` for a one-line body.
    var bodyDepth: Int?
    var bodyStartLine = 0
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var scopes: [Scope] = []
  /// The skeleton's digest, then one per open function, innermost last; while a `def` header is
  /// read, the new function's digest is on top.
  private var digests = [TokenDigest()]
  /// The index in ``digests`` of the digest that gets the tokens.
  private var sink = 0
  /// The finished function blocks, in the order their headers appear.
  private var functions: [Block?] = []
  private var nameCounts: [String: Int] = [:]
  /// A `def` or `class` header being read, up to its colon.
  private var header: Scope?
  /// A header that has ended, waiting for the first token of its body.
  private var pendingBody: Scope?
  private var isAwaitingIndent = false
  private var isAtStatementStart = true
  /// An `async` at the start of a statement, held until we see whether `def` follows.
  private var heldAsync: PythonToken?
  private var decoratorLine: Int?
  /// The scope whose indented body has just begun, until its first token is read.
  private var scopeAwaitingFirstStatement: Int?
  /// The scope whose body begins with a decorated definition, until that definition's keyword.
  ///
  /// Python's `ast` puts a decorated statement at its `def` or `class` line, so such a body
  /// starts there rather than at its first decorator.
  private var scopeWithDecoratedFirstStatement: Int?
  private var isAwaitingDecoratorExpression = false
  private var lastSignificantLine = 1

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// Takes the next token; `bracketDepth` and `indentDepth` are the tokenizer's after it.
  mutating func consume(
    _ token: PythonToken, bracketDepth: Int, indentDepth: Int
  ) throws(BlocksError) {
    if token.kind.isSignificant {
      if isAwaitingDecoratorExpression {
        decoratorLine = decoratorLine ?? token.line
        isAwaitingDecoratorExpression = false
      }
      lastSignificantLine = token.endLine
    }
    if let async = heldAsync {
      heldAsync = nil
      if isKeyword(token, "def") {
        beginHeader(.function, keywordLine: async.line)
        feedHeader(async)
        feedHeader(token)
        return
      }
      emit(async)
      decoratorLine = nil
      isAtStatementStart = false
    }
    if header != nil {
      try continueHeader(token, bracketDepth: bracketDepth)
      return
    }
    if pendingBody != nil, try continueBodyStart(token, indentDepth: indentDepth) {
      return
    }
    if let index = scopeAwaitingFirstStatement {
      scopeAwaitingFirstStatement = nil
      if isOperator(token, ASCII.at) { scopeWithDecoratedFirstStatement = index }
    }
    if isAtStatementStart, try beginStatement(token) {
      return
    }
    emit(token)
    switch token.kind {
    case .newline:
      isAtStatementStart = true
      if let top = scopes.last, top.kind == .function, top.bodyDepth == nil {
        closeInnermostScope()
      }
    case .indent:
      isAtStatementStart = true
    case .dedent:
      isAtStatementStart = true
      while let top = scopes.last, let depth = top.bodyDepth, depth > indentDepth {
        closeInnermostScope()
      }
    case .endMarker:
      guard scopes.isEmpty, pendingBody == nil else {
        throw .unstructured(line: token.line, reason: "the file ends inside a definition")
      }
    case .name, .number, .string, .operator, .placeholder:
      isAtStatementStart = false
    }
  }

  /// Returns the skeleton block followed by the function blocks.
  mutating func finish(lastLine: Int) throws(BlocksError) -> [Block] {
    var blocks = [
      Block(
        kind: .skeleton, name: Block.skeletonName, headerLine: 1, bodyLines: 1...lastLine,
        hash: digests[0].finalize())
    ]
    blocks.reserveCapacity(functions.count + 1)
    for function in functions {
      guard let function else {
        throw .unstructured(line: lastLine, reason: "a function body never ends")
      }
      blocks.append(function)
    }
    return blocks
  }

  // MARK: - Statements

  /// Handles the first token of a statement; returns whether it was consumed.
  private mutating func beginStatement(_ token: PythonToken) throws(BlocksError) -> Bool {
    switch token.kind {
    case .name:
      if isKeyword(token, "def") {
        beginHeader(.function, keywordLine: token.line)
        feedHeader(token)
        return true
      }
      if isKeyword(token, "async") {
        heldAsync = token
        return true
      }
      if isKeyword(token, "class") {
        beginHeader(.classBody, keywordLine: token.line)
        feedHeader(token)
        return true
      }
      decoratorLine = nil
    case .operator:
      if isOperator(token, ASCII.at) {
        isAwaitingDecoratorExpression = decoratorLine == nil
      } else {
        decoratorLine = nil
      }
    case .number, .string:
      decoratorLine = nil
    case .newline, .indent, .dedent, .endMarker, .placeholder:
      break
    }
    return false
  }

  /// Starts reading a `def` or `class` header.
  private mutating func beginHeader(_ kind: Scope.Kind, keywordLine: Int) {
    var scope = Scope(kind: kind, headerLine: decoratorLine ?? keywordLine)
    if kind == .function {
      scope.functionIndex = functions.count
      digests.append(TokenDigest())
      functions.append(nil)
    }
    header = scope
    if let index = scopeWithDecoratedFirstStatement {
      scopes[index].bodyStartLine = keywordLine
      scopeWithDecoratedFirstStatement = nil
    }
    decoratorLine = nil
    isAwaitingDecoratorExpression = false
    isAtStatementStart = false
  }

  /// Reads a header token: the name after the keyword, and the colon that ends the header.
  private mutating func continueHeader(
    _ token: PythonToken, bracketDepth: Int
  ) throws(BlocksError) {
    feedHeader(token)
    if header?.name.isEmpty ?? false {
      guard token.kind == .name else {
        throw .unstructured(line: token.line, reason: "a definition has no name")
      }
      let name = String(decoding: text(of: token), as: UTF8.self)
      header?.name = name
    } else if token.kind == .newline || token.kind == .endMarker {
      throw .unstructured(line: token.line, reason: "a definition has no colon")
    } else if bracketDepth == 0, isOperator(token, ASCII.colon), var scope = header {
      header = nil
      if scope.kind == .function { digests[sink].add(.placeholder) }
      nameScope(&scope)
      pendingBody = scope
    }
  }

  /// Gives a scope its qualified name, and a function its block name.
  private mutating func nameScope(_ scope: inout Scope) {
    if let parent = scopes.last {
      let separator = parent.kind == .function ? ".<locals>." : "."
      scope.qualifiedName = parent.qualifiedName + separator + scope.name
    } else {
      scope.qualifiedName = scope.name
    }
    guard scope.kind == .function else { return }
    let count = nameCounts[scope.qualifiedName, default: 0] + 1
    nameCounts[scope.qualifiedName] = count
    scope.blockName = count == 1 ? scope.qualifiedName : "\(scope.qualifiedName)#\(count)"
  }

  /// Reads the tokens between a header's colon and its body's first statement; returns whether
  /// the token was consumed (a one-line body's first token is not).
  private mutating func continueBodyStart(
    _ token: PythonToken, indentDepth: Int
  ) throws(BlocksError) -> Bool {
    if token.kind == .newline, !isAwaitingIndent, let kind = pendingBody?.kind {
      feedBody(token, of: kind)
      isAwaitingIndent = true
      return true
    }
    guard var scope = pendingBody else { return false }
    pendingBody = nil
    if isAwaitingIndent {
      isAwaitingIndent = false
      guard token.kind == .indent else {
        throw .unstructured(line: token.line, reason: "a definition has no indented body")
      }
      feedBody(token, of: scope.kind)
      scope.bodyDepth = indentDepth
      scope.bodyStartLine = token.line
      push(scope)
      scopeAwaitingFirstStatement = scopes.count - 1
      isAtStatementStart = true
      return true
    }
    if scope.kind == .function {
      scope.bodyStartLine = token.line
      push(scope)
    }
    isAtStatementStart = false
    return false
  }

  // MARK: - Scopes

  private mutating func push(_ scope: Scope) {
    scopes.append(scope)
    if scope.kind == .function { sink = digests.count - 1 }
  }

  /// Ends the innermost scope, recording its block if it is a function.
  private mutating func closeInnermostScope() {
    let scope = scopes.removeLast()
    guard scope.kind == .function else { return }
    var digest = digests.removeLast()
    sink = digests.count - 1
    if let index = scope.functionIndex {
      functions[index] = Block(
        kind: .function, name: scope.blockName, headerLine: scope.headerLine,
        bodyLines: scope.bodyStartLine...max(scope.bodyStartLine, lastSignificantLine),
        hash: digest.finalize())
    }
  }

  // MARK: - Routing

  /// Adds a token to the innermost function's digest, or to the skeleton's.
  @inline(__always)
  private mutating func emit(_ token: PythonToken) {
    let text = text(of: token)
    digests[sink].add(token.kind, text: text)
  }

  /// Adds a header token to the enclosing digest and to the new function's digest.
  private mutating func feedHeader(_ token: PythonToken) {
    emit(token)
    if header?.kind == .function {
      let text = text(of: token)
      digests[digests.count - 1].add(token.kind, text: text)
    }
  }

  /// Adds a token between a header and its body to the function's digest, or for a class to
  /// the enclosing digest.
  private mutating func feedBody(_ token: PythonToken, of kind: Scope.Kind) {
    if kind == .function {
      let text = text(of: token)
      digests[digests.count - 1].add(token.kind, text: text)
    } else {
      emit(token)
    }
  }

  @inline(__always)
  private func text(of token: PythonToken) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
  }

  /// Whether `token` is the one-byte operator `byte`.
  private func isOperator(_ token: PythonToken, _ byte: UInt8) -> Bool {
    token.kind == .operator && token.end - token.start == 1 && bytes[token.start] == byte
  }

  /// Whether `token` is the name `keyword`.
  private func isKeyword(_ token: PythonToken, _ keyword: StaticString) -> Bool {
    guard token.kind == .name, token.end - token.start == keyword.utf8CodeUnitCount else {
      return false
    }
    return keyword.withUTF8Buffer { text(of: token).elementsEqual($0) }
  }
}
