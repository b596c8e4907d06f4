import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl, isTrustedSenderUrl } from '../../../src/main/trusted-sender'

const trusted = { rendererFileUrl: 'file:///opt/Recall/resources/app.asar/out/renderer/index.html' }

describe('isTrustedSenderUrl', () => {
  it('accepts only our own page, or the dev server in development', () => {
    expect(isTrustedSenderUrl('file:///opt/Recall/resources/app.asar/out/renderer/index.html', trusted)).toBe(true)
    expect(isTrustedSenderUrl('file:///opt/Recall/resources/app.asar/out/renderer/index.html#/study', trusted)).toBe(true)
    expect(isTrustedSenderUrl('file:///tmp/evil.html', trusted)).toBe(false)
    expect(isTrustedSenderUrl('https://evil.example/', trusted)).toBe(false)
    expect(isTrustedSenderUrl(undefined, trusted)).toBe(false)
    expect(isTrustedSenderUrl('not a url', trusted)).toBe(false)
    const dev = { ...trusted, devServerUrl: 'http://localhost:5173' }
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', dev)).toBe(false)
  })
})

describe('isSafeExternalUrl', () => {
  it('lets only plain http(s) links out', () => {
    expect(isSafeExternalUrl('https://docs.aws.amazon.com/sagemaker/')).toBe(true)
    expect(isSafeExternalUrl('http://example.com')).toBe(true)
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://host/share', 'https://user:pw@evil.example', 'nonsense']) {
      expect(isSafeExternalUrl(url)).toBe(false)
    }
  })
})
