import Foundation

/// Reads the declaration bodies of a Swift file from the compiler's own parse,
/// `swiftc -dump-parse`, the way ``SieveBlocks/SwiftSplitter`` should find them.
///
/// A body counts when it belongs to a function, initializer, deinitializer, accessor or
/// closure-initialized property declared at file scope or in a type or extension, not inside
/// another body. The parse leaves out `#if` blocks, so splitter blocks inside them are ignored.
enum SwiftParseOracle {
  /// A body as the compiler sees it: its declaration's first line and its closing brace's line.
  struct Body: Hashable, Comparable, CustomStringConvertible {
    var headerLine: Int
    var endLine: Int

    static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.headerLine, lhs.endLine) < (rhs.headerLine, rhs.endLine)
    }

    var description: String { "\(headerLine)-\(endLine)" }
  }

  /// One node of the dump: its kind, its `range=` lines and its children.
  final class Node {
    var kind: String
    var startLine: Int?
    var startColumn: Int?
    var endLine: Int?
    var endColumn: Int?
    var line: String
    var children: [Node] = []

    init(line: String, kind: String) {
      self.line = line
      self.kind = kind
      let pattern = #/range=\[[^:\]]*:(\d+):(\d+) - line:(\d+):(\d+)\]/#
      if let match = line.firstMatch(of: pattern) {
        startLine = Int(match.1)
        startColumn = Int(match.2)
        endLine = Int(match.3)
        endColumn = Int(match.4)
      }
    }
  }

  /// The path of `swiftc`: `$SIEVE_ORACLE_SWIFTC`, `/opt/swift/usr/bin/swiftc`, or from `PATH`.
  static var swiftc: String? {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["SIEVE_ORACLE_SWIFTC"], !path.isEmpty { return path }
    var candidates = ["/opt/swift/usr/bin/swiftc"]
    for directory in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      candidates.append("\(directory)/swiftc")
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs `swiftc -dump-parse` on `paths`, a few runs in all, and returns each file's dump.
  static func dumps(_ swiftc: String, paths: [String]) throws -> [String: String] {
    // swiftc refuses two files of the same name in one run.
    var batches: [[String]] = []
    var names: [Set<String>] = []
    for path in paths {
      let name = URL(fileURLWithPath: path).lastPathComponent
      if let index = names.firstIndex(where: { !$0.contains(name) }) {
        batches[index].append(path)
        names[index].insert(name)
      } else {
        batches.append([path])
        names.append([name])
      }
    }
    var result: [String: String] = [:]
    for batch in batches {
      result.merge(try dumpBatch(swiftc, paths: batch)) { first, _ in first }
    }
    return result
  }

  private static func dumpBatch(_ swiftc: String, paths: [String]) throws -> [String: String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: swiftc)
    process.arguments = ["-dump-parse"] + paths
    let output = Pipe()
    // One file's dump goes to standard output, several files' to standard error.
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var result: [String: String] = [:]
    var current: String?
    var lines: [Substring] = []
    func flush() {
      if let current { result[current] = lines.joined(separator: "\n") }
      lines = []
    }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      if line.hasPrefix("(source_file \""), let quote = line.dropFirst(14).firstIndex(of: "\"") {
        flush()
        current = String(line[line.index(line.startIndex, offsetBy: 14)..<quote])
      }
      lines.append(line)
    }
    flush()
    return result
  }

  /// Builds the node tree from the dump's indentation.
  static func parse(_ dump: String) -> Node {
    let root = Node(line: "", kind: "root")
    var stack: [(depth: Int, node: Node)] = [(-1, root)]
    for line in dump.split(separator: "\n", omittingEmptySubsequences: true) {
      let indent = line.prefix { $0 == " " }.count
      let rest = line.dropFirst(indent)
      guard rest.first == "(" else { continue }
      var kind = String(rest.dropFirst().prefix { $0 != " " && $0 != ")" })
      if let equals = kind.firstIndex(of: "=") { kind = String(kind[kind.index(after: equals)...]) }
      let node = Node(line: String(line), kind: kind)
      while let top = stack.last, top.depth >= indent { stack.removeLast() }
      stack.last?.node.children.append(node)
      stack.append((indent, node))
    }
    return root
  }

  /// The bodies of `dump`.
  static func bodies(inDump dump: String) -> [Body] {
    var result: [Body] = []
    visitScope(parse(dump), into: &result)
    return result.sorted()
  }

  private static let scopeKinds: Set<String> = [
    "root", "source_file", "struct_decl", "class_decl", "enum_decl", "protocol_decl",
    "extension_decl", "actor_decl",
  ]
  private static let functionKinds: Set<String> = [
    "func_decl", "constructor_decl", "destructor_decl",
  ]

  /// The first line of a declaration: its range or its attributes', whichever is first.
  private static func firstLine(_ node: Node, extra: [Node] = []) -> Int? {
    let attributes = (node.children + extra).filter { $0.kind.hasSuffix("_attr") }
    return ([node.startLine] + attributes.map(\.startLine)).compactMap { $0 }.min()
  }

  private static func visitScope(_ scope: Node, into result: inout [Body]) {
    let children = scope.children
    for (index, child) in children.enumerated() {
      if scopeKinds.contains(child.kind) {
        visitScope(child, into: &result)
      } else if child.kind == "top_level_code_decl" {
        for brace in child.children where brace.kind == "brace_stmt" {
          visitScope(brace, into: &result)
        }
      } else if functionKinds.contains(child.kind) {
        if let body = child.children.first(where: { $0.kind == "brace_stmt" }),
          let header = firstLine(child), let end = body.endLine
        {
          result.append(Body(headerLine: header, endLine: end))
        }
      } else if child.kind == "subscript_decl" {
        accessors(of: child, storageHeader: firstLine(child), into: &result)
      } else if child.kind == "var_decl" {
        let binding = children[..<index].last { $0.kind == "pattern_binding_decl" }
        let header = [binding?.startLine, firstLine(child)].compactMap { $0 }.min()
        accessors(of: child, storageHeader: header, into: &result)
      } else if child.kind == "pattern_binding_decl" {
        closures(of: child, scopeChildren: children, index: index, into: &result)
      }
    }
  }

  /// Adds the bodies of the accessors of a property or subscript.
  private static func accessors(
    of storage: Node, storageHeader: Int?, into result: inout [Body]
  ) {
    for accessor in storage.children where accessor.kind == "accessor_decl" {
      guard let body = accessor.children.first(where: { $0.kind == "brace_stmt" }),
        let end = body.endLine
      else { continue }
      let isImplicit =
        accessor.startLine == body.startLine && accessor.startColumn == body.startColumn
      let header = isImplicit ? storageHeader : firstLine(accessor)
      if let header { result.append(Body(headerLine: header, endLine: end)) }
    }
  }

  /// Adds the closure that initializes a property, `let x = { … }()` or `let x = { … }`.
  private static func closures(
    of binding: Node, scopeChildren: [Node], index: Int, into result: inout [Body]
  ) {
    for entry in binding.children where entry.kind == "pattern_entry" {
      guard let initializer = entry.children.first(where: { $0.line.contains("(original_init=") })
      else { continue }
      var closure: Node?
      if initializer.kind == "closure_expr" {
        closure = initializer
      } else if initializer.kind == "call_expr", initializer.children.first?.kind == "closure_expr"
      {
        closure = initializer.children.first
      }
      guard let closure, let body = closure.children.first(where: { $0.kind == "brace_stmt" }),
        let end = body.endLine
      else { continue }
      let variable = scopeChildren[(index + 1)...].first { $0.kind == "var_decl" }
      let header = [binding.startLine, variable.flatMap { firstLine($0) }].compactMap { $0 }.min()
      if let header { result.append(Body(headerLine: header, endLine: end)) }
    }
  }

  /// The lines inside `#if` … `#endif` blocks, which the parse leaves out.
  static func conditionalLines(_ source: String) -> Set<Int> {
    var lines: Set<Int> = []
    var depth = 0
    for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.hasPrefix("#if") { depth += 1 }
      if depth > 0 { lines.insert(number + 1) }
      if trimmed.hasPrefix("#endif") { depth = max(0, depth - 1) }
    }
    return lines
  }
}
