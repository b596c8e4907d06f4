// @ts-check
// electron-builder afterPack hook: flips Electron's fuses in the packaged binary. It runs after the
// app is copied and before it is signed, so the signature covers the flipped fuses.
// Why each fuse is set this way: docs/security.md, "Fuses".
const path = require('node:path')

/** @type {Record<string, boolean>} keyed by @electron/fuses' FuseV1Options names */
const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false
}

// builder-util's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
const ARCH_ARM64 = 3
const ARCH_UNIVERSAL = 4

/**
 * The file whose fuses are flipped, found the way electron-builder's own fuse support finds it.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    case 'linux':
      if (!packager.executableName) throw new Error('after-pack: the Linux packager has no executableName')
      return path.join(appOutDir, packager.executableName)
    default:
      throw new Error(`after-pack: unsupported platform ${electronPlatformName}`)
  }
}

/** @param {{ appOutDir: string, electronPlatformName: string, arch: number, packager: { appInfo: { productFilename: string }, executableName?: string } }} context */
async function afterPack(context) {
  // @electron/fuses 2 is an ES module; import() loads it from this CommonJS hook.
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses')
  /** @type {import('@electron/fuses').FuseV1Config} */
  const config = {
    version: FuseVersion.V1,
    // Apple Silicon refuses to start a binary whose ad-hoc signature no longer matches; a real
    // signature (when configured) replaces it afterwards.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL)
  }
  for (const [name, value] of Object.entries(FUSES)) {
    const option = FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)]
    if (option === undefined) throw new Error(`after-pack: @electron/fuses has no fuse ${name}`)
    config[option] = value
  }
  const binary = electronBinaryPath(context)
  await flipFuses(binary, config)
  console.log(`  • fuses flipped in ${binary}`)
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.FUSES = FUSES
module.exports.electronBinaryPath = electronBinaryPath
