import { devServerUrlFrom, isOwnOrigin, isSafeExternalUrl, isTrustedSenderUrl } from '@main/trusted-sender'
import { describe, expect, it } from 'vitest'

const built = { appPageUrl: 'app://recall/index.html' }
const dev = { ...built, devServerUrl: 'http://localhost:5173' }

describe('isTrustedSenderUrl', () => {
  it('accepts only our own page on app://recall', () => {
    expect(isTrustedSenderUrl('app://recall/index.html', built)).toBe(true)
    expect(isTrustedSenderUrl('app://recall/index.html#/study', built)).toBe(true)
    expect(isTrustedSenderUrl('app://recall/index.html?deck=x', built)).toBe(true)
    for (const url of [
      'app://recall/assets/other.html',
      'app://evil/index.html',
      'app://recall.evil/index.html',
      'file:///opt/Recall/resources/app.asar/out/renderer/index.html',
      'file:///tmp/evil.html',
      'https://evil.example/',
      'http://localhost:5173/',
      'not a url',
      ''
    ]) {
      expect(isTrustedSenderUrl(url, built), url).toBe(false)
    }
    expect(isTrustedSenderUrl(undefined, built)).toBe(false)
  })

  it('also accepts the dev server in development, and only on its exact origin', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedSenderUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isTrustedSenderUrl('http://localhost.evil.example:5173/', dev)).toBe(false)
  })
})

describe('isOwnOrigin', () => {
  it('matches origins (as permission checks report them) rather than documents', () => {
    expect(isOwnOrigin('app://recall', built)).toBe(true)
    expect(isOwnOrigin('app://recall/assets/index.js', built)).toBe(true)
    expect(isOwnOrigin('app://other', built)).toBe(false)
    expect(isOwnOrigin('http://localhost:5173', built)).toBe(false)
    expect(isOwnOrigin('http://localhost:5173', dev)).toBe(true)
    expect(isOwnOrigin(undefined, dev)).toBe(false)
  })
})

describe('isSafeExternalUrl', () => {
  it('lets only plain http(s) links out', () => {
    expect(isSafeExternalUrl('https://docs.aws.amazon.com/sagemaker/')).toBe(true)
    expect(isSafeExternalUrl('http://example.com')).toBe(true)
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'smb://host/share',
      'ms-msdt:/id',
      'app://recall/index.html',
      'https://user:pw@evil.example',
      'nonsense'
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false)
    }
  })
})

describe('devServerUrlFrom', () => {
  it('takes ELECTRON_RENDERER_URL only in development and only on this machine', () => {
    expect(devServerUrlFrom('http://localhost:5173', false)).toBe('http://localhost:5173')
    expect(devServerUrlFrom('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173/')
    expect(devServerUrlFrom('http://localhost:5173', true)).toBeUndefined()
    expect(devServerUrlFrom('https://evil.example', false)).toBeUndefined()
    expect(devServerUrlFrom('file:///tmp/evil.html', false)).toBeUndefined()
    expect(devServerUrlFrom(undefined, false)).toBeUndefined()
    expect(devServerUrlFrom('', false)).toBeUndefined()
  })
})
