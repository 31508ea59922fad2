/**
 * Where an exported image's packages come from: the distribution (/etc/os-release) and, for
 * each package, the image of the build chain that first had it at that version. Both are read
 * from the layers the export pass has already indexed (and checked against their digests), so
 * nothing is unpacked and no ancestor is flattened again.
 *
 * An ancestor's package set is its package database as its own top layer left it. That is
 * known when the ancestor's layers are the bottom layers of this image (images built through
 * Docker, overlay packs and the sandbox keep their base's layers); an ancestor whose layers are
 * not such a prefix (e.g. a Packer build that commits a new image) is left out rather than
 * guessed at, and its packages are attributed to the nearest image that can be read.
 */
import { FileReader } from './file-reader.js'
import {
  APK_INSTALLED,
  DPKG_STATUS,
  parseApkInstalled,
  parseDpkgStatus,
  type Package,
  type PackageList
} from './packages.js'
import { contentOf, resolveInImage, type FlattenPlan } from './plan.js'

/** A package database larger than this is not read for attribution (a hostile layer could hold any size). */
const MAX_DATABASE_BYTES = 64 << 20
const MAX_OS_RELEASE_BYTES = 64 << 10
const MAX_COPYRIGHT_BYTES = 1 << 20

/** An image of the build chain, as the exporter sees it. */
export interface ChainImage {
  name: string
  key?: string
  /** Manifest digest in the store. */
  manifestDigest?: string
  /** Layer digests (diffIDs), bottom first. */
  layers: string[]
}

/** The fields of os-release the SBOM needs. */
export interface OsRelease {
  id?: string
  versionId?: string
  versionCodename?: string
  prettyName?: string
}

async function readEntry(
  plan: FlattenPlan,
  layer: number,
  dataOffset: number,
  size: number
): Promise<Buffer> {
  if (size > MAX_DATABASE_BYTES) throw new Error(`a file of ${size} bytes is too large to read as a database`)
  const reader = await FileReader.open(plan.layers[layer].source.path)
  try {
    return await reader.readFresh(dataOffset, size)
  } finally {
    await reader.close()
  }
}

/** Parses os-release text (KEY=value, values optionally quoted). */
export function parseOsRelease(text: string): OsRelease {
  const fields = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim())
    if (!m) continue
    let v = m[2]
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(.)/g, '$1')
    fields.set(m[1], v)
  }
  return {
    id: fields.get('ID'),
    versionId: fields.get('VERSION_ID'),
    versionCodename: fields.get('VERSION_CODENAME'),
    prettyName: fields.get('PRETTY_NAME')
  }
}

/**
 * The image's /etc/os-release (or /usr/lib/os-release), resolved inside the image (its symlinks
 * never reach the host's); null when absent or not a plausible os-release (too large).
 */
export async function readOsRelease(plan: FlattenPlan): Promise<OsRelease | null> {
  for (const path of ['etc/os-release', 'usr/lib/os-release']) {
    const r = resolveInImage(plan, path)
    if (!r) continue
    const content = contentOf(plan, r.entry)
    if (!content || content.size > MAX_OS_RELEASE_BYTES) continue
    const data = await readEntry(plan, content.layer, content.dataOffset, content.size)
    return parseOsRelease(data.toString('utf8'))
  }
  return null
}

/**
 * The licence a machine-readable Debian copyright file (DEP-5) states for the package as a whole:
 * the License of its `Files: *` paragraph, in Debian's short names (e.g. "GPL-2+"), or undefined
 * when the file is free text or says no single licence.
 */
export function dep5License(text: string): string | undefined {
  if (!/^Format:\s*\S*copyright-format/i.test(text)) return undefined
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (!/^Files:\s*\*\s*$/m.test(paragraph)) continue
    const license = /^License:[ \t]*(\S[^\n]*)$/m.exec(paragraph)?.[1].trim()
    return license && /^[\w.+ ()-]+$/.test(license) ? license : undefined
  }
  return undefined
}

/**
 * dpkg packages with the licence their /usr/share/doc/NAME/copyright states in DEP-5 form (read
 * inside the image; a file larger than a copyright file would be is skipped). Others unchanged.
 */
export async function withDebianLicenses(plan: FlattenPlan, packages: Package[]): Promise<Package[]> {
  const out: Package[] = []
  for (const p of packages) {
    const r = p.license ? null : resolveInImage(plan, `usr/share/doc/${p.name}/copyright`)
    const content = r ? contentOf(plan, r.entry) : undefined
    if (!content || content.size > MAX_COPYRIGHT_BYTES) {
      out.push(p)
      continue
    }
    const license = dep5License(
      (await readEntry(plan, content.layer, content.dataOffset, content.size)).toString('utf8')
    )
    out.push(license ? { ...p, license } : p)
  }
  return out
}

/** name@version:arch: what "the same package" means when comparing images. */
export const packageId = (p: Package): string => `${p.name}@${p.version}${p.arch ? `:${p.arch}` : ''}`

/** Where each database whose per-layer versions can be read lives, and how to read it. */
const LAYER_DATABASES = {
  dpkg: { path: DPKG_STATUS, parse: parseDpkgStatus },
  apk: { path: APK_INSTALLED, parse: parseApkInstalled }
} as const

/**
 * The package set as the top of layers [0, count) leaves it: the highest of those layers that
 * holds (or deletes) the database file decides; empty when none does. Null when it cannot be
 * told (a database too large to be real).
 */
async function packagesAtLayer(
  plan: FlattenPlan,
  count: number,
  db: (typeof LAYER_DATABASES)[keyof typeof LAYER_DATABASES]
): Promise<Set<string> | null> {
  for (let i = count - 1; i >= 0; i--) {
    // The last member of that name is the one the layer leaves.
    const found = plan.memberInLayer(i, db.path)
    const entry = found?.type === 'file' ? found : undefined
    if (!entry) {
      if (plan.layers[i].whiteouts.includes(db.path)) return new Set()
      continue
    }
    if (entry.size > MAX_DATABASE_BYTES) return null
    const data = await readEntry(plan, i, entry.dataOffset, entry.size)
    return new Set(db.parse(data.toString('utf8')).map(packageId))
  }
  return new Set()
}

/**
 * For each package of the image (by packageId): the name of the first image of the chain
 * (farthest ancestor first) whose package set already held it at that version, or `image` when
 * none did. `ancestors` are nearest first, as manifest.json's `base` lists them.
 *
 * A package is left out (its origin unknown) rather than guessed when, walking up the chain,
 * an ancestor whose set cannot be read comes before one that has it: an ancestor whose layers are
 * not the bottom of this image's, a database too large to be real, or an rpm database (read
 * only for the whole image, with the host's rpm).
 */
export async function attributePackages(
  plan: FlattenPlan,
  list: PackageList,
  image: string,
  ancestors: ChainImage[]
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const db = list.format === 'dpkg' || list.format === 'apk' ? LAYER_DATABASES[list.format] : null
  if (!db) return out
  const own = plan.layers.map((l) => l.source.digest)
  // Farthest first; null where the set cannot be read.
  const chain: Array<{ name: string; ids: Set<string> | null }> = []
  for (const a of [...ancestors].reverse()) {
    const isPrefix = a.layers.length <= own.length && a.layers.every((d, i) => d === own[i])
    chain.push({ name: a.name, ids: isPrefix ? await packagesAtLayer(plan, a.layers.length, db) : null })
  }
  for (const p of list.packages) {
    const id = packageId(p)
    let origin: string | undefined = image
    for (const c of chain) {
      if (!c.ids) {
        origin = undefined
        break
      }
      if (c.ids.has(id)) {
        origin = c.name
        break
      }
    }
    if (origin) out.set(id, origin)
  }
  return out
}
