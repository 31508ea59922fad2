/**
 * Installed packages, read from the image's own package database without running the
 * image: dpkg's status file, apk's installed file, or the rpm database (queried with the
 * host's rpm on a temporary copy, when rpm exists).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { hasTool, run } from '../util/exec.js'
import type { Reporter } from '../util/log.js'
import { tempPrefix } from '../util/lifecycle.js'

export interface Package {
  name: string
  version: string
  arch?: string
  /** The source package it was built from, when the database names one (dpkg Source, apk origin, rpm source rpm). */
  source?: string
  /** Its licence as the database states it (apk and rpm keep one; dpkg does not). */
  license?: string
}

export type PackageFormat = 'dpkg' | 'rpm' | 'apk'

export interface PackageList {
  format: PackageFormat | null
  packages: Package[]
}

/** Database files to capture during the pass, as paths inside the image. */
export const DPKG_STATUS = 'var/lib/dpkg/status'
export const APK_INSTALLED = 'lib/apk/db/installed'
export const RPM_DIRS = ['var/lib/rpm', 'usr/lib/sysimage/rpm']

function stanzas(text: string): Array<Map<string, string>> {
  const out: Array<Map<string, string>> = []
  for (const block of text.split(/\n\s*\n/)) {
    const m = new Map<string, string>()
    for (const line of block.split('\n')) {
      const i = line.indexOf(':')
      if (i > 0 && !/^\s/.test(line)) m.set(line.slice(0, i), line.slice(i + 1).trim())
    }
    if (m.size) out.push(m)
  }
  return out
}

const byName = (a: Package, b: Package): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : (a.arch ?? '').localeCompare(b.arch ?? '')

/** Installed packages from var/lib/dpkg/status (Status "… installed" only). */
export function parseDpkgStatus(text: string): Package[] {
  return stanzas(text)
    .filter((s) => s.has('Package') && / installed$/.test(s.get('Status') ?? ''))
    .map((s) => {
      const pkg: Package = {
        name: s.get('Package')!,
        version: s.get('Version') ?? '',
        arch: s.get('Architecture')
      }
      // "Source: glibc (2.36-9)" when the source version differs from the binary's.
      const source = s.get('Source')?.split(' ')[0]
      if (source) pkg.source = source
      return pkg
    })
    .sort(byName)
}

/** Packages from lib/apk/db/installed (P: name, V: version, A: arch, o: origin, L: licence). */
export function parseApkInstalled(text: string): Package[] {
  const out: Package[] = []
  for (const block of text.split(/\n\s*\n/)) {
    const f = new Map<string, string>()
    for (const line of block.split('\n')) if (line[1] === ':') f.set(line[0], line.slice(2))
    if (!f.has('P')) continue
    const pkg: Package = { name: f.get('P')!, version: f.get('V') ?? '', arch: f.get('A') }
    if (f.get('o')) pkg.source = f.get('o')
    if (f.get('L')) pkg.license = f.get('L')
    out.push(pkg)
  }
  return out.sort(byName)
}

/** Queries an rpm database (files keyed by name inside `dbDir`) with the host's rpm. Null without rpm. */
export async function queryRpm(
  dbDir: string,
  files: Map<string, Buffer>,
  reporter?: Reporter
): Promise<Package[] | null> {
  if (!(await hasTool('rpm'))) {
    reporter?.warn('rpm database found but no rpm tool on this host: package list left empty')
    return null
  }
  const root = await mkdtemp(join(tmpdir(), tempPrefix('rpmdb')))
  try {
    for (const [name, data] of files) {
      const p = join(root, dbDir, name)
      await mkdir(dirname(p), { recursive: true })
      await writeFile(p, data)
    }
    const { stdout } = await run(
      'rpm',
      [
        '--root',
        root,
        '--dbpath',
        `/${dbDir}`,
        '-qa',
        '--qf',
        '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\n'
      ],
      {
        reporter
      }
    )
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, v, arch, source, license] = l.split('\t')
        const pkg: Package = { name, version: v.replace(/^0:/, ''), arch }
        // The source rpm's file name, e.g. bash-5.1.8-6.el9.src.rpm: its name is what comes before version-release.
        const srcName = source && source !== '(none)' ? source.replace(/-[^-]+-[^-]+\.src\.rpm$/, '') : ''
        if (srcName && srcName !== source) pkg.source = srcName
        if (license && license !== '(none)') pkg.license = license
        return pkg
      })
      .sort(byName)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
