/**
 * The flattener's index of every member of every layer, held as a struct of arrays (issue #17).
 *
 * Kept as one JS object per member with its path string, a million-file image cost ~350 bytes a
 * member (object headers, hidden-class fields, a UTF-16-sized string per path, `Map` slots):
 * 420-560 MB of peak RSS. Here a member is a number (its position in the layers, bottom layer
 * first, each in tar order), its fixed-size fields sit in typed arrays, and its path is a node
 * of a `PathTable`: parent node + basename bytes in a byte arena, found again through an
 * open-addressing hash table keyed on (parent, basename). A path string is joined only when
 * something needs it (a header being written, a message). Fields most members lack (xattrs,
 * device numbers, link names, values that do not fit 32 bits) live in side maps or side
 * arrays keyed by member number. The big columns and the name arena grow by pages, never by
 * copying (see Paged): ~70 bytes a member in all, none of it on the JS heap.
 *
 * Every name here is a binary string (one char per byte, see tar.ts): it is stored as those
 * bytes and read back the same, so names that are not UTF-8 keep their identity.
 */
import { randomBytes } from 'node:crypto'
import type { EntryType, TarEntry } from './tar.js'

type Column = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array

/** `a`, or a copy at least `need` long (doubling, so n appends copy O(n) in all): for the arrays kept whole. */
function ensure<T extends Column>(a: T, need: number): T {
  if (need <= a.length) return a
  let n = Math.max(a.length * 2, 16)
  while (n < need) n *= 2
  const b = new (a.constructor as new (n: number) => T)(n)
  b.set(a)
  return b
}

/**
 * A growable column of numbers in pages of 64K elements. Appending never copies: a typed array
 * doubled as it fills leaves each old copy resident until V8 frees it, which at a million
 * members was ~20 MB at the peak. Reads cost one more index.
 */
class Paged<T extends Column> {
  private static readonly SHIFT = 16
  private static readonly MASK = (1 << Paged.SHIFT) - 1
  pages: T[] = []
  constructor(private readonly make: (n: number) => T) {}
  get byteLength(): number {
    return this.pages.reduce((n, p) => n + p.byteLength, 0)
  }
  get(i: number): number {
    return this.pages[i >>> Paged.SHIFT][i & Paged.MASK]
  }
  set(i: number, v: number): void {
    const p = i >>> Paged.SHIFT
    while (p >= this.pages.length) this.pages.push(this.make(1 << Paged.SHIFT))
    this.pages[p][i & Paged.MASK] = v
  }
}

/** The same for a byte arena (link names). Not zero-filled: only bytes written are read. */
function ensureBytes(b: Buffer, need: number): Buffer {
  if (need <= b.length) return b
  let n = b.length * 2
  while (n < need) n *= 2
  const c = Buffer.allocUnsafeSlow(n)
  b.copy(c)
  return c
}

/** Writes the bytes of binary string `s`[from, to) at `at` (each char is one byte, < 256). */
function putBinary(buf: Buffer, at: number, s: string, from: number, to: number): void {
  for (let i = from; i < to; i++) buf[at + i - from] = s.charCodeAt(i)
}

/**
 * The hash's starting value, drawn per process. The names come from layers Kiln did not make:
 * with a fixed one, a layer could be built of names that all land on one probe chain, and
 * indexing it would take quadratic time (V8's own string hashing, which the `Map`s this
 * replaces used, is seeded per process for the same reason).
 */
const SEED = randomBytes(4).readUInt32LE(0)

/** FNV-1a over (parent, name) from a per-process seed, then a final mix so linear probing sees well-spread low bits. */
export function hashName(parent: number, s: string, from = 0, to = s.length): number {
  let h = Math.imul(0x811c9dc5 ^ SEED ^ parent, 0x01000193)
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return mix(h)
}

function hashBytes(parent: number, b: Buffer, from: number, to: number): number {
  let h = Math.imul(0x811c9dc5 ^ SEED ^ parent, 0x01000193)
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i], 0x01000193)
  return mix(h)
}

function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0
}

/**
 * Names in pages that are never copied nor freed. In one Buffer doubled as it fills, each
 * doubling leaves the old copy resident until V8 gets round to freeing it: with a million
 * names, ~30 MB of garbage at the peak, as much as the names themselves. A name is its length
 * (one byte, or 0xff and four) and its bytes, in one page; its address is page × PAGE + offset.
 */
class NameArena {
  private static readonly PAGE = 1 << 20
  private readonly pages: Buffer[] = [Buffer.allocUnsafeSlow(1 << 16)]
  private used = 0
  /** Where locate() found a name: bytes[start, end) (fields, not a returned object: it runs per probe). */
  bytes: Buffer = this.pages[0]
  start = 0
  end = 0

  get byteLength(): number {
    return this.pages.reduce((n, p) => n + p.length, 0)
  }

  /** Appends the binary string s[from, to); returns its address. */
  add(s: string, from: number, to: number): number {
    const len = to - from
    const head = len < 0xff ? 1 : 5
    let page = this.pages[this.pages.length - 1]
    if (this.used + head + len > page.length) {
      // A name longer than a page gets a page of its own, filled by it.
      page = Buffer.allocUnsafeSlow(Math.max(NameArena.PAGE, head + len))
      this.pages.push(page)
      this.used = 0
    }
    const at = (this.pages.length - 1) * NameArena.PAGE + this.used
    if (at > 0xffffffff) throw new Error('more than 4 GiB of file names in the layers')
    if (head === 1) page[this.used] = len
    else {
      page[this.used] = 0xff
      page.writeUInt32LE(len, this.used + 1)
    }
    putBinary(page, this.used + head, s, from, to)
    this.used = page.length > NameArena.PAGE ? page.length : this.used + head + len
    return at
  }

  /** Sets bytes/start/end to the name at `at`. */
  locate(at: number): void {
    const page = this.pages[at >>> 20]
    const i = at & (NameArena.PAGE - 1)
    const len = page[i]
    this.bytes = page
    this.start = i + (len < 0xff ? 1 : 5)
    this.end = this.start + (len < 0xff ? len : page.readUInt32LE(i + 1))
  }
}

/**
 * Interned paths: node 0 is the root (''); every other node is a (parent node, basename) pair.
 * A path's ancestors get nodes too, so walking up a path (the planner does, for every member)
 * is following `parent`, with no string made.
 */
export class PathTable {
  private readonly parents = new Paged((n) => new Int32Array(n))
  /** Node n's basename is the arena's name at starts[n]. */
  private readonly starts = new Paged((n) => new Uint32Array(n))
  private readonly names = new NameArena()
  /**
   * Open addressing, linear probing; a slot holds node + 1 (0: empty). Kept at most 70% full.
   * Null once released (see release()): made again from the arena by the next lookup.
   */
  private table: Int32Array | null = new Int32Array(1 << 11)
  private nodes = 1
  /** The last directory a path was interned under, and its node: members come grouped by directory. */
  private lastDir = ''
  private lastDirNode = 0
  /** The last parent whose path was joined (pathOf), for the same reason. */
  private lastJoined = -1
  private lastJoinedPath = ''

  constructor() {
    this.parents.set(0, -1)
    this.starts.set(0, this.names.add('', 0, 0))
  }

  get count(): number {
    return this.nodes
  }

  /** Bytes of the arrays behind the table (capacity included: they double as they grow). */
  get byteLength(): number {
    return (
      this.parents.byteLength + this.starts.byteLength + this.names.byteLength + (this.table?.byteLength ?? 0)
    )
  }

  parentOf(node: number): number {
    return this.parents.get(node)
  }

  /** The node of `name` (a binary string's [from, to)) under `parent`, created when `create`; -1 when absent. */
  child(parent: number, name: string, from = 0, to = name.length, create = false): number {
    const h = hashName(parent, name, from, to)
    const slots = this.slots
    const mask = slots.length - 1
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const n = slots[i] - 1
      if (n < 0) {
        if (!create) return -1
        return this.add(parent, name, from, to, i)
      }
      if (this.parents.get(n) === parent && this.nameIs(n, name, from, to)) return n
    }
  }

  private nameIs(n: number, s: string, from: number, to: number): boolean {
    const names = this.names
    names.locate(this.starts.get(n))
    const { bytes, start: a } = names
    if (names.end - a !== to - from) return false
    for (let i = from; i < to; i++) if (bytes[a + i - from] !== s.charCodeAt(i)) return false
    return true
  }

  private add(parent: number, s: string, from: number, to: number, slot: number): number {
    const n = this.nodes++
    this.starts.set(n, this.names.add(s, from, to))
    this.parents.set(n, parent)
    const slots = this.slots
    slots[slot] = n + 1
    if (this.nodes * 10 > slots.length * 7) this.table = this.rehash(slots.length * 2)
    return n
  }

  private get slots(): Int32Array {
    if (this.table) return this.table
    let size = 1 << 11
    while (this.nodes * 10 > size * 7) size *= 2
    return (this.table = this.rehash(size))
  }

  /**
   * Lets the hash table go: planning and the pass walk nodes by number, and only a lookup by
   * name needs it (`kiln flatten` makes none after planning). At a million paths it is 8 MB,
   * more than the pass's own buffers; the next lookup makes it again (~0.1 s).
   */
  release(): void {
    this.table = null
  }

  private rehash(size: number): Int32Array {
    const slots = new Int32Array(size)
    const mask = slots.length - 1
    for (let n = 1; n < this.nodes; n++) {
      this.names.locate(this.starts.get(n))
      let i = hashBytes(this.parents.get(n), this.names.bytes, this.names.start, this.names.end) & mask
      while (slots[i]) i = (i + 1) & mask
      slots[i] = n + 1
    }
    return slots
  }

  /** Walks a normalised path (no empty components) component by component from the root. */
  private walk(path: string, create: boolean): number {
    if (path === '') return 0
    let node = 0
    let from = 0
    const cut = path.lastIndexOf('/')
    // Most paths share the directory of the one before: start from it.
    if (cut > 0 && cut === this.lastDir.length && path.startsWith(this.lastDir)) {
      node = this.lastDirNode
      from = cut + 1
    }
    for (;;) {
      const slash = path.indexOf('/', from)
      const to = slash < 0 ? path.length : slash
      const next = this.child(node, path, from, to, create)
      if (next < 0) return -1
      if (slash < 0) return next
      node = next
      from = slash + 1
      if (slash === cut) {
        this.lastDir = path.slice(0, cut)
        this.lastDirNode = node
      }
    }
  }

  /** The node of a normalised path (tar.ts normalizePath), made with its ancestors when new. */
  intern(path: string): number {
    return this.walk(path, true)
  }

  /** The node of a normalised path, or -1 when no path of the index is or lies below it. */
  lookup(path: string): number {
    return this.walk(path, false)
  }

  /** A node's basename, as a binary string. */
  nameOf(node: number): string {
    this.names.locate(this.starts.get(node))
    return this.names.bytes.toString('latin1', this.names.start, this.names.end)
  }

  /** A node's full path ('' for the root), joined now: nothing keeps it. */
  pathOf(node: number): string {
    if (node === 0) return ''
    const parent = this.parents.get(node)
    if (parent === 0) return this.nameOf(node)
    if (parent !== this.lastJoined) {
      this.lastJoinedPath = this.pathOf(parent)
      this.lastJoined = parent
    }
    return `${this.lastJoinedPath}/${this.nameOf(node)}`
  }

  /** Whether `node` lies strictly below `dir`. */
  isBelow(node: number, dir: number): boolean {
    for (let a = this.parents.get(node); a >= 0; a = this.parents.get(a)) if (a === dir) return true
    return false
  }
}

/** Unsigned 32-bit values in a typed array; anything else (rare: 64-bit sizes, NaN from a bad PAX record) in a map. */
class U32Column {
  private static readonly WIDE = 0xffffffff
  private readonly a = new Paged((n) => new Uint32Array(n))
  private readonly wide = new Map<number, number>()
  get byteLength(): number {
    return this.a.byteLength
  }
  get(i: number): number {
    const v = this.a.get(i)
    return v === U32Column.WIDE ? this.wide.get(i)! : v
  }
  set(i: number, v: number): void {
    if (v >>> 0 === v && v !== U32Column.WIDE) this.a.set(i, v)
    else {
      this.a.set(i, U32Column.WIDE)
      this.wide.set(i, v)
    }
  }
}

/**
 * (uid, gid) pairs, each kept once: an image has a handful (root, a few services), so a member
 * holds a 16-bit owner number instead of two 32-bit ids. Past 65 535 distinct pairs (never
 * seen; possible in a hostile layer) the column widens to 32 bits.
 */
class Owners {
  private ids = new Paged<Uint16Array | Uint32Array>((n) => new Uint16Array(n))
  private readonly pairs: number[] = []
  private readonly known = new Map<string, number>()
  get byteLength(): number {
    return this.ids.byteLength
  }
  get(i: number): [number, number] {
    const k = this.ids.get(i) * 2
    return [this.pairs[k], this.pairs[k + 1]]
  }
  /** The last pair set and its number: members come in runs of one owner. */
  private last = [NaN, NaN, -1]
  set(i: number, uid: number, gid: number): void {
    const [lu, lg, lk] = this.last
    let k = uid === lu && gid === lg ? lk : this.known.get(`${uid}:${gid}`)
    if (k === undefined) {
      k = this.pairs.length / 2
      this.pairs.push(uid, gid)
      this.known.set(`${uid}:${gid}`, k)
      if (k === 0x10000) {
        const wide = new Paged<Uint16Array | Uint32Array>((n) => new Uint32Array(n))
        wide.pages = this.ids.pages.map((p) => Uint32Array.from(p))
        this.ids = wide
      }
    }
    this.last = [uid, gid, k]
    this.ids.set(i, k)
  }
}

export const ENTRY_TYPES: readonly EntryType[] = ['file', 'link', 'symlink', 'char', 'block', 'dir', 'fifo']
const TYPE_CODE = Object.fromEntries(ENTRY_TYPES.map((t, i) => [t, i])) as Record<EntryType, number>
/** Set in a member's type byte when a later member of the same path in its layer replaces it. */
const REPLACED = 0x80

/** A member's fields as indexLayer reads them (the path is given apart, as a node). */
export type MemberFields = Omit<TarEntry, 'path'>

/**
 * Every member of every layer, numbered from 0 in the order added: layer by layer, bottom
 * first, each in tar order. So a member's number orders it as the output does (layer, then
 * position), and "a higher layer" is "a higher number" (see layerStart).
 */
export class MemberIndex {
  readonly paths = new PathTable()
  private n = 0
  private readonly nodes = new Paged((n) => new Int32Array(n))
  private readonly types = new Paged((n) => new Uint8Array(n))
  private readonly modes = new Paged((n) => new Uint16Array(n))
  private readonly owners = new Owners()
  private readonly sizes = new U32Column()
  private readonly mtimes = new U32Column()
  /**
   * Where a member's data starts, in 512-byte blocks from the start of its layer's tar (a tar
   * member's data always starts on a block): 32 bits reach 2 TiB, where 64 would take 4 more
   * bytes a member. Anything else goes to the column's map, so no value is ever cut.
   */
  private readonly blocks = new U32Column()
  /** Byte offset of each layer's tar in its file (0 for what follows the layers). */
  private readonly bases: number[] = []
  /**
   * Link names, kept for the members that have one (symlinks, hardlinks: a minority) only:
   * the k-th such member is linkOwners[k] (increasing, as members are added in order) and its
   * name is links[linkStarts[k], linkStarts[k + 1]).
   */
  private linkOwners = new Int32Array(256)
  private linkStarts = new Int32Array(257)
  private linkCount = 0
  private links: Buffer = Buffer.alloc(1 << 12)
  private readonly xattrs = new Map<number, Record<string, Buffer>>()
  private readonly devices = new Map<number, [number, number]>()
  /** First member of each layer. */
  private readonly starts: number[] = []
  /** Where the layers' members end once indexing is over (-1 before): a synthetic root may follow. */
  private sealedAt = -1
  /** While indexing: per node, 1 + the member it last got (0: none); handed to the planner by seal. */
  private latest: Int32Array | null = new Int32Array(1024)

  get count(): number {
    return this.n
  }

  /** Bytes of the typed arrays and arenas behind the index, its path table included (capacity included). */
  get byteLength(): number {
    const arrays: Array<{ byteLength: number }> = [this.nodes, this.types, this.modes]
    arrays.push(this.linkOwners, this.linkStarts, this.latest ?? { byteLength: 0 })
    const columns = [this.owners, this.sizes, this.mtimes, this.blocks]
    return (
      this.paths.byteLength +
      this.links.length +
      arrays.reduce((n, a) => n + a.byteLength, 0) +
      columns.reduce((n, c) => n + c.byteLength, 0)
    )
  }

  get layerCount(): number {
    return this.starts.length
  }

  /** Starts the next layer's members; its tar starts at byte `base` of its file. */
  beginLayer(base = 0): void {
    this.starts.push(this.n)
    this.bases.push(base)
  }

  private baseOf(m: number): number {
    const l = this.layerOf(m)
    return l < 0 ? 0 : this.bases[l]
  }

  private get layersEnd(): number {
    return this.sealedAt < 0 ? this.n : this.sealedAt
  }

  /** First member of `layer` (the member count for the layer past the last). */
  layerStart(layer: number): number {
    return layer < this.starts.length ? this.starts[layer] : this.layersEnd
  }

  /** The layer a member came from; -1 for one added after the layers (ensureRoot's root). */
  layerOf(m: number): number {
    if (m >= this.layersEnd) return -1
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= m) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** Its position in its layer's tar (-1 for the synthetic root). */
  seqOf(m: number): number {
    const l = this.layerOf(m)
    return l < 0 ? -1 : m - this.starts[l]
  }

  /** The member of the current layer most recently added at `node`, or -1. */
  inLayer(node: number): number {
    const latest = this.latest!
    const m = node < latest.length ? latest[node] - 1 : -1
    return m >= this.starts[this.starts.length - 1] ? m : -1
  }

  /** Appends a member of the current layer; returns its number. */
  add(node: number, f: MemberFields): number {
    const m = this.n++
    this.nodes.set(m, node)
    this.types.set(m, TYPE_CODE[f.type])
    this.modes.set(m, f.mode)
    this.owners.set(m, f.uid, f.gid)
    this.sizes.set(m, f.size)
    this.mtimes.set(m, f.mtime)
    this.blocks.set(m, (f.dataOffset - this.baseOf(m)) / 512)
    if (f.linkname) {
      const k = this.linkCount++
      this.linkOwners = ensure(this.linkOwners, this.linkCount)
      this.linkStarts = ensure(this.linkStarts, this.linkCount + 1)
      this.linkOwners[k] = m
      const at = this.linkStarts[k]
      this.links = ensureBytes(this.links, at + f.linkname.length)
      putBinary(this.links, at, f.linkname, 0, f.linkname.length)
      this.linkStarts[k + 1] = at + f.linkname.length
    }
    if (f.xattrs) this.xattrs.set(m, f.xattrs)
    if (f.devmajor || f.devminor) this.devices.set(m, [f.devmajor, f.devminor])
    if (this.latest) {
      this.latest = ensure(this.latest, node + 1)
      this.latest[node] = m + 1
    }
    return m
  }

  /**
   * Indexing is over. Returns the per-node array only indexing needed, filled with -1 and at
   * least as long as the node count, for the planner's own per-node map: one such array alive, not two.
   */
  seal(): Int32Array {
    const scratch = ensure(this.latest ?? new Int32Array(0), this.paths.count)
    this.latest = null
    this.sealedAt = this.n
    return scratch.fill(-1)
  }

  /** Marks a member as replaced by a later one of the same path in its layer (extraction keeps the last). */
  replace(m: number): void {
    this.types.set(m, this.types.get(m) | REPLACED)
  }

  replaced(m: number): boolean {
    return (this.types.get(m) & REPLACED) !== 0
  }

  node(m: number): number {
    return this.nodes.get(m)
  }

  type(m: number): EntryType {
    return ENTRY_TYPES[this.types.get(m) & ~REPLACED]
  }

  isDir(m: number): boolean {
    return (this.types.get(m) & ~REPLACED) === TYPE_CODE.dir
  }

  size(m: number): number {
    return this.sizes.get(m)
  }

  dataOffset(m: number): number {
    return this.baseOf(m) + this.blocks.get(m) * 512
  }

  linkname(m: number): string {
    let lo = 0
    let hi = this.linkCount - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const o = this.linkOwners[mid]
      if (o === m) return this.links.toString('latin1', this.linkStarts[mid], this.linkStarts[mid + 1])
      if (o < m) lo = mid + 1
      else hi = mid - 1
    }
    return ''
  }

  /** The member as a TarEntry-shaped object, made now for one use (a header, a reader). */
  fields(m: number): MemberFields {
    const dev = this.devices.get(m)
    const [uid, gid] = this.owners.get(m)
    return {
      type: this.type(m),
      mode: this.modes.get(m),
      uid,
      gid,
      size: this.sizes.get(m),
      mtime: this.mtimes.get(m),
      linkname: this.linkname(m),
      devmajor: dev ? dev[0] : 0,
      devminor: dev ? dev[1] : 0,
      xattrs: this.xattrs.get(m),
      dataOffset: this.dataOffset(m)
    }
  }
}
