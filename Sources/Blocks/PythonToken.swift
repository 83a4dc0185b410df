/// A Python token: its kind and where it lies in the source bytes.
///
/// Comments and non-logical newlines (NL) are not tokens here: nothing downstream hashes them.
struct PythonToken {
  /// What a token is; the raw value is the byte that precedes the token's text in a hash.
  enum Kind: UInt8 {
    /// An identifier or keyword.
    case name = 1
    /// A numeric literal.
    case number
    /// A string literal of any kind, prefix and quotes included; an f-string is one token.
    case string
    /// An operator or delimiter.
    case `operator`
    /// The end of a logical line.
    case newline
    /// One more level of indentation.
    case indent
    /// One less level of indentation.
    case dedent
    /// The end of the file.
    case endMarker
    /// Stands for a function body in the hash of the code around it; never produced by the
    /// tokenizer.
    case placeholder

    /// Whether the token is source text, rather than layout (newlines, indentation, the end).
    var isSignificant: Bool {
      switch self {
      case .name, .number, .string, .operator: true
      case .newline, .indent, .dedent, .endMarker, .placeholder: false
      }
    }
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
}
