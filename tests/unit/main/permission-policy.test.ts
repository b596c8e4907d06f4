import { isPermissionGranted } from '@main/permission-policy'
import { isOwnOrigin } from '@main/trusted-sender'
import { describe, expect, it } from 'vitest'

const own = (url: string | undefined) => isOwnOrigin(url, { appPageUrl: 'app://recall/index.html' })

describe('isPermissionGranted', () => {
  it('refuses camera, microphone, notifications, clipboard, devices and anything unknown', () => {
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'display-capture',
      'unknown'
    ]) {
      expect(isPermissionGranted({ permission, requestingUrl: 'app://recall/index.html', isMainFrame: true }, own), permission).toBe(false)
    }
  })

  it('grants persistent storage to our own page only, so the review history is never evicted', () => {
    expect(
      isPermissionGranted({ permission: 'persistent-storage', requestingUrl: 'app://recall/index.html', isMainFrame: true }, own)
    ).toBe(true)
    expect(isPermissionGranted({ permission: 'persistent-storage', requestingUrl: 'app://recall', isMainFrame: true }, own)).toBe(true)
    expect(isPermissionGranted({ permission: 'persistent-storage', requestingUrl: 'https://evil.example', isMainFrame: true }, own)).toBe(
      false
    )
    expect(
      isPermissionGranted({ permission: 'persistent-storage', requestingUrl: 'app://recall/index.html', isMainFrame: false }, own)
    ).toBe(false)
    expect(isPermissionGranted({ permission: 'persistent-storage', requestingUrl: undefined, isMainFrame: true }, own)).toBe(false)
  })
})
