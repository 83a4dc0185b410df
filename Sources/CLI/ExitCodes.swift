import ArgumentParser

/// Sieve's exit codes, in one place.
///
/// 0: the selected tests passed, or nothing was affected. 1–5: pytest's own code, passed
/// through. 64: a bad command line. 70: Sieve itself failed; stderr says what to do.
enum ExitCodes {
  /// Sieve itself could not work (git missing, store unwritable, plugin missing).
  static let internalFailure = ExitCode(70)

  /// Runs `body`, turning any error that is not ArgumentParser's own into a one-line message
  /// on stderr and exit code 70.
  static func guarding(_ body: () async throws -> Void) async throws {
    do {
      try await body()
    } catch let error as ExitCode {
      throw error
    } catch let error as CleanExit {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch {
      Console.error(String(describing: error))
      throw internalFailure
    }
  }
}
