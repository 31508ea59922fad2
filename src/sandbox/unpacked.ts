/**
 * Unpacked layers, kept by diffID for reuse as overlayfs lower directories:
 * `<cacheDir>/layers/<diffID hex>/`. A layer is unpacked once (into a temporary directory
 * renamed into place), so a persistent runner never unpacks the same base twice, and two
 * builds racing for the same layer both end up with one complete copy.
 *
 * OCI whiteouts become overlayfs whiteouts: `.wh.NAME` → a character device 0/0 `NAME`,
 * `.wh..wh..opq` → the xattr trusted.overlay.opaque=y on its directory. Ownership, modes
 * and xattrs are kept (GNU tar as root, numeric owners). Layers come from the store, but
 * every entry is still checked (no `..`, no absolute name, nothing through a symlink)
 * before anything is written.
 *
 * The layers directory is root's alone (0700, tightened if it was not): unpacked images hold
 * setuid binaries and device nodes, which other users of the host must not reach.
 */
import { digestHex, verifiedReadStream } from '../util/digest.js'
import { chmod, lstat, mkdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { checkTar } from '../sources/safe-tar.js'
import type { LayerRef } from '../store/types.js'
import { run } from '../util/exec.js'
import type { Reporter } from '../util/log.js'
import { trackDir } from '../util/lifecycle.js'
import { hostPath, walkBytes } from './fswalk.js'
import { makeWhiteouts, markOpaque } from './xattr.js'
import { uniqueDir } from './sandbox.js'
import { DEFAULT_CACHE_DIR } from './defaults.js'

// In a module of its own so the CLI's option defaults do not load the sandbox.
export { DEFAULT_CACHE_DIR }

/** GNU tar flags that keep everything a root filesystem needs. */
export const TAR_KEEP_ALL = [
  '--numeric-owner',
  '--xattrs',
  '--xattrs-include=*',
  '--xattrs-exclude=trusted.overlay.*'
]

const WH = '.wh.'
const OPQ = '.wh..wh..opq'

/** The directory holding `layer` unpacked in overlayfs form (unpacked now if needed). */
export async function unpackLayer(
  layer: LayerRef,
  cacheDir = DEFAULT_CACHE_DIR,
  reporter?: Reporter
): Promise<string> {
  // The directory is named by the diffID: checked first, as every digest read from a file is.
  const hex = digestHex(layer.diffID, `unpack ${layer.path}: diffID`)
  const parent = await layersDir(cacheDir)
  const dest = join(parent, hex)
  if (await stat(dest).catch(() => null)) return dest
  const tmp = uniqueDir(parent, `.unpack-${hex.slice(0, 12)}`)
  await mkdir(tmp, { mode: 0o755 })
  const remove = trackDir(tmp)
  try {
    reporter?.debug(`unpack layer ${layer.diffID}`)
    // tmp is fresh, so only the layer's own links can redirect; the root is given anyway
    // so that what is on disk where tar writes is checked too.
    // The check reads the layer whole: it is hashed in the same pass, before tar extracts it.
    await checkTar(
      verifiedReadStream(layer.path, layer.digest, layer.size),
      `layer ${layer.diffID}`,
      reporter,
      {
        root: tmp
      }
    )
    await run('tar', [
      '--extract',
      '--file',
      layer.path,
      '--directory',
      tmp,
      '--same-permissions',
      '--same-owner',
      ...TAR_KEEP_ALL
    ])
    await toOverlayForm(tmp)
    await rename(tmp, dest).catch(async (e: NodeJS.ErrnoException) => {
      // Someone else finished the same layer first: theirs is as good as ours.
      if (!(await stat(dest).catch(() => null))) throw e
    })
  } catch (e) {
    throw new Error(
      `unpack layer ${layer.diffID} (${layer.path}): ${e instanceof Error ? e.message : String(e)}`,
      { cause: e }
    )
  } finally {
    remove()
  }
  return dest
}

/** `<cacheDir>/layers`, made (cacheDir too, if missing) or tightened to mode 0700. */
export async function layersDir(cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'layers')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
  return dir
}

/** Unpacks every layer of an image; returns the directories TOP FIRST, as overlayfs wants them. */
export async function unpackLayers(
  layers: readonly LayerRef[],
  cacheDir = DEFAULT_CACHE_DIR,
  reporter?: Reporter
): Promise<string[]> {
  const dirs: string[] = []
  for (const l of layers) dirs.push(await unpackLayer(l, cacheDir, reporter))
  return dirs.reverse()
}

/**
 * Converts OCI whiteout files under `root` to overlayfs whiteouts, keeping directory times.
 * Names are handled as bytes (fswalk.ts): `.wh.caf\xe9` must hide `caf\xe9`, not a U+FFFD name.
 */
export async function toOverlayForm(root: string): Promise<void> {
  const opaque: Buffer[] = []
  const whiteouts: Buffer[] = []
  const markers: string[] = []
  for await (const { rel, entry } of walkBytes(root)) {
    const name = entry.name.toString('latin1')
    if (!name.startsWith(WH)) continue
    const dir = rel.slice(0, rel.length - name.length) // '' or ending in '/'
    markers.push(rel)
    if (name === OPQ) opaque.push(hostPath(root, dir.slice(0, -1)))
    else {
      const target = hostPath(root, `${dir}${name.slice(WH.length)}`)
      // Same-layer content beats its own whiteout (a whiteout only hides lower layers).
      if (!(await lstat(target).catch(() => null))) whiteouts.push(target)
    }
  }
  if (!markers.length) return
  const times = new Map<string, { atime: Date; mtime: Date }>()
  for (const m of markers) {
    const d = m.slice(0, Math.max(0, m.lastIndexOf('/')))
    if (!times.has(d)) {
      const st = await lstat(hostPath(root, d))
      times.set(d, { atime: st.atime, mtime: st.mtime })
    }
  }
  for (const m of markers) await unlink(hostPath(root, m))
  await makeWhiteouts(whiteouts)
  await markOpaque(opaque)
  for (const [d, t] of times) await utimes(hostPath(root, d), t.atime, t.mtime)
}

/** Removes the unpacked copy of a layer (e.g. to reclaim space). */
export async function forgetLayer(diffID: string, cacheDir = DEFAULT_CACHE_DIR): Promise<void> {
  await rm(join(cacheDir, 'layers', diffID.replace(/^sha256:/, '')), { recursive: true, force: true })
}
