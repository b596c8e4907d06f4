import { readFile } from 'node:fs/promises'

// Electron's fuse wire as it ships in the binary: a sentinel, the wire version (1), its length,
// then one byte per fuse, '1' on and '0' off, in FuseV1Options order. Electron 45's defaults.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_ORDER = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
  'WasmTrapHandlers'
]
const SHIPPED_WIRE = '101100011'

/** The wire as Electron ships it, to put inside a stand-in binary. */
export function shippedFuseWire(): Buffer {
  return Buffer.concat([Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, SHIPPED_WIRE.length]), Buffer.from(SHIPPED_WIRE, 'latin1')])
}

/** Each fuse of a binary, '1' or '0'. */
export async function readFuses(binary: string): Promise<Record<string, string>> {
  const bytes = await readFile(binary)
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length
  const wire = bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1')
  return Object.fromEntries(FUSE_ORDER.map((name, i) => [name, wire[i]!]))
}
