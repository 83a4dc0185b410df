/// Why a source file could not be split into blocks.
///
/// Splitters never throw this to callers: a file that cannot be split becomes one whole-file
/// block. The error only carries the reason between the tokenizer and the splitter.
enum BlocksError: Error, CustomStringConvertible {
  /// The bytes are not Python tokens (an unterminated string or bracket, a stray character).
  case untokenizable(line: Int, reason: String)
  /// The tokens do not form the statements the splitter expects (a `def` without a colon).
  case unstructured(line: Int, reason: String)

  var description: String {
    switch self {
    case .untokenizable(let line, let reason):
      "Line \(line) cannot be tokenized: \(reason). The file is hashed as a whole."
    case .unstructured(let line, let reason):
      "Line \(line) has no clear structure: \(reason). The file is hashed as a whole."
    }
  }
}
