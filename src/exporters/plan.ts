/**
 * Deciding what the flattened image holds, from the layers' header indexes alone (no
 * data read). Walks the layers top first, keeping per path the member a higher layer
 * already shows (`visible`), the paths it whited out (`deleted`), and the paths whose whole
 * subtree it hides (`subtree`: whiteouts and opaque directories; a visible non-directory
 * hides its subtree too). Hardlinks whose target a higher layer masks become regular files
 * holding the original content (read later by offset), and later links to the same target
 * link to that first copy; so a link never dangles nor points at new content.
 *
 * Members and paths are numbers of a MemberIndex (member-index.ts), not objects: an image of
 * a million files must plan in ~100 bytes a file (issue #17). Readers get PlannedEntry and
 * IndexedEntry objects made for one use, and key on their `id`.
 */
import type { LayerSource } from './inputs.js'
import { FileReader } from './file-reader.js'
import { VerifyingSource } from './verify.js'
import type { MemberIndex } from './member-index.js'
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

/**
 * A member of a layer, as a reader sees it: made on demand from the index (member-index.ts)
 * for one use, never kept by the plan. `id` is the member's number: compare and key on it.
 */
export interface IndexedEntry extends TarEntry {
  id: number
  layer: number
  seq: number
}

export interface LayerIndex {
  source: LayerSource
  /** Paths deleted by `.wh.NAME` members. */
  whiteouts: string[]
  /** Directories marked opaque by `.wh..wh..opq`. */
  opaques: string[]
}

/**
 * One member of the output, as a reader sees it (made on demand, like IndexedEntry). Its
 * identity is `id`, the number of its source member: two views of one entry are different
 * objects with the same id.
 */
export interface PlannedEntry {
  id: number
  /** Metadata source. */
  src: IndexedEntry
  path: string
  /** copy: as in the layer; link: a hardlink to `linkTo`; materialize: a regular file with `data`'s content. */
  kind: 'copy' | 'link' | 'materialize'
  linkTo?: string
  data?: IndexedEntry
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
 * Hardlink resolution, kept beside the index (few members are hardlinks): the regular file a
 * link names, resolved inside its own layer, or (when its own layer has no such path) the
 * node of the normalised target path, looked for in lower layers by planFlatten.
 */
export class LinkTargets {
  readonly target = new Map<number, number>()
  readonly lower = new Map<number, number>()
}

/**
 * Reads a layer's headers (skipping data) into the index; a layer whose digest is known is
 * checked against it in the same pass (verify.ts), before anything is written. Layers are
 * indexed bottom first, `layer` counting from 0.
 */
export async function indexLayer(
  index: MemberIndex,
  links: LinkTargets,
  source: LayerSource,
  layer: number
): Promise<LayerIndex> {
  const reader = await FileReader.open(source.path)
  const verifier = source.expected
    ? new VerifyingSource(reader, source.offset, source.length, source.expected)
    : null
  const idx: LayerIndex = { source, whiteouts: [], opaques: [] }
  const paths = index.paths
  index.beginLayer(source.offset)
  let failure: unknown = null
  try {
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
      const node = paths.intern(path)
      let target = -1
      let lower = -1
      if (raw.type === 'link') {
        const t = normalizePath(linkname)
        if (t === null || t === '') {
          throw new FlattenError(
            `${where(source, layer)}: hardlink "${printable(raw.rawPath)}" → "${printable(linkname)}" points outside the root`
          )
        }
        linkname = t
        // What this layer has at the target path so far (a link there stands for its own target).
        const tn = paths.lookup(t)
        const m = tn < 0 ? -1 : index.inLayer(tn)
        const mIsLink = m >= 0 && index.type(m) === 'link'
        target = m < 0 ? -1 : mIsLink ? (links.target.get(m) ?? -1) : m
        lower = m < 0 ? paths.intern(t) : mIsLink && target < 0 ? links.lower.get(m)! : -1
        if (target >= 0 && index.type(target) !== 'file') {
          throw new FlattenError(
            `${where(source, layer)}: hardlink "${printable(path)}" names "${printable(linkname)}", which is a ${index.type(target)}`
          )
        }
      }
      // A later member of the same path replaces an earlier one (as extraction would): only the
      // last is kept. An earlier member a hardlink names stays reachable through that link's target.
      const before = index.inLayer(node)
      if (before >= 0) index.replace(before)
      const id = index.add(node, {
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
        dataOffset: raw.dataOffset
      })
      if (target >= 0) links.target.set(id, target)
      if (lower >= 0) links.lower.set(id, lower)
    }
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

/**
 * The flattened view: which member each path shows (`visible`, by path node), the output
 * order, and the few members that are written other than as they are (hardlinks). Members
 * are numbers of `index`; readers get objects for one use through entries(), get() and
 * resolveInImage().
 */
export class FlattenPlan {
  /** A moved directory's lower member → the directory (the inverse of movedTo). */
  private readonly movedFrom = new Map<number, number>()

  constructor(
    readonly index: MemberIndex,
    readonly layers: LayerIndex[],
    /** Path node → the member the image shows there, or -1. */
    private readonly visibleAt: Int32Array,
    /**
     * Directories kept from a higher layer → the member of the lowest layer that has them: the
     * directory comes out there, so parents precede children (see entries()).
     */
    private readonly movedTo: Map<number, number>,
    /** Planned hardlinks: member → node of the path they link to. */
    private readonly linkTo: Map<number, number>,
    /** Planned materialised copies: member → the member whose content they carry. */
    private readonly dataOf: Map<number, number>,
    /** Members dropped because they sit below a non-directory (hostile or broken input). */
    readonly dropped: string[],
    private count: number
  ) {
    for (const [v, m] of movedTo) this.movedFrom.set(m, v)
  }

  /** Number of output members. */
  get size(): number {
    return this.count
  }

  /**
   * The output members in output order, one view at a time: the root first, then bottom
   * layer first, each in its tar order. A member's number is that order (layer, then place in
   * the tar), so the order is walked, not stored: the members' own order, with each moved
   * directory at its lower member's place.
   */
  *entries(): Generator<PlannedEntry> {
    const { index } = this
    const root = this.visibleAt[0]
    if (root >= 0) yield this.entry(root)
    const end = index.layerStart(index.layerCount)
    for (let m = 0; m < end; m++) {
      const moved = this.movedFrom.get(m)
      // A moved directory comes out at its lower member's place, not at its own.
      if (moved === undefined && this.movedTo.has(m)) continue
      const v = moved ?? m
      // Visible still: not replaced, hidden, shown by another layer's member, nor dropped.
      if (v !== root && this.visibleAt[index.node(v)] === v) yield this.entry(v)
    }
  }

  /** The member the image shows at a normalised path. */
  get(path: string): PlannedEntry | undefined {
    const m = this.visibleMember(path)
    return m < 0 ? undefined : this.entry(m)
  }

  has(path: string): boolean {
    return this.visibleMember(path) >= 0
  }

  private visibleMember(path: string): number {
    const node = this.index.paths.lookup(path)
    return node < 0 || node >= this.visibleAt.length ? -1 : this.visibleAt[node]
  }

  /** The member shown at a path node, or -1. */
  visibleAtNode(node: number): number {
    return node < this.visibleAt.length ? this.visibleAt[node] : -1
  }

  /**
   * Every visible member (below `dir` only, when given: strictly below that normalised path), in
   * the order the planner found them: top layer first, each in tar order (the synthetic root last).
   */
  *visible(dir?: string): Generator<PlannedEntry> {
    const { index } = this
    const under = dir === undefined ? -1 : index.paths.lookup(dir)
    if (dir !== undefined && under < 0) return
    for (const m of planningOrder(index)) {
      const node = index.node(m)
      if (this.visibleAt[node] !== m) continue
      if (under >= 0 && !index.paths.isBelow(node, under)) continue
      yield this.entry(m)
    }
    const root = this.visibleAt[0]
    if (root >= 0 && index.layerOf(root) < 0 && dir === undefined) yield this.entry(root)
  }

  /** A member as a TarEntry (with its layer and number), made now. */
  member(m: number, path = this.index.paths.pathOf(this.index.node(m))): IndexedEntry {
    const { index } = this
    return { path, ...index.fields(m), id: m, layer: index.layerOf(m), seq: index.seqOf(m) }
  }

  /** A planned member as its view, made now. */
  entry(m: number): PlannedEntry {
    const path = this.index.paths.pathOf(this.index.node(m))
    const p: PlannedEntry = { id: m, src: this.member(m, path), path, kind: 'copy' }
    const link = this.linkTo.get(m)
    if (link !== undefined) Object.assign(p, { kind: 'link', linkTo: this.index.paths.pathOf(link) })
    const data = this.dataOf.get(m)
    if (data !== undefined) Object.assign(p, { kind: 'materialize', data: this.member(data) })
    return p
  }

  /** The member whose data a planned regular file (or hardlink) carries, or -1. */
  contentMember(m: number): number {
    const data = this.dataOf.get(m)
    if (data !== undefined) return data
    const link = this.linkTo.get(m)
    if (link !== undefined) {
      const t = this.visibleAtNode(link)
      return t >= 0 ? this.contentMember(t) : -1
    }
    return this.index.type(m) === 'file' ? m : -1
  }

  /**
   * The member a layer leaves at a path (the last of that path in its tar), or undefined;
   * a layer's own view, before any layer above it applies.
   */
  memberInLayer(layer: number, path: string): IndexedEntry | undefined {
    const { index } = this
    const node = index.paths.lookup(path)
    if (node < 0) return undefined
    for (let m = index.layerStart(layer + 1) - 1; m >= index.layerStart(layer); m--)
      if (index.node(m) === node && !index.replaced(m)) return this.member(m)
    return undefined
  }

  /** Adds a root directory (0755 root:root) first in the output, for an image whose layers have none. */
  addRoot(mtime: number): void {
    if (this.visibleAt[0] >= 0) return
    const m = this.index.add(0, {
      type: 'dir',
      mode: 0o755,
      uid: 0,
      gid: 0,
      size: 0,
      mtime,
      linkname: '',
      devmajor: 0,
      devminor: 0,
      dataOffset: 0
    })
    this.visibleAt[0] = m
    this.count++
  }
}

/** Members of the layers top layer first, each in tar order, replaced ones left out: how the planner visits them. */
function* planningOrder(index: MemberIndex): Generator<number> {
  for (let i = index.layerCount - 1; i >= 0; i--)
    for (let m = index.layerStart(i); m < index.layerStart(i + 1); m++) if (!index.replaced(m)) yield m
}

/** The flattened view of the indexed layers (bottom first). */
export function planFlatten(index: MemberIndex, links: LinkTargets, layers: LayerIndex[]): FlattenPlan {
  const { paths } = index
  // Per path node, the member shown there; a path a higher layer has is found here (each path
  // occurs once per layer, see indexLayer, so a hit always comes from a higher layer).
  const visible = index.seal()
  // A directory kept from a higher layer comes out where it first appears (the lowest layer
  // having it), so parents precede children: its output position, when not its own.
  const movedTo = new Map<number, number>()
  // Whiteouts (deleted), and whiteouts plus opaque directories (subtree hidden): few, by node.
  const deleted = new Set<number>()
  const subtree = new Set<number>()
  const linkTo = new Map<number, number>()
  const dataOf = new Map<number, number>()
  // A hardlink target materialised already → the node of the path that got its copy.
  const materialized = new Map<number, number>()
  const lowerLinks: number[] = []
  const L = layers.length
  /**
   * Whether a node lies below something a layer above `layer` hides the subtree of: a
   * whiteout or opaque directory, or a visible non-directory.
   */
  const hiddenAbove = (node: number, layer: number): boolean => {
    const above = index.layerStart(layer + 1)
    for (let a = paths.parentOf(node); a >= 0; a = paths.parentOf(a)) {
      if (subtree.has(a)) return true
      const v = visible[a]
      if (v >= above && !index.isDir(v)) return true
    }
    return false
  }
  for (let i = L - 1; i >= 0; i--) {
    for (let m = index.layerStart(i); m < index.layerStart(i + 1); m++) {
      if (index.replaced(m)) continue
      const node = index.node(m)
      // The top layer has nothing above it: no walk up its paths (often most of the members).
      if (i < L - 1 && (deleted.has(node) || hiddenAbove(node, i))) continue
      const v = visible[node]
      if (v >= 0) {
        if (index.isDir(v) && index.isDir(m)) movedTo.set(v, m)
        continue
      }
      if (index.type(m) === 'link') {
        const t = links.target.get(m)
        if (t === undefined) lowerLinks.push(m)
        else if (visible[index.node(t)] === t) linkTo.set(m, index.node(t))
        else if (materialized.has(t)) linkTo.set(m, materialized.get(t)!)
        else {
          dataOf.set(m, t)
          materialized.set(t, node)
        }
      }
      visible[node] = m
    }
    for (const w of layers[i].whiteouts) {
      const node = paths.lookup(w)
      if (node >= 0) deleted.add(node)
      if (node >= 0) subtree.add(node)
    }
    for (const o of layers[i].opaques) {
      const node = paths.lookup(o)
      if (node >= 0) subtree.add(node)
    }
  }
  // Links to a file of a lower layer (legal when extracting onto a filesystem): link when that
  // file survives, else copy its content.
  // The members at the paths such links name, found in one pass over the members (in layer
  // order; one per layer and path): scanning the layers below once per link took quadratic
  // time on a layer of many links, and layers are content from outside.
  const named = new Map<number, number[]>()
  for (const m of lowerLinks) named.set(links.lower.get(m)!, [])
  if (named.size)
    for (let k = 0; k < index.layerStart(L); k++) if (!index.replaced(k)) named.get(index.node(k))?.push(k)
  for (const m of lowerLinks) {
    const layer = index.layerOf(m)
    const name = links.lower.get(m)!
    let t = -1
    // The nearest layer below that has the path; a link there stands for its own target.
    const at = named.get(name)!
    for (let c = at.length - 1; c >= 0 && t < 0; c--) {
      if (index.layerOf(at[c]) >= layer) continue
      t = at[c]
      if (index.type(t) === 'link') t = links.target.get(t) ?? -1
    }
    if (t < 0 || index.type(t) !== 'file') {
      throw new FlattenError(
        `${where(layers[layer].source, layer)}: hardlink "${printable(paths.pathOf(index.node(m)))}" names "${printable(paths.pathOf(name))}", which no layer holds`
      )
    }
    if (visible[index.node(t)] === t) linkTo.set(m, index.node(t))
    else dataOf.set(m, t)
  }
  // Nothing may sit below a symlink or file: extracting it would write through the link.
  // Visited in the order they became visible; one dropped is gone for those after it.
  const dropped: string[] = []
  for (const m of planningOrder(index)) {
    const node = index.node(m)
    if (visible[node] !== m) continue
    for (let a = paths.parentOf(node); a >= 0; a = paths.parentOf(a)) {
      const v = visible[a]
      if (v >= 0 && !index.isDir(v)) {
        dropped.push(paths.pathOf(node))
        visible[node] = -1
        break
      }
    }
  }
  let count = 0
  for (let node = 0; node < paths.count; node++) if (visible[node] >= 0) count++
  // Planning found everything by node number; lookups by name are few from here on.
  paths.release()
  return new FlattenPlan(index, layers, visible, movedTo, linkTo, dataOf, dropped, count)
}

/** The entry whose data a planned regular file (or hardlink) carries. */
export function contentOf(plan: FlattenPlan, p: PlannedEntry): IndexedEntry | undefined {
  const m = plan.contentMember(p.id)
  return m < 0 ? undefined : m === p.id ? p.src : plan.member(m)
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
  const paths = plan.index.paths
  const parts = (normalizePath(path) ?? '').split('/').filter(Boolean)
  let cur = ''
  let node = 0
  for (let k = 0; k < parts.length; k++) {
    const next = cur ? `${cur}/${parts[k]}` : parts[k]
    node = paths.child(node, parts[k])
    const v = node < 0 ? -1 : plan.visibleAtNode(node)
    if (v < 0) return null
    if (plan.index.type(v) === 'symlink') {
      const target = plan.index.linkname(v)
      const joined = target.startsWith('/') ? target : `${cur}/${target}`
      const rest = parts.slice(k + 1).join('/')
      return resolveInImage(plan, chrootNormalize(rest ? `${joined}/${rest}` : joined), hops + 1)
    }
    cur = next
  }
  const m = plan.visibleAtNode(node)
  return m >= 0 ? { path: cur, entry: plan.entry(m) } : null
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
