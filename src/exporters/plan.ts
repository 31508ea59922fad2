/**
 * Deciding what the flattened image holds, from the layers' header indexes alone (no
 * data read). Walks the layers top first with three path sets: paths a higher layer
 * already has (`exact`), paths it whited out (`deleted`), and paths whose whole subtree
 * it hides (`subtree`: whiteouts, opaque directories, and non-directories that replace a
 * directory). Hardlinks whose target a higher layer masks become regular files holding
 * the original content (read later by offset), and later links to the same target link
 * to that first copy; so a link never dangles nor points at new content.
 */
import type { LayerSource } from './inputs.js'
import { FileReader } from './file-reader.js'
import { VerifyingSource } from './verify.js'
import {
  baseOf,
  normalizePath,
  parentOf,
  printable,
  readHeaders,
  type EntryType,
  type TarEntry
} from './tar.js'

export class FlattenError extends Error {}

export interface IndexedEntry extends TarEntry {
  layer: number
  seq: number
  /** For a hardlink: the regular file it names, resolved inside its own layer. */
  target?: IndexedEntry
  /** For a hardlink whose target is not in its own layer: the normalised target path. */
  lowerTarget?: string
}

export interface LayerIndex {
  source: LayerSource
  entries: IndexedEntry[]
  /** Paths deleted by `.wh.NAME` members. */
  whiteouts: string[]
  /** Directories marked opaque by `.wh..wh..opq`. */
  opaques: string[]
}

/** One member of the output, in output order. */
export interface PlannedEntry {
  /** Metadata source. */
  src: IndexedEntry
  path: string
  /** copy: as in the layer; link: a hardlink to `linkTo`; materialize: a regular file with `data`'s content. */
  kind: 'copy' | 'link' | 'materialize'
  linkTo?: string
  data?: IndexedEntry
  /** Output position: layer × 2^32 + member number in the layer (a number, not a pair: one per file). */
  order: number
}

export interface FlattenPlan {
  layers: LayerIndex[]
  /** Output order: the root first, then bottom layer first, each in its tar order. */
  entries: PlannedEntry[]
  /** Final view: path → entry. */
  visible: Map<string, PlannedEntry>
  /** Members dropped because they sit below a non-directory (hostile or broken input). */
  dropped: string[]
}

const KIND_NOUN: Record<EntryType, string> = {
  file: 'a regular file',
  link: 'a hardlink',
  symlink: 'a symlink',
  char: 'a character device',
  block: 'a block device',
  dir: 'a directory',
  fifo: 'a fifo'
}

const where = (s: LayerSource, i: number): string => `layer ${i} (${s.path}${s.offset ? `@${s.offset}` : ''})`

/**
 * Reads a layer's headers (skipping data) into an index; a layer whose digest is known is
 * checked against it in the same pass (verify.ts), before anything is written.
 */
export async function indexLayer(source: LayerSource, layer: number): Promise<LayerIndex> {
  const reader = await FileReader.open(source.path)
  const verifier = source.expected
    ? new VerifyingSource(reader, source.offset, source.length, source.expected)
    : null
  const idx: LayerIndex = { source, entries: [], whiteouts: [], opaques: [] }
  const byPath = new Map<string, IndexedEntry>()
  let failure: unknown = null
  let duplicates = false
  try {
    let seq = 0
    for await (const raw of readHeaders(
      verifier ?? reader,
      source.offset,
      source.length,
      where(source, layer)
    )) {
      const path = normalizePath(raw.rawPath)
      if (path === null)
        throw new FlattenError(
          `${where(source, layer)}: member "${printable(raw.rawPath)}" points outside the root`
        )
      // The root is a directory, whatever a layer says: a provisioner extracts the rootfs
      // over its target directory, and a root member that is a symlink or a file would
      // replace or redirect that directory (and the planner would hide every other member
      // below it). Refused rather than dropped: such a layer is broken or hostile, and an
      // image that silently differs from its layers is worse than one that does not export.
      if (path === '' && raw.type !== 'dir') {
        const to = raw.type === 'symlink' ? ` to "${printable(raw.rawLinkname)}"` : ''
        throw new FlattenError(
          `${where(source, layer)}: the root member "${printable(raw.rawPath)}" is ${KIND_NOUN[raw.type]}${to}; the root must be a directory`
        )
      }
      const base = baseOf(path)
      if (base.startsWith('.wh.')) {
        if (base === '.wh..wh..opq') idx.opaques.push(parentOf(path))
        else if (!base.startsWith('.wh..wh.')) {
          const dir = parentOf(path)
          idx.whiteouts.push(dir ? `${dir}/${base.slice(4)}` : base.slice(4))
        }
        // Other .wh..wh.* names are aufs bookkeeping: neither content nor a deletion.
        continue
      }
      let linkname = raw.rawLinkname
      if (raw.type === 'link') {
        const t = normalizePath(linkname)
        if (t === null || t === '') {
          throw new FlattenError(
            `${where(source, layer)}: hardlink "${printable(raw.rawPath)}" → "${printable(linkname)}" points outside the root`
          )
        }
        linkname = t
      }
      // Every field spelled out, in one order: all entries then share one hidden class. Built
      // by spreading the raw member instead, each entry got shapes of its own (~500 bytes per
      // file, most of the index's memory on an image with 100k files). A hardlink's two fields
      // are added to hardlinks only (always both, in one order: one more class): 16 bytes on
      // every other member otherwise.
      const e: IndexedEntry = {
        path,
        type: raw.type,
        mode: raw.mode,
        uid: raw.uid,
        gid: raw.gid,
        size: raw.size,
        mtime: raw.mtime,
        linkname,
        devmajor: raw.devmajor,
        devminor: raw.devminor,
        xattrs: raw.xattrs,
        dataOffset: raw.dataOffset,
        layer,
        seq: seq++
      }
      if (e.type === 'link') {
        const t = byPath.get(linkname)
        e.target = t ? (t.type === 'link' ? t.target : t) : undefined
        e.lowerTarget = !t ? linkname : t.type === 'link' && !t.target ? t.lowerTarget : undefined
        if (e.target && e.target.type !== 'file') {
          throw new FlattenError(
            `${where(source, layer)}: hardlink "${printable(path)}" names "${printable(linkname)}", which is a ${e.target.type}`
          )
        }
      }
      if (byPath.has(path)) duplicates = true
      byPath.set(path, e)
      idx.entries.push(e)
    }
    // A later member of the same path replaces an earlier one (as extraction would): only the
    // last is kept, so the planner needs no per-layer path map of its own. An earlier member
    // a hardlink names stays reachable through that link's `target`.
    if (duplicates) idx.entries = idx.entries.filter((e) => byPath.get(e.path) === e)
  } catch (e) {
    failure = e
  }
  try {
    // A damaged layer is reported as such, not as the tar error the damage caused.
    await verifier?.finish()
  } finally {
    await reader.close()
  }
  if (failure) throw failure
  return idx
}

const orderOf = (layer: number, seq: number): number => layer * 2 ** 32 + seq

/**
 * Whether a path lies below something a higher layer (above `layer`) hides the subtree of:
 * a whiteout or opaque directory (`subtree`, few), or a visible non-directory. The latter is
 * looked up in `visible` rather than kept in a set of its own: on an image of a million files
 * that set held every file's path a second time.
 */
function hiddenAbove(
  path: string,
  layer: number,
  subtree: Set<string>,
  visible: Map<string, PlannedEntry>
): boolean {
  if (path === '') return false
  let a = path
  do {
    a = parentOf(a)
    if (subtree.has(a)) return true
    const v = visible.get(a)
    if (v && v.src.type !== 'dir' && v.src.layer > layer) return true
  } while (a !== '')
  return false
}

/** The flattened view of indexed layers (bottom first). */
export function planFlatten(layers: LayerIndex[]): FlattenPlan {
  // Memory: one PlannedEntry and one `visible` slot per output member, nothing else per member.
  // A path a higher layer has is found in `visible` (each path occurs once per layer, see
  // indexLayer, so a hit there always comes from a higher layer).
  const deleted = new Set<string>()
  const subtree = new Set<string>()
  const visible = new Map<string, PlannedEntry>()
  const materialized = new Map<IndexedEntry, string>()
  const lowerLinks: PlannedEntry[] = []
  for (let i = layers.length - 1; i >= 0; i--) {
    const L = layers[i]
    for (const e of L.entries) {
      // The top layer has nothing above it: no walk up its paths (often most of the members).
      if (i < layers.length - 1 && (deleted.has(e.path) || hiddenAbove(e.path, i, subtree, visible))) continue
      const v = visible.get(e.path)
      if (v) {
        // A directory kept by a higher layer comes out where it first appears, so parents precede children.
        if (v.src.type === 'dir' && e.type === 'dir') v.order = orderOf(i, e.seq)
        continue
      }
      const p: PlannedEntry = {
        src: e,
        path: e.path,
        kind: 'copy',
        // linkTo and data are added to the few that need them (see IndexedEntry's fields).
        order: orderOf(i, e.seq)
      }
      if (e.type === 'link') {
        const t = e.target
        if (!t) lowerLinks.push(p)
        else if (visible.get(t.path)?.src === t) Object.assign(p, { kind: 'link', linkTo: t.path })
        else if (materialized.has(t)) Object.assign(p, { kind: 'link', linkTo: materialized.get(t) })
        else {
          Object.assign(p, { kind: 'materialize', data: t })
          materialized.set(t, e.path)
        }
      }
      visible.set(e.path, p)
    }
    for (const w of L.whiteouts) deleted.add(w)
    for (const w of L.whiteouts) subtree.add(w)
    for (const o of L.opaques) subtree.add(o)
  }
  // Links to a file of a lower layer (legal when extracting onto a filesystem): link when that
  // file survives, else copy its content.
  for (const p of lowerLinks) {
    const name = p.src.lowerTarget!
    let t: IndexedEntry | undefined
    for (let j = p.src.layer - 1; j >= 0 && !t; j--) {
      const es = layers[j].entries
      for (let k = es.length - 1; k >= 0 && !t; k--) if (es[k].path === name) t = es[k]
      if (t?.type === 'link') t = t.target
    }
    if (!t || t.type !== 'file') {
      throw new FlattenError(
        `${where(layers[p.src.layer].source, p.src.layer)}: hardlink "${printable(p.path)}" names "${printable(name)}", which no layer holds`
      )
    }
    if (visible.get(t.path)?.src === t) Object.assign(p, { kind: 'link', linkTo: t.path })
    else Object.assign(p, { kind: 'materialize', data: t })
  }
  // Nothing may sit below a symlink or file: extracting it would write through the link.
  const dropped: string[] = []
  // (Deleting the entry being visited while iterating a Map is safe: no copy of the keys.)
  for (const path of visible.keys()) {
    let a = path
    while (a !== '') {
      a = parentOf(a)
      const v = visible.get(a)
      if (v && v.src.type !== 'dir') {
        dropped.push(path)
        visible.delete(path)
        break
      }
    }
  }
  const entries = [...visible.values()].sort((a, b) => {
    if (a.path === '') return -1
    if (b.path === '') return 1
    return a.order - b.order
  })
  return { layers, entries, visible, dropped }
}

/** The entry whose data a planned regular file (or hardlink) carries. */
export function contentOf(plan: FlattenPlan, p: PlannedEntry): IndexedEntry | undefined {
  if (p.kind === 'materialize') return p.data
  if (p.kind === 'link') {
    const t = plan.visible.get(p.linkTo!)
    return t ? contentOf(plan, t) : undefined
  }
  return p.src.type === 'file' ? p.src : undefined
}

/**
 * Resolves a path inside the image, following symlinks as a chroot would (`..` stops at
 * the root). Returns the final path and its entry, or null when a component is missing.
 */
export function resolveInImage(
  plan: FlattenPlan,
  path: string,
  hops = 0
): { path: string; entry: PlannedEntry } | null {
  if (hops > 40) return null
  const parts = (normalizePath(path) ?? '').split('/').filter(Boolean)
  let cur = ''
  for (let k = 0; k < parts.length; k++) {
    const next = cur ? `${cur}/${parts[k]}` : parts[k]
    const v = plan.visible.get(next)
    if (!v) return null
    if (v.src.type === 'symlink') {
      const target = v.src.linkname
      const joined = target.startsWith('/') ? target : `${cur}/${target}`
      const rest = parts.slice(k + 1).join('/')
      return resolveInImage(plan, chrootNormalize(rest ? `${joined}/${rest}` : joined), hops + 1)
    }
    cur = next
  }
  const entry = plan.visible.get(cur)
  return entry ? { path: cur, entry } : null
}

function chrootNormalize(p: string): string {
  const out: string[] = []
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') out.pop()
    else out.push(part)
  }
  return out.join('/')
}
