import { describe, expect, it } from 'vitest'
import { sandboxProblem, type SandboxFacts } from '../../../scripts/sandbox-check'

const BINARY = '/home/ana/recall/node_modules/electron/dist/electron'
const ubuntu2404: SandboxFacts = {
  platform: 'linux',
  restrictUserns: '1',
  electronBinary: BINARY,
  sandboxHelper: { uid: 1000, mode: 0o100755 },
  profiles: ['abi <abi/4.0>,\nprofile firefox /usr/lib/firefox/firefox flags=(unconfined) {\n  userns,\n}\n']
}

describe('the sandbox check before npm start', () => {
  it('on Ubuntu 24.04 with a downloaded Electron: says why it would stop and gives both fixes for this checkout', () => {
    const message = sandboxProblem(ubuntu2404)!
    expect(message).toMatch(/SUID sandbox helper/)
    expect(message).toContain(`profile recall-dev-electron "${BINARY}" flags=(unconfined)`)
    expect(message).toContain('sudo chmod 4755 "/home/ana/recall/node_modules/electron/dist/chrome-sandbox"')
    expect(message).toMatch(/Do not start it with --no-sandbox/)
  })

  it('also before Electron was downloaded (a fresh clone): the download is never setuid', () => {
    expect(sandboxProblem({ ...ubuntu2404, sandboxHelper: null })).toMatch(/apparmor_parser -r/)
  })

  it('starts when a profile allows this Electron user namespaces', () => {
    const profile = `abi <abi/4.0>,\nprofile recall-dev-electron "${BINARY}" flags=(unconfined) {\n  userns,\n}\n`
    expect(sandboxProblem({ ...ubuntu2404, profiles: [...ubuntu2404.profiles, profile] })).toBeNull()
    // A profile for the path that does not allow userns does not help.
    expect(sandboxProblem({ ...ubuntu2404, profiles: [profile.replace('userns,', 'capability,')] })).not.toBeNull()
  })

  it('starts when chrome-sandbox is setuid root, and not when it is setuid to someone else', () => {
    expect(sandboxProblem({ ...ubuntu2404, sandboxHelper: { uid: 0, mode: 0o104755 } })).toBeNull()
    expect(sandboxProblem({ ...ubuntu2404, sandboxHelper: { uid: 1000, mode: 0o104755 } })).not.toBeNull()
    expect(sandboxProblem({ ...ubuntu2404, sandboxHelper: { uid: 0, mode: 0o100755 } })).not.toBeNull()
  })

  it('has nothing to say where user namespaces are not restricted (Ubuntu 22.04, Debian, Fedora), or off Linux', () => {
    expect(sandboxProblem({ ...ubuntu2404, restrictUserns: '0' })).toBeNull()
    expect(sandboxProblem({ ...ubuntu2404, restrictUserns: null })).toBeNull()
    expect(sandboxProblem({ ...ubuntu2404, platform: 'darwin' })).toBeNull()
    expect(sandboxProblem({ ...ubuntu2404, platform: 'win32' })).toBeNull()
  })
})
