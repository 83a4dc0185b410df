import SieveSelect
import SieveStore

/// A store problem seen as a reason to run everything.
struct SelectionReasonCarrier {
  let reason: SelectionReason
  let error: StoreError

  init(error: StoreError, path: String) {
    self.error = error
    switch error {
    case .newerSchema: reason = .newerDatabase(path: path)
    case .unreadable, .writeFailed: reason = .unreadableDatabase(message: error.description)
    }
  }
}
