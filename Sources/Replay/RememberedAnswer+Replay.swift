#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RememberedAnswer {
  /// Writes the answer's output and exits with its status.
  public func replay() -> Never {
    for write in writes { Descriptor.writeAll(write.descriptor, write.bytes) }
    exit(exitStatus)
  }
}
