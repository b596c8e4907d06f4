// Dexie runs on fake-indexeddb in unit tests; the end-to-end tests use Chromium's real one.
import 'fake-indexeddb/auto'
