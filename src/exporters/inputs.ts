/**
 * Where the layers of an image come from, reduced to one shape: regions of uncompressed
 * tar on disk, bottom layer first. A layer inside a `docker save` tarball or an OCI
 * archive is just a region of that file (no copy); compressed layers are decompressed
 * once to a temporary file; stdin is spooled first, because a save stream may put
 * manifest.json (the layer order) last.
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { execa } from 'execa'
import type { LayerRef } from '../store/types.js'
import { checkDigest, CorruptBlobError, DigestCheck, InvalidDigestError } from '../util/digest.js'
import { FileReader } from './file-reader.js'
import { binaryName, readHeaders } from './tar.js'
import { tempPrefix } from '../util/lifecycle.js'

/** One layer: `length` bytes of uncompressed tar at `offset` in the file at `path`. */
export interface LayerSource {
  path: string
  offset: number
  length: number
  /** Digest as named by the input (diffID or blob digest), when known. */
  digest?: string
  /**
   * What the region must hash to (and its length), when the input names its content digest:
   * checked in the index pass (verify.ts), before any output is written.
   */
  expected?: { digest: string; size?: number }
}

export interface ResolvedInput {
  /** Bottom layer first. */
  layers: LayerSource[]
  /** Removes temporary files (spooled stdin, decompressed layers). Safe to call twice. */
  cleanup(): Promise<void>
}

export class InputError extends Error {}

interface Member {
  offset: number
  size: number
}

function isLayerRef(x: LayerSource | LayerRef): x is LayerRef {
  return 'diffID' in x
}

/** Temporary directory for one input; removed by cleanup(). */
async function scratch(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(process.env.KILN_TMPDIR ?? tmpdir(), tempPrefix('export')))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * Opens an input: `-` (stdin), a `docker save` tarball (legacy or OCI form), an OCI
 * archive, or an OCI layout directory (optionally `DIR:TAG`).
 */
export async function resolveInput(
  input: string,
  stdin: NodeJS.ReadableStream = process.stdin
): Promise<ResolvedInput> {
  const tmp = await scratch()
  try {
    let path = input
    if (input === '-') {
      path = join(tmp.dir, 'stdin.tar')
      await pipeline(stdin, createWriteStream(path))
    }
    const layers = await resolvePath(path, tmp.dir)
    return { layers, cleanup: tmp.cleanup }
  } catch (e) {
    await tmp.cleanup()
    throw e
  }
}

/** Store layers (or layer sources) to sources, decompressing any that are compressed. */
export async function resolveLayers(layers: Array<LayerSource | LayerRef>): Promise<ResolvedInput> {
  const tmp = await scratch()
  try {
    const out: LayerSource[] = []
    for (const [i, l] of layers.entries()) {
      const src = isLayerRef(l)
        ? {
            path: l.path,
            offset: 0,
            length: l.size,
            digest: l.diffID,
            expected: { digest: l.digest, size: l.size }
          }
        : l
      out.push(await uncompressed(src, tmp.dir, i))
    }
    return { layers: out, cleanup: tmp.cleanup }
  } catch (e) {
    await tmp.cleanup()
    throw e
  }
}

async function resolvePath(input: string, tmpDir: string): Promise<LayerSource[]> {
  let path = input
  let tag: string | undefined
  let st = await stat(path).catch(() => null)
  if (!st && input.includes(':')) {
    path = input.slice(0, input.lastIndexOf(':'))
    tag = input.slice(input.lastIndexOf(':') + 1)
    st = await stat(path).catch(() => null)
  }
  if (!st) throw new InputError(`${input}: no such file or directory`)
  if (st.isDirectory()) return fromLayoutDir(path, tag, tmpDir)
  const reader = await FileReader.open(path)
  try {
    // Keyed by member name as a binary string (tar.ts); the names asked for come from JSON.
    const members = new Map<string, Member>()
    for await (const e of readHeaders(reader, 0, st.size, path)) {
      if (e.type === 'file')
        members.set(e.rawPath.replace(/^\.?\//, ''), { offset: e.dataOffset, size: e.size })
    }
    const readJson = async (name: string, digest?: string): Promise<unknown> => {
      const m = members.get(binaryName(name))
      if (!m) throw new InputError(`${path}: no ${name} in the archive`)
      return parseBlob(await reader.readFresh(m.offset, m.size), `${path}: ${name}`, digest)
    }
    const regionOf = (name: string): LayerSource => {
      const m = members.get(binaryName(name))
      if (!m) throw new InputError(`${path}: layer ${name} named by the manifest is not in the archive`)
      return { path, offset: m.offset, length: m.size }
    }
    let names: string[]
    if (members.has('manifest.json') && !tag) {
      // docker save (both forms): [{Config, RepoTags, Layers: ["<id>/layer.tar" | "blobs/sha256/<hex>"]}]
      const manifest = (await readJson('manifest.json')) as Array<{ Layers?: unknown }>
      if (!Array.isArray(manifest) || !manifest[0]?.Layers)
        throw new InputError(`${path}: manifest.json has no Layers`)
      if (manifest.length > 1)
        throw new InputError(`${path}: holds ${manifest.length} images; save one image at a time`)
      names = stringList(manifest[0].Layers, `${path}: manifest.json: Layers`)
    } else if (members.has('index.json')) {
      names = (await ociLayers(readJson, path, tag)).map((l) => l.path)
    } else {
      throw new InputError(
        `${path}: neither a docker save tarball (manifest.json) nor an OCI archive (index.json)`
      )
    }
    const out: LayerSource[] = []
    for (const [i, n] of names.entries()) {
      const src = regionOf(n)
      const hex = /([0-9a-f]{64})/.exec(n)?.[1]
      // blobs/sha256/<hex> names its content; a legacy <id>/layer.tar id does not.
      const named = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(n.replace(/^\.?\//, ''))?.[1]
      const expected = named ? { digest: `sha256:${named}` } : undefined
      out.push(await uncompressed({ ...src, digest: hex ? `sha256:${hex}` : undefined, expected }, tmpDir, i))
    }
    return out
  } finally {
    await reader.close()
  }
}

interface OciIndexLike {
  mediaType?: string
  manifests?: Array<{
    mediaType?: string
    digest: string
    annotations?: Record<string, string>
    platform?: { os?: string; architecture?: string }
  }>
  layers?: Array<{ digest: string; size?: number }>
}

type OciDescriptor = NonNullable<OciIndexLike['manifests']>[number]

function stringList(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new InputError(`${what} must be a list of file names`)
  return v as string[]
}

/** A list of OCI descriptors, each with a digest string (what the walk below reads). */
function descriptors(v: unknown, what: string): Array<OciDescriptor & { size?: number }> {
  if (!Array.isArray(v) || v.some((d) => typeof (d as { digest?: unknown })?.digest !== 'string'))
    throw new InputError(`${what} must be a list of descriptors, each with a digest`)
  return v as Array<OciDescriptor & { size?: number }>
}

/**
 * The layout path of a blob named by a descriptor read from the input: its digest is checked
 * first (a digest like `sha256:../../etc/shadow` must never become a path).
 */
function blobPath(digest: unknown, where: string): string {
  try {
    return `blobs/sha256/${checkDigest(digest, where).slice('sha256:'.length)}`
  } catch (e) {
    if (e instanceof InvalidDigestError) throw new InputError(e.message)
    throw e
  }
}

/** JSON of a blob (or a member), checked against its digest when the input names one. */
function parseBlob(bytes: Buffer, where: string, digest?: string): unknown {
  if (digest) {
    const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`
    if (actual !== digest) throw new CorruptBlobError(digest, where, `hashes to ${actual}`)
  }
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')
    throw new InputError(`${where} is not valid JSON (${why})`)
  }
}

/** Layers of an OCI image (blob path and digest): index.json → (nested index →) manifest → layers. */
async function ociLayers(
  readJson: (p: string, digest?: string) => Promise<unknown>,
  where: string,
  tag?: string
): Promise<Array<{ path: string; digest: string; size?: number }>> {
  const index = (await readJson('index.json')) as OciIndexLike
  let list = descriptors(index?.manifests ?? [], `${where}: index.json: manifests`)
  if (tag) {
    list = list.filter((m) => {
      const ref = m.annotations?.['org.opencontainers.image.ref.name'] ?? ''
      return ref === tag || ref.endsWith(`:${tag}`)
    })
    if (!list.length) throw new InputError(`${where}: no image tagged ${tag} in index.json`)
  }
  if (list.length !== 1) {
    throw new InputError(`${where}: index.json names ${list.length} images; pick one with ${where}:TAG`)
  }
  let desc = list[0]
  let at = `${where}: index.json: manifests[${index.manifests!.indexOf(desc)}].digest`
  for (let depth = 0; depth < 4; depth++) {
    const path = blobPath(desc.digest, at)
    const doc = (await readJson(path, desc.digest)) as OciIndexLike
    if (doc?.layers) {
      return descriptors(doc.layers, `${where}: ${path}: layers`).map((l, i) => ({
        path: blobPath(l.digest, `${where}: ${path}: layers[${i}].digest`),
        digest: l.digest,
        size: typeof l.size === 'number' ? l.size : undefined
      }))
    }
    const ms = descriptors(doc?.manifests ?? [], `${where}: ${path}: manifests`)
    const pick = ms.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ?? ms[0]
    if (!pick) break
    at = `${where}: ${path}: manifests[${ms.indexOf(pick)}].digest`
    desc = pick
  }
  throw new InputError(`${where}: no image manifest found under ${desc.digest}`)
}

async function fromLayoutDir(dir: string, tag: string | undefined, tmpDir: string): Promise<LayerSource[]> {
  const { readFile } = await import('node:fs/promises')
  const readJson = async (p: string, digest?: string): Promise<unknown> => {
    const bytes = await readFile(join(dir, p)).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`${dir}: cannot read ${p}: ${e.code ?? e.message}`)
    })
    return parseBlob(bytes, join(dir, p), digest)
  }
  const layers = await ociLayers(readJson, dir, tag)
  const out: LayerSource[] = []
  for (const [i, l] of layers.entries()) {
    const path = join(dir, l.path)
    const st = await stat(path).catch(() => null)
    if (!st) throw new InputError(`${dir}: layer blob ${l.path} is missing`)
    const expected = { digest: l.digest, size: l.size }
    out.push(await uncompressed({ path, offset: 0, length: st.size, digest: l.digest, expected }, tmpDir, i))
  }
  return out
}

/** The source itself when it is plain tar; else decompressed once (gzip or zstd) to a temp file. */
async function uncompressed(src: LayerSource, tmpDir: string, i: number): Promise<LayerSource> {
  const reader = await FileReader.open(src.path)
  let magic: Buffer
  try {
    magic = Buffer.from(await reader.read(src.offset, Math.min(4, src.length)))
  } finally {
    await reader.close()
  }
  // A layer may be shorter than a magic number (an empty file): then it is neither.
  const gzip = magic.length >= 2 && magic[0] === 0x1f && magic[1] === 0x8b
  const zstd = magic.length >= 4 && magic.readUInt32LE(0) === 0xfd2fb528
  if (!gzip && !zstd) return src
  const out = join(tmpDir, `layer-${i}.tar`)
  const raw = createReadStream(src.path, {
    start: src.offset,
    end: src.offset + src.length - 1,
    highWaterMark: 1 << 20
  })
  // The compressed blob is what its digest names: checked in this, its one sequential pass.
  const check = new DigestCheck(src.expected?.digest ?? '', src.path, src.expected?.size)
  const input = src.expected ? [raw, check] : [raw]
  if (gzip) {
    await pipeline([...input, createGunzip(), createWriteStream(out)])
  } else {
    const child = execa('zstd', ['-d', '-q', '-c'], { stdin: 'pipe', stdout: { file: out }, stderr: 'pipe' })
    await Promise.all([pipeline([...input, child.stdin!]), child]).catch((e: unknown) => {
      if (e instanceof CorruptBlobError) throw e
      throw new InputError(
        `${src.path}: layer ${i}: zstd -d failed: ${e instanceof Error ? e.message : String(e)}`
      )
    })
  }
  return { path: out, offset: 0, length: (await stat(out)).size, digest: src.digest, expected: undefined }
}
