import Testing

/// Tests of ``Store``, grouped by concern in `StoreTests+*.swift`.
@Suite("Store")
struct StoreTests {}
