/// A Swift token: its kind and where it lies in the source bytes.
///
/// Comments and whitespace are not tokens; whether a token is the first of its line is kept,
/// because a line break can change what Swift code means (`f\n(x)` is not a call).
struct SwiftToken {
  /// What a token is; the raw value is the byte that precedes the token's text in a hash.
  enum Kind: UInt8 {
    /// An identifier or keyword, backticks included; `$0` and `$x` too.
    case name = 1
    /// A numeric literal.
    case number
    /// A string literal of any kind, delimiters, raw-string `#`s and interpolations included.
    case string
    /// A regular expression literal, `/…/` or `#/…/#`.
    case regex
    /// `#` followed by a name: `#if`, `#else`, `#available`, `#Preview`, `#selector`…
    case pound
    /// Punctuation: `( ) [ ] { } , : ; . @ \` and any byte the tokenizer does not know.
    case punctuation
    /// An operator used as a binary operator (bound on both sides, or on neither).
    case binaryOperator
    /// An operator bound only to what follows it, such as `-x` or `&value`.
    case prefixOperator
    /// An operator bound only to what precedes it, such as `x!` or `x?.y`.
    case postfixOperator
    /// Marks that the next token starts a line; never produced by the tokenizer.
    case lineStart
    /// Stands for a function body in the hash of the code around it; never produced by the
    /// tokenizer.
    case placeholder
  }

  /// What the token is.
  var kind: Kind
  /// The offset of the token's first byte.
  var start: Int
  /// The offset just past the token's last byte.
  var end: Int
  /// The 1-based line the token starts on.
  var line: Int
  /// The 1-based line the token ends on; differs from ``line`` for multi-line strings.
  var endLine: Int
  /// Whether a line break (possibly inside a comment) comes between this token and the one
  /// before it, or it is the file's first token.
  var isAtLineStart: Bool
  /// For an opening bracket `(`, `[` or `{`, the index of its closing bracket; otherwise `nil`.
  var match: Int?
}
