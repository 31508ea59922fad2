/**
 * Pruning the unpacked-layer cache (`<cacheDir>/layers/`, see unpacked.ts), which builds only
 * ever add to: `kiln gc` removes the layers no image of the store names any more, and the
 * `.unpack-*` / `.prune-*` directories left behind by runs that were killed.
 *
 * A layer may be a lowerdir of a build running right now. Builds mount in private mount
 * namespaces, so our own mount table does not show them: every process's table is read.
 */
import { lstat, readFile, readdir, readlink, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pidAlive } from '../store/lock.js'
import type { Store } from '../store/types.js'
import { walk } from './fswalk.js'
import { uniqueDir } from './sandbox.js'

const LAYER_RE = /^[0-9a-f]{64}$/
/** uniqueDir(parent, `.unpack-<hex12>` or `.prune-<hex>`) names: PREFIX-HEX-PID-RANDOM. */
const TEMP_RE = /^\.(?:unpack|prune)-([0-9a-f]+)-(\d+)-[0-9a-f]{8}$/

export interface PruneResult {
  /** Unpacked layers removed. */
  layers: number
  /** Temporary directories of dead runs removed. */
  temps: number
  /** Disk space freed (allocated blocks, hard links counted once). */
  bytes: number
  /** Unreferenced layers kept because a mount uses them. */
  busy: number
}

export interface PruneOptions {
  /** Text of the mount tables to check (default: every mount namespace's, see mountTables). */
  mountTables?: () => Promise<string>
}

/** The diffIDs of every image the store names. Throws rather than guess if one cannot be read. */
export async function storeDiffIDs(store: Store): Promise<Set<string>> {
  const ids = new Set<string>()
  const digests = new Set((await store.listRefs()).map((r) => r.digest))
  for (const d of digests) for (const l of (await store.getImage(d))?.layers ?? []) ids.add(l.diffID)
  return ids
}

/**
 * Removes from `<cacheDir>/layers/` every unpacked layer whose diffID is not in `keep` and no
 * mount uses, and every temporary directory whose run is gone (by the pid in its name).
 */
export async function pruneUnpacked(
  cacheDir: string,
  keep: Iterable<string>,
  opts: PruneOptions = {}
): Promise<PruneResult> {
  const result: PruneResult = { layers: 0, temps: 0, bytes: 0, busy: 0 }
  const parent = join(cacheDir, 'layers')
  const names = await readdir(parent).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[]
    throw e
  })
  if (!names.length) return result
  const keepHex = new Set([...keep].map((d) => d.replace(/^sha256:/, '')))
  const tables = opts.mountTables ?? mountTables
  // Matching the hex name anywhere in a mount line is enough (64 hex digits do not occur by
  // chance) and does not depend on how the cache path was spelt or escaped in the options.
  const mounts = await tables()
  const doomed: Array<{ path: string; hex: string; layer?: string }> = []
  for (const name of names) {
    const path = join(parent, name)
    if (LAYER_RE.test(name)) {
      if (keepHex.has(name)) continue
      if (mounts.includes(name)) {
        result.busy++
        continue
      }
      // Moved aside before removal: a gc killed half-way never leaves a partial tree under
      // the diffID name (unpackLayer trusts any directory there), and a build mounting the
      // layer from now on fails cleanly instead of losing files under its feet.
      const moved = uniqueDir(parent, `.prune-${name}`)
      try {
        await rename(path, moved)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw e
      }
      doomed.push({ path: moved, hex: name, layer: path })
    } else {
      const m = TEMP_RE.exec(name)
      const pid = m ? Number.parseInt(m[2], 10) : 0
      // A live pid keeps its directory even if the pid was reused: that only delays removal.
      if (!m || !(pid > 0) || pidAlive(pid) || mounts.includes(m[1])) continue
      doomed.push({ path, hex: m[1] })
    }
  }
  // A build may have mounted a layer between the first look and the rename: look again and
  // put such layers back (if it was unpacked anew meanwhile, ours stays a .prune dir that a
  // later gc removes once nothing mounts it).
  const after = doomed.some((d) => d.layer) ? await tables() : mounts
  for (const d of doomed) {
    if (d.layer && after.includes(d.hex)) {
      result.busy++
      await rename(d.path, d.layer).catch(() => undefined)
      continue
    }
    result.bytes += await diskUsage(d.path)
    await rm(d.path, { recursive: true, force: true })
    if (d.layer) result.layers++
    else result.temps++
  }
  return result
}

/**
 * The mount lines of every mount namespace (one process's table read per namespace). A table
 * that exists but cannot be read (hidepid, not root) is an error: a layer in use there would
 * look unused.
 */
export async function mountTables(): Promise<string> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((n) => /^\d+$/.test(n))
  const seen = new Set<string>()
  const lines = new Set<string>()
  for (const pid of pids) {
    const ns = await readlink(`/proc/${pid}/ns/mnt`).catch(() => null)
    if (ns !== null && seen.has(ns)) continue
    let text: string
    try {
      text = await readFile(`/proc/${pid}/mountinfo`, 'utf8')
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'EACCES' || code === 'EPERM')
        throw new Error(
          `cannot read /proc/${pid}/mountinfo (${code}), so layers in use cannot be told apart: run as root, or use --keep-unpacked`
        )
      continue // the process ended meanwhile
    }
    if (ns !== null) seen.add(ns)
    for (const l of text.split('\n')) if (l) lines.add(l)
  }
  return [...lines].join('\n')
}

/** Like `du -s`: allocated blocks of everything under `root`, each inode once. */
async function diskUsage(root: string): Promise<number> {
  const inodes = new Set<string>()
  let bytes = 0
  const add = async (path: string): Promise<void> => {
    const st = await lstat(path).catch(() => null)
    if (!st) return
    if (st.nlink > 1 && !st.isDirectory()) {
      const id = `${st.dev}:${st.ino}`
      if (inodes.has(id)) return
      inodes.add(id)
    }
    bytes += st.blocks * 512
  }
  await add(root)
  try {
    for await (const { rel } of walk(root)) await add(join(root, rel))
  } catch {
    // Unreadable corners only make the figure smaller; rm still removes them.
  }
  return bytes
}
