#!/usr/bin/env node
// @ts-check
// A stand-in for fpm (which electron-builder downloads from GitHub, impossible here): takes the
// arguments electron-builder gives fpm for a deb (`-s dir -t deb … src=dest …`) and builds the
// package with Debian's own dpkg-deb. Only what electron-builder passes for a deb is understood;
// anything else stops it, so a change in electron-builder shows up as a failure, not a quiet gap.
const { execFileSync } = require('node:child_process')
const { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } = require('node:fs')
const { tmpdir } = require('node:os')
const path = require('node:path')

const FLAGS = new Set(['--force', '--debug'])
const VALUED = new Set([
  '-s',
  '-t',
  '-d',
  '--deb-recommends',
  '--deb-compression',
  '--architecture',
  '--after-install',
  '--after-remove',
  '--description',
  '--version',
  '--package',
  '--name',
  '--maintainer',
  '--vendor',
  '--url',
  '--deb-priority',
  '--license',
  '--category',
  '--iteration',
  '--log'
])

const args = process.argv.slice(2)
/** @type {Record<string, string[]>} */
const options = {}
/** @type {[string, string][]} */
const mappings = []
for (let i = 0; i < args.length; i++) {
  const arg = /** @type {string} */ (args[i])
  if (FLAGS.has(arg)) continue
  if (VALUED.has(arg)) {
    ;(options[arg] ??= []).push(/** @type {string} */ (args[++i]))
    continue
  }
  if (arg.startsWith('-')) {
    console.error(`stand-in fpm: unknown option ${arg}`)
    process.exit(2)
  }
  const at = arg.lastIndexOf('=')
  mappings.push([arg.slice(0, at), arg.slice(at + 1)])
}
const one = (/** @type {string} */ name) => options[name]?.[0]
if (one('-s') !== 'dir' || one('-t') !== 'deb') {
  console.error('stand-in fpm: only -s dir -t deb')
  process.exit(2)
}
for (const required of ['--name', '--version', '--architecture', '--package', '--maintainer', '--description']) {
  if (!one(required)) {
    console.error(`stand-in fpm: ${required} is missing`)
    process.exit(2)
  }
}

const root = mkdtempSync(path.join(tmpdir(), 'stand-in-fpm-'))
try {
  for (const [from, to] of mappings) {
    const target = path.join(root, to)
    if (statSync(from).isDirectory())
      cpSync(from.replace(/\/$/, ''), target.replace(/\/$/, ''), { recursive: true, verbatimSymlinks: true })
    else {
      mkdirSync(path.dirname(target), { recursive: true })
      cpSync(from, target)
    }
  }
  const debian = path.join(root, 'DEBIAN')
  mkdirSync(debian)
  // Debian's control format: a description's later lines start with a space, empty ones are " .".
  const [summary = '', ...rest] = /** @type {string} */ (one('--description')).split('\n')
  const body = rest.map((line) => (line.trim() ? ` ${line.trim()}` : ' .'))
  const control = [
    `Package: ${one('--name')}`,
    `Version: ${one('--version')}`,
    `Architecture: ${one('--architecture')}`,
    `Maintainer: ${one('--maintainer')}`,
    one('--url') && `Homepage: ${one('--url')}`,
    one('--category') && `Section: ${one('--category')}`,
    `Priority: ${one('--deb-priority') ?? 'optional'}`,
    options['-d'] && `Depends: ${options['-d'].join(', ')}`,
    options['--deb-recommends'] && `Recommends: ${options['--deb-recommends'].join(', ')}`,
    `Description: ${summary.trim()}`,
    ...body
  ].filter(Boolean)
  writeFileSync(path.join(debian, 'control'), `${control.join('\n')}\n`)
  for (const [option, script] of [
    ['--after-install', 'postinst'],
    ['--after-remove', 'postrm']
  ]) {
    const source = one(/** @type {string} */ (option))
    if (!source) continue
    writeFileSync(path.join(debian, /** @type {string} */ (script)), readFileSync(source))
    chmodSync(path.join(debian, /** @type {string} */ (script)), 0o755)
  }
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', root, /** @type {string} */ (one('--package'))], { stdio: 'inherit' })
} finally {
  rmSync(root, { recursive: true, force: true })
}
