/**
 * The shared-library closure of some programs, resolved against an image's OWN search
 * paths: DT_RPATH (when there is no DT_RUNPATH), DT_RUNPATH, the image's /etc/ld.so.conf
 * (with its includes), then the trusted directories (/lib, /usr/lib, their 64-bit and
 * multiarch forms). A candidate must be ELF of the same class and machine, as the
 * loader demands. Every symlink on the way is kept with its target.
 */
import { readFile, readdir } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { readElf, type ElfInfo } from './elf.js'
import { resolveInRoot } from '../../util/in-root.js'

const MULTIARCH: Record<number, string> = {
  62: 'x86_64-linux-gnu',
  183: 'aarch64-linux-gnu',
  3: 'i386-linux-gnu',
  40: 'arm-linux-gnueabihf'
}

export interface Closure {
  /** Paths to keep, relative to the root (links and the files they lead to). */
  keep: Set<string>
  /** "object: library" for every DT_NEEDED that could not be found. */
  missing: string[]
}

export async function ldSoConfDirs(root: string): Promise<string[]> {
  const dirs: string[] = []
  const seen = new Set<string>()
  const readConf = async (file: string, depth: number): Promise<void> => {
    if (depth > 8 || seen.has(file)) return
    seen.add(file)
    const r = await resolveInRoot(root, file)
    if (!r.real) return
    const text = await readFile(join(root, r.real), 'utf8').catch(() => '')
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').trim()
      if (!line) continue
      const inc = /^include\s+(.+)$/.exec(line)
      if (inc) {
        for (const pat of (inc[1] as string).split(/\s+/)) {
          const abs = pat.startsWith('/') ? pat : posix.join('/etc', pat)
          for (const f of await glob(root, abs)) await readConf(f, depth + 1)
        }
      } else if (line.startsWith('/')) dirs.push(line.replace(/\/+$/, ''))
    }
  }
  await readConf('/etc/ld.so.conf', 0)
  return dirs
}

/** A one-level glob (`/etc/ld.so.conf.d/*.conf`) inside the root, sorted as ldconfig does. */
async function glob(root: string, pattern: string): Promise<string[]> {
  const dir = posix.dirname(pattern)
  const re = new RegExp(
    `^${posix
      .basename(pattern)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`
  )
  const r = await resolveInRoot(root, dir)
  if (!r.real && r.real !== '') return []
  const names = await readdir(join(root, r.real)).catch(() => [] as string[])
  return names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => posix.join(dir, n))
}

export function trustedDirs(machine: number, bits: number): string[] {
  const ma = MULTIARCH[machine]
  const dirs = ma ? [`/lib/${ma}`, `/usr/lib/${ma}`] : []
  return [...dirs, ...(bits === 64 ? ['/lib64', '/usr/lib64'] : ['/lib32', '/usr/lib32']), '/lib', '/usr/lib']
}

/**
 * The closure of `programs` (absolute paths inside the root). `place` says where the root is
 * in the message for a missing program ("in the image", "on the build host", ...).
 */
export async function dependencyClosure(
  root: string,
  programs: string[],
  place = 'in the image'
): Promise<Closure> {
  const keep = new Set<string>()
  const missing: string[] = []
  const confDirs = await ldSoConfDirs(root)
  const visited = new Set<string>()
  const queue: string[] = []

  const keepPath = async (p: string): Promise<string | null> => {
    const r = await resolveInRoot(root, p)
    for (const l of r.links) keep.add(l)
    if (r.real !== null) keep.add(r.real)
    return r.real
  }

  for (const p of programs) {
    const real = await keepPath(p)
    if (real === null) throw new Error(`${p} does not exist ${place}`)
    queue.push(real)
  }
  while (queue.length) {
    const real = queue.shift() as string
    if (visited.has(real)) continue
    visited.add(real)
    const elf: ElfInfo | null = await readElf(join(root, real)).catch(() => null)
    if (!elf) continue
    if (elf.interp) {
      const r = await keepPath(elf.interp)
      if (r === null) missing.push(`/${real}: loader ${elf.interp}`)
      else queue.push(r)
    }
    const origin = `/${dirname(real)}`
    const expand = (d: string): string => d.replace(/\$\{?ORIGIN\}?/g, origin)
    const search = [
      ...(elf.runpath.length ? [] : elf.rpath.map(expand)),
      ...elf.runpath.map(expand),
      ...confDirs,
      ...trustedDirs(elf.machine, elf.bits)
    ]
    for (const lib of elf.needed) {
      const found = lib.includes('/')
        ? await matching(root, lib, elf)
        : await searchLib(root, lib, search, elf)
      if (!found) {
        missing.push(`/${real}: ${lib}`)
        continue
      }
      const r = await keepPath(found)
      if (r !== null) queue.push(r)
    }
  }
  return { keep, missing }
}

async function searchLib(root: string, lib: string, dirs: string[], want: ElfInfo): Promise<string | null> {
  for (const d of dirs) {
    const hit = await matching(root, posix.join(d, lib), want)
    if (hit) return hit
  }
  return null
}

async function matching(root: string, path: string, want: ElfInfo): Promise<string | null> {
  const r = await resolveInRoot(root, path)
  if (r.real === null) return null
  const elf = await readElf(join(root, r.real)).catch(() => null)
  return elf && elf.bits === want.bits && elf.machine === want.machine ? path : null
}
