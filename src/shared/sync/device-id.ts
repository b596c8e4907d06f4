/**
 * A device is one installation of Recall that writes changes to the sync folder, under
 * `<folder>/recall/<device id>/`. Its id is 16 lowercase hex digits (64 random bits), chosen once
 * and kept with the collection: a folder name on every file system, and not a name any sync
 * engine gives its temporary files or conflict copies.
 */
const DEVICE_ID = /^[0-9a-f]{16}$/

const DEVICE_ID_BYTES = 8

/** A device id from random bytes the caller draws (`crypto.getRandomValues(new Uint8Array(DEVICE_ID_BYTES))`). */
export function newDeviceId(random: Uint8Array): string {
  if (random.length !== DEVICE_ID_BYTES) throw new RangeError(`A device id needs ${DEVICE_ID_BYTES} random bytes, not ${random.length}`)
  return Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

export function isDeviceId(text: unknown): text is string {
  return typeof text === 'string' && DEVICE_ID.test(text)
}
