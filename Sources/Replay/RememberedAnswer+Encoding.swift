/// The file format of a remembered answer: a header line, then length-prefixed fields.
///
/// Integers are 8 bytes, little-endian. The header names the format's version; a file with
/// another header, or one that ends early, is not an answer (the full decision runs).
extension RememberedAnswer {
  /// The first bytes of every answer file.
  static let header = Array("sieve answer 1\n".utf8)

  /// The answer as the bytes of an answer file.
  public func encoded() -> [UInt8] {
    var writer = AnswerWriter(bytes: Self.header)
    writer.strings(invocation.arguments)
    writer.string(invocation.directory)
    writer.strings(invocation.environment)
    writer.integer(Int64(invocation.terminals))
    writer.string(repositoryRoot)
    writer.bytes(gitStatus)
    writer.integer(Int64(files.count))
    for file in files {
      writer.string(file.path)
      if let signature = file.signature {
        writer.integer(1)
        for value in [
          Int64(bitPattern: signature.device), Int64(bitPattern: signature.inode), signature.size,
          Int64(signature.mode), signature.modified, signature.changed,
        ] {
          writer.integer(value)
        }
      } else {
        writer.integer(0)
      }
    }
    writer.integer(Int64(links.count))
    for link in links {
      writer.string(link.path)
      writer.integer(link.target == nil ? 0 : 1)
      writer.string(link.target ?? "")
    }
    writer.integer(Int64(exitStatus))
    writer.integer(Int64(writes.count))
    for write in writes {
      writer.integer(Int64(write.descriptor))
      writer.bytes(write.bytes)
    }
    return writer.output
  }

  /// Reads an answer file's bytes.
  ///
  /// - Returns: The answer, or `nil` when the bytes are not a complete answer of this format.
  public init?(encoded bytes: [UInt8]) {
    guard bytes.starts(with: Self.header) else { return nil }
    var reader = AnswerReader(input: bytes, position: Self.header.count)
    guard let arguments = reader.strings(), let directory = reader.string(),
      let environment = reader.strings(), let terminals = reader.integer(),
      let root = reader.string(), let status = reader.bytes(), let fileCount = reader.count()
    else { return nil }
    var files: [WatchedFile] = []
    for _ in 0..<fileCount {
      guard let path = reader.string(), let present = reader.integer() else { return nil }
      guard present == 1 else {
        files.append(WatchedFile(path: path, signature: nil))
        continue
      }
      guard let device = reader.integer(), let inode = reader.integer(),
        let size = reader.integer(), let mode = reader.integer(),
        let modified = reader.integer(), let changed = reader.integer()
      else { return nil }
      let signature = FileSignature(
        device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode), size: size,
        mode: UInt32(truncatingIfNeeded: mode), modified: modified, changed: changed)
      files.append(WatchedFile(path: path, signature: signature))
    }
    guard let linkCount = reader.count() else { return nil }
    var links: [ResolvedLink] = []
    for _ in 0..<linkCount {
      guard let path = reader.string(), let present = reader.integer(),
        let target = reader.string()
      else { return nil }
      links.append(ResolvedLink(path: path, target: present == 1 ? target : nil))
    }
    guard let exitStatus = reader.integer(), let writeCount = reader.count() else { return nil }
    var writes: [Write] = []
    for _ in 0..<writeCount {
      guard let descriptor = reader.integer(), let bytes = reader.bytes() else { return nil }
      writes.append(Write(descriptor: Int32(truncatingIfNeeded: descriptor), bytes: bytes))
    }
    guard reader.isAtEnd else { return nil }
    self.init(
      invocation: Invocation(
        arguments: arguments, directory: directory, environment: environment,
        terminals: UInt8(truncatingIfNeeded: terminals)),
      repositoryRoot: root, gitStatus: status, files: files, links: links,
      exitStatus: Int32(truncatingIfNeeded: exitStatus), writes: writes)
  }
}

/// Appends the fields of an answer file.
private struct AnswerWriter {
  var output: [UInt8]

  init(bytes: [UInt8]) { output = bytes }

  mutating func integer(_ value: Int64) {
    var remaining = UInt64(bitPattern: value)
    for _ in 0..<8 {
      output.append(UInt8(truncatingIfNeeded: remaining))
      remaining >>= 8
    }
  }

  mutating func bytes(_ value: [UInt8]) {
    integer(Int64(value.count))
    output += value
  }

  mutating func string(_ value: String) { bytes(Array(value.utf8)) }

  mutating func strings(_ values: [String]) {
    integer(Int64(values.count))
    for value in values { string(value) }
  }
}

/// Reads the fields of an answer file; every read returns `nil` past the end.
private struct AnswerReader {
  let input: [UInt8]
  var position: Int

  var isAtEnd: Bool { position == input.count }

  mutating func integer() -> Int64? {
    guard input.count - position >= 8 else { return nil }
    var value: UInt64 = 0
    for offset in (0..<8).reversed() {
      value = value << 8 | UInt64(input[position + offset])
    }
    position += 8
    return Int64(bitPattern: value)
  }

  /// A count or a length: not negative and not beyond the bytes left.
  mutating func count() -> Int? {
    guard let value = integer(), value >= 0, value <= Int64(input.count - position) else {
      return nil
    }
    return Int(value)
  }

  mutating func bytes() -> [UInt8]? {
    guard let length = count() else { return nil }
    defer { position += length }
    return Array(input[position..<position + length])
  }

  mutating func string() -> String? {
    bytes().map { String(decoding: $0, as: UTF8.self) }
  }

  mutating func strings() -> [String]? {
    guard let count = count() else { return nil }
    var values: [String] = []
    for _ in 0..<count {
      guard let value = string() else { return nil }
      values.append(value)
    }
    return values
  }
}
