/// Finds the outermost `<testsuite>` elements of an XML document and their count attributes.
struct JUnitScanner {
  let bytes: [UInt8]
  private var position = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Each outermost `<testsuite>` element's text and counts, in document order.
  mutating func outermostSuites() -> [(text: String, totals: JUnitReport.Totals)] {
    var found: [(text: String, totals: JUnitReport.Totals)] = []
    var depth = 0
    var start = 0
    var totals = JUnitReport.Totals()
    while let open = next(UInt8(ascii: "<")) {
      position = open
      if skip(over: "<!--", until: "-->") || skip(over: "<![CDATA[", until: "]]>")
        || skip(over: "<?", until: "?>") || skip(over: "<!", until: ">")
      {
        continue
      }
      let isEnd = bytes.indices.contains(open + 1) && bytes[open + 1] == UInt8(ascii: "/")
      position = open + (isEnd ? 2 : 1)
      let name = readName()
      let (attributes, selfClosing) = readAttributes()
      guard name == "testsuite" else { continue }
      if isEnd {
        depth -= 1
        if depth == 0 {
          found.append((String(decoding: bytes[start..<position], as: UTF8.self), totals))
        }
        depth = max(depth, 0)
      } else {
        if depth == 0 {
          start = open
          totals = Self.totals(attributes)
          if selfClosing {
            found.append((String(decoding: bytes[start..<position], as: UTF8.self), totals))
            continue
          }
        }
        if !selfClosing { depth += 1 }
      }
    }
    return found
  }

  private static func totals(_ attributes: [String: String]) -> JUnitReport.Totals {
    JUnitReport.Totals(
      tests: attributes["tests"].flatMap { Int($0) } ?? 0,
      failures: attributes["failures"].flatMap { Int($0) } ?? 0,
      errors: attributes["errors"].flatMap { Int($0) } ?? 0,
      skipped: attributes["skipped"].flatMap { Int($0) } ?? attributes["skips"].flatMap { Int($0) }
        ?? 0,
      time: attributes["time"].flatMap { Double($0) } ?? 0)
  }

  private func next(_ byte: UInt8) -> Int? {
    bytes[position...].firstIndex(of: byte)
  }

  /// At `prefix`, moves past the next `terminator` and returns true.
  private mutating func skip(over prefix: String, until terminator: String) -> Bool {
    guard starts(with: prefix, at: position) else { return false }
    var index = position + prefix.utf8.count
    while index < bytes.count && !starts(with: terminator, at: index) { index += 1 }
    position = min(bytes.count, index + terminator.utf8.count)
    return true
  }

  private func starts(with text: String, at index: Int) -> Bool {
    let pattern = Array(text.utf8)
    guard index + pattern.count <= bytes.count else { return false }
    return Array(bytes[index..<index + pattern.count]) == pattern
  }

  private mutating func readName() -> String {
    let begin = position
    while position < bytes.count, !Self.isSpace(bytes[position]),
      ![UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[position])
    {
      position += 1
    }
    return String(decoding: bytes[begin..<position], as: UTF8.self)
  }

  /// Reads attributes up to the end of the tag, leaving `position` after `>`.
  private mutating func readAttributes() -> (attributes: [String: String], selfClosing: Bool) {
    var attributes: [String: String] = [:]
    var selfClosing = false
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: ">") {
        position += 1
        break
      }
      if byte == UInt8(ascii: "/") {
        selfClosing = true
        position += 1
        continue
      }
      if Self.isSpace(byte) {
        position += 1
        continue
      }
      let begin = position
      while position < bytes.count, bytes[position] != UInt8(ascii: "="),
        bytes[position] != UInt8(ascii: ">"), !Self.isSpace(bytes[position])
      {
        position += 1
      }
      let name = String(decoding: bytes[begin..<position], as: UTF8.self)
      while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
      guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { continue }
      position += 1
      while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
      guard position < bytes.count else { break }
      let quote = bytes[position]
      guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
      let valueStart = position + 1
      let valueEnd = bytes[valueStart...].firstIndex(of: quote) ?? bytes.count
      attributes[name] = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
      position = min(bytes.count, valueEnd + 1)
      selfClosing = false
    }
    return (attributes, selfClosing)
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
