import { APP_SCHEME } from '@main/app-protocol'
import { serveAppRequest } from '@main/app-response'
import { isPermissionGranted } from '@main/permission-policy'
import { hardenWebContents } from '@main/web-contents-hardening'
import { app, protocol, shell, type Session } from 'electron'

/**
 * app:// as a standard (relative URLs, IndexedDB), secure (a secure context like https) scheme
 * that fetch() may use. Not corsEnabled: that would let other origins read its files, and not
 * bypassCSP. Must run before app 'ready'.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Serves the built renderer folder on app://recall, with the CSP header on every response. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    // Electron adds `initiatorOrigin` to the Request it passes; it is not in the DOM type.
    const { initiatorOrigin } = request as Request & { initiatorOrigin?: string }
    return serveAppRequest(rendererDir, { url: request.url, method: request.method, initiatorOrigin })
  })
}

/** Refuses every permission and device request, apart from persistent storage for our own page. */
export function applyPermissionPolicy(session: Session, isOwnOrigin: (url: string | undefined) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, isOwnOrigin))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: requestingOrigin, isMainFrame: details.isMainFrame }, isOwnOrigin)
  )
  session.setDevicePermissionHandler(() => false)
}

/** Every webContents, whoever creates it, gets the navigation, window and webview policy. */
export function hardenEveryWebContents(isOwnPage: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      isOwnPage,
      openExternal: (url) => {
        // Outside the navigation event, as Electron's guide does; url passed isSafeExternalUrl.
        setImmediate(() => {
          shell.openExternal(url).catch((error: unknown) => console.error('could not open the link in the browser', error))
        })
      }
    })
  })
}
