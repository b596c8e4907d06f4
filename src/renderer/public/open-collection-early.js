// Opens the collection's IndexedDB database the moment the page starts, before the app's script has
// arrived and run (issue 23). A cold start's first open of a large collection makes the storage
// process read its files (~1 s at 100,000 cards and a million reviews); begun here, that overlaps the
// download and evaluation of the app's script instead of following it. The app's own open (Dexie,
// db/database.ts, the same name) then finds the files open. This connection changes nothing: on a
// first run it aborts before a database is created, it gives way at once to an upgrade or a deletion
// (versionchange), and it is closed after ten seconds in any case.
// A classic script loaded async, so that it runs as soon as it is fetched without holding the page's
// parsing (or its module script's fetch) back: the page's CSP allows scripts of the
// app's own origin only, never inline ones.
;(function openCollectionEarly() {
  'use strict'
  var NAME = 'recall'
  var HOLD_MS = 10000
  try {
    if (typeof indexedDB === 'undefined') return
    var request = indexedDB.open(NAME)
    request.onupgradeneeded = function () {
      // No collection yet: the app creates it at its own version.
      request.transaction.abort()
    }
    request.onsuccess = function () {
      var connection = request.result
      var close = function () {
        connection.close()
      }
      connection.onversionchange = close
      setTimeout(close, HOLD_MS)
    }
    request.onerror = function (event) {
      event.preventDefault()
    }
  } catch (error) {
    // Storage unavailable (private mode, a policy): the app's own open reports it.
  }
})()
