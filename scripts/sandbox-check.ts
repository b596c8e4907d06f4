import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** What the check needs to know about the machine, read by `readSandboxFacts`. */
export interface SandboxFacts {
  platform: NodeJS.Platform
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns, trimmed; null where it does not exist. */
  restrictUserns: string | null
  /** The Electron binary `npm start` runs (node_modules/electron/dist/electron). */
  electronBinary: string
  /** Its chrome-sandbox helper's owner and mode; null before Electron was downloaded. */
  sandboxHelper: { uid: number; mode: number } | null
  /** The text of every AppArmor profile in /etc/apparmor.d. */
  profiles: string[]
}

const SETUID = 0o4000

/**
 * Why Electron would stop at launch on this machine ("The SUID sandbox helper binary was found,
 * but is not configured correctly"), with the ways to fix it; null when it will start.
 *
 * Ubuntu 23.10 and later (24.04 by default) let a program create the user namespaces Chromium's
 * sandbox is built on only when an AppArmor profile allows it (`userns,`). Electron then falls back
 * to its setuid helper, chrome-sandbox, which a download never installs setuid root. The .deb of
 * Recall brings its own profile; `npm start`, `npm run dev` and the AppImage have none.
 */
export function sandboxProblem(facts: SandboxFacts): string | null {
  if (facts.platform !== 'linux' || facts.restrictUserns !== '1') return null
  const helper = facts.sandboxHelper
  if (helper && helper.uid === 0 && (helper.mode & SETUID) !== 0) return null
  if (facts.profiles.some((text) => text.includes(facts.electronBinary) && /^\s*userns\s*,/m.test(text))) return null
  const sandbox = join(dirname(facts.electronBinary), 'chrome-sandbox')
  return [
    'Electron cannot start its sandbox on this system, and would stop with "The SUID sandbox helper',
    'binary was found, but is not configured correctly". This Linux (Ubuntu 23.10 and later, among',
    'others) lets a program use user namespaces only when an AppArmor profile allows it.',
    '',
    'Fix it one of these ways, then run the command again:',
    '',
    '  1. Give this Electron an AppArmor profile (what the installed Recall does for itself):',
    '',
    `     sudo tee /etc/apparmor.d/recall-dev-electron <<'END'`,
    '     abi <abi/4.0>,',
    '     include <tunables/global>',
    `     profile recall-dev-electron "${facts.electronBinary}" flags=(unconfined) {`,
    '       userns,',
    '       include if exists <local/recall-dev-electron>',
    '     }',
    '     END',
    '     sudo apparmor_parser -r /etc/apparmor.d/recall-dev-electron',
    '',
    '  2. Or make its sandbox helper setuid root (again after every npm install):',
    '',
    `     sudo chown root:root "${sandbox}"`,
    `     sudo chmod 4755 "${sandbox}"`,
    '',
    'Do not start it with --no-sandbox: Recall opens decks other people wrote, and the sandbox is',
    'what keeps a hostile one away from your files. See README.md, "Set up", for more.',
    'RECALL_SKIP_SANDBOX_CHECK=1 skips this check.'
  ].join('\n')
}

/** Reads the facts from this machine, for the Electron in this checkout's node_modules. */
export function readSandboxFacts(electronPackageJson: string): SandboxFacts {
  const dist = join(dirname(electronPackageJson), 'dist')
  const readOrNull = (path: string) => {
    try {
      return readFileSync(path, 'utf8').trim()
    } catch {
      return null
    }
  }
  const helperPath = join(dist, 'chrome-sandbox')
  const helper = existsSync(helperPath) ? statSync(helperPath) : null
  const profileFolder = '/etc/apparmor.d'
  let profiles: string[] = []
  try {
    profiles = readdirSync(profileFolder, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readOrNull(join(profileFolder, entry.name)) ?? '')
  } catch {
    // No AppArmor here.
  }
  return {
    platform: process.platform,
    restrictUserns: readOrNull('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    electronBinary: join(dist, 'electron'),
    sandboxHelper: helper ? { uid: helper.uid, mode: helper.mode } : null,
    profiles
  }
}
