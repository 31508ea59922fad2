/**
 * The bridge between the store and the Docker engine, both ways, streamed:
 *
 * - `loadIntoDocker` writes a docker-archive (the legacy form every engine since 1.10 loads:
 *   manifest.json, <config>.json, <layer>/layer.tar) straight into `docker load`'s stdin.
 *   The config blob goes in byte for byte, so the engine's image id is the store's config
 *   digest.
 * - `saveFromDocker` reads `docker save` from its stdout and takes both forms the engine may
 *   write: the legacy one (docker < 25) and the OCI image layout one (docker 25+, which also
 *   carries a manifest.json pointing into blobs/). Entry order is not fixed (layers may come
 *   before manifest.json), so every layer-like entry is streamed into the store as it comes
 *   and the manifest is resolved at the end. A layer the store already has (one of the image's
 *   diffIDs, asked of the engine first) costs neither a hash nor a write: see `reuseOrStore`.
 *   Each layer is checked on the way in as any archive from outside is (sources/safe-tar.ts):
 *   a pulled image holds what its author put there.
 */
import {
  bytesDigest,
  digestHex,
  findCorruptBlob,
  isDigest,
  mismatch,
  verifiedReadStream
} from '../util/digest.js'
import { once } from 'node:events'
import { open, readFile, stat } from 'node:fs/promises'
import { posix } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tarStream from 'tar-stream'
import { decompressStream } from '../sources/compression.js'
import { storeCheckedLayer } from '../sources/layer.js'
import {
  MEDIA_LAYER,
  type Descriptor,
  type LayerRef,
  type OciImageConfig,
  type Store,
  type StoredImage
} from '../store/types.js'
import { errorMessage } from '../util/errors.js'
import { run, tryRun } from '../util/exec.js'
import { IoError, displayPath, findIoError } from '../util/io-error.js'
import { spawnStream } from '../util/exec-stream.js'
import type { Reporter } from '../util/log.js'
import { SilentReporter } from '../util/log.js'

/** Entries up to this size are buffered (configs, manifests, small layers); larger ones are streamed. */
const SMALL_ENTRY = 8 * 1024 * 1024

export async function dockerServerVersion(reporter?: Reporter): Promise<string> {
  const r = await run('docker', ['version', '--format', '{{.Server.Version}}'], { reporter })
  return r.stdout.trim()
}

/**
 * Whether the engine has an image by this reference (name:tag, id or digest). Every reference
 * goes after `--`: one from a catalog or a Dockerfile is never read as an option.
 */
export async function imageExists(ref: string, reporter?: Reporter): Promise<boolean> {
  return (
    (await tryRun('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', ref], { reporter })) !== null
  )
}

export async function pullImage(ref: string, reporter: Reporter): Promise<void> {
  try {
    await run('docker', ['pull', '--', ref], { reporter, onLine: (l) => reporter.debug(`docker pull: ${l}`) })
  } catch (e) {
    const err = e as Error & { tail?: string[] }
    const out = new Error(
      `docker image ${ref} is not in the engine and could not be pulled: ${err.message}`,
      { cause: e }
    )
    Object.assign(out, { tail: err.tail ?? [] })
    throw out
  }
}

/** Removes an engine image by reference; a missing image is not an error. */
export async function removeDockerImage(ref: string, reporter?: Reporter): Promise<void> {
  await tryRun('docker', ['image', 'rm', '--force', '--', ref], { reporter })
}

/**
 * Removes every container (running or not) that carries `label` (`key=value`); returns how
 * many. For tools that start containers Kiln does not name itself (Packer's docker builder).
 */
export async function removeLabelledContainers(label: string, reporter?: Reporter): Promise<number> {
  const r = await tryRun('docker', ['ps', '--all', '--quiet', '--no-trunc', '--filter', `label=${label}`], {
    reporter
  })
  const ids = (r?.stdout ?? '').split('\n').filter(Boolean)
  if (ids.length) await tryRun('docker', ['rm', '--force', '--volumes', ...ids], { reporter })
  return ids.length
}

/** The hex of a digest, checked first: digests here come from an archive's own manifests. */
const hex = (d: string, where = 'docker archive: digest'): string => digestHex(d, where)

/**
 * Loads a stored image into the engine under `tag` (name:tag), streaming a docker-archive into
 * `docker load`; nothing is written to disk on kiln's side.
 */
export async function loadIntoDocker(
  store: Store,
  image: StoredImage,
  tag: string,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<void> {
  const pack = tarStream.pack()
  const proc = spawnStream('docker', ['load'], { stdin: pack as unknown as Readable, reporter, signal })
  const configDigest = image.manifest.config.digest
  const configName = `${hex(configDigest)}.json`
  const layerNames = image.layers.map((l) => `${hex(l.digest)}/layer.tar`)
  const writing = (async () => {
    const mtime = new Date(0)
    const config = await readFile(store.blobPath(configDigest))
    const bad = mismatch(configDigest, store.blobPath(configDigest), bytesDigest(config), config.length)
    if (bad) throw bad
    await addEntry(pack, { name: configName, size: config.length, mtime, mode: 0o644 }, config)
    const written = new Set<string>()
    for (const [i, l] of image.layers.entries()) {
      if (written.has(layerNames[i])) continue
      written.add(layerNames[i])
      await addEntry(pack, { name: `${hex(l.digest)}/`, type: 'directory', mtime, mode: 0o755 })
      await addEntry(
        pack,
        { name: layerNames[i], size: l.size, mtime, mode: 0o644 },
        // Hashed on the way in: a damaged blob fails the load (and is named) at its end.
        verifiedReadStream(store.blobPath(l.digest), l.digest, l.size)
      )
    }
    const manifest = Buffer.from(
      JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: layerNames }])
    )
    await addEntry(pack, { name: 'manifest.json', size: manifest.length, mtime, mode: 0o644 }, manifest)
    pack.finalize()
  })()
  try {
    await Promise.all([writing, proc.done])
  } catch (e) {
    pack.destroy()
    proc.kill()
    const toolError = await proc.done.then(
      () => null,
      (x: unknown) => x as Error
    )
    // A blob that failed its digest is the cause, whatever docker said about its cut-off input.
    const cause =
      findCorruptBlob(e) ?? (toolError && !/killed by/.test(toolError.message) ? toolError : (e as Error))
    const out = new Error(
      `docker load of ${image.refs[0] ?? image.manifestDigest} as ${tag}: ${cause.message}`,
      { cause }
    )
    Object.assign(out, { tail: (cause as { tail?: string[] }).tail ?? [] })
    throw out
  }
}

/** Adds one entry to a tar-stream pack, from a buffer or a stream, respecting back-pressure. */
async function addEntry(
  pack: tarStream.Pack,
  header: Partial<tarStream.Header> & { name: string },
  body?: Buffer | Readable
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    if (!body || Buffer.isBuffer(body)) {
      pack.entry(header, body ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve()))
      return
    }
    const entry = pack.entry(header, (err) => (err ? reject(err) : resolve()))
    pipeline(body, entry as unknown as NodeJS.WritableStream).catch(reject)
  })
}

export interface SavedImage {
  /** Bottom first, as stored (uncompressed: digest == diffID). */
  layers: LayerRef[]
  config: OciImageConfig
  /** diffIDs of the layers taken from the store, the archive's copy neither hashed nor written. */
  reused: string[]
}

interface LegacyManifest {
  Config: string
  RepoTags?: string[] | null
  Layers: string[]
}

/**
 * The layers of engine image `ref` that the store already has, by the diffIDs the engine
 * reports: what an import may take from the store instead of the archive. Empty when the
 * engine cannot say (the import then stores every layer, as before).
 */
export async function storedLayersOf(store: Store, ref: string, reporter?: Reporter): Promise<LayerRef[]> {
  const r = await tryRun('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', '--', ref], {
    reporter
  })
  let ids: unknown
  try {
    ids = JSON.parse(r?.stdout ?? 'null')
  } catch {
    return []
  }
  if (!Array.isArray(ids)) return []
  const out: LayerRef[] = []
  for (const d of ids) {
    if (!isDigest(d)) continue
    // Leased first: a gc that runs before the image is tagged then keeps what is reused.
    store.leaseBlob(d)
    const path = store.blobPath(d)
    const st = await stat(path).catch(() => null)
    if (st?.isFile()) out.push({ digest: d, diffID: d, size: st.size, mediaType: MEDIA_LAYER, path })
  }
  return out
}

/**
 * Takes an engine image into the store: `docker save REF` streamed, its layers stored
 * (decompressed when the archive holds compressed ones), its config returned. Layers the
 * store already has are neither hashed nor written (importDockerArchive's `known`).
 */
export async function saveFromDocker(
  store: Store,
  ref: string,
  reporter: Reporter = new SilentReporter(),
  signal?: AbortSignal
): Promise<SavedImage> {
  const known = await storedLayersOf(store, ref, reporter)
  const proc = spawnStream('docker', ['save', '--', ref], { reporter, signal })
  const importing = importDockerArchive(store, proc.stdout, {
    what: `docker save ${ref}`,
    ref,
    reporter,
    known
  })
  // A store that cannot take more stops the tool rather than leaving it blocked on its pipe.
  importing.catch(() => proc.kill())
  // Both sides settle before a failure is described: which one fails first is a race.
  const [imported, tool] = await Promise.allSettled([importing, proc.done])
  if (imported.status === 'fulfilled' && tool.status === 'fulfilled') return imported.value
  const importError = imported.status === 'rejected' ? (imported.reason as Error) : null
  const toolError = tool.status === 'rejected' ? (tool.reason as Error) : null
  // The store's own disk failing (full) is the cause: docker save then only sees its pipe
  // closed ("connection reset by peer"), as it does after any failure on the store's side.
  // Otherwise the engine's own message ("No such image: …") says more than the truncated
  // archive it left.
  const storeFault = findIoError(importError)
    ? new IoError(importError, `store ${displayPath(store.root)}`)
    : null
  const toolOwnFault = toolError && !/killed by/.test(toolError.message) && !pipeClosed(toolError)
  const cause = storeFault ?? (toolOwnFault ? toolError : (importError ?? toolError!))
  const out = new Error(`docker save ${ref}: ${cause.message.replace(/^docker save \S+: /, '')}`, { cause })
  Object.assign(out, { tail: storeFault ? [] : ((cause as { tail?: string[] }).tail ?? []) })
  throw out
}

/** Whether a tool failed because the reader of its output went away (our side failed first). */
function pipeClosed(e: Error): boolean {
  const text = [e.message, ...((e as { tail?: string[] }).tail ?? [])].join('\n')
  return /connection reset by peer|broken pipe/i.test(text)
}

/**
 * Stores the image in a docker-archive or OCI-archive tar stream (what `docker save`,
 * `skopeo copy … docker-archive:` or `oci-archive:` write) and returns its layers and config.
 * `ref` picks the image when the archive holds several (legacy manifest.json RepoTags).
 * `known` lists store layers the archive may hold (see reuseOrStore).
 */
export async function importDockerArchive(
  store: Store,
  input: Readable,
  opts: { what: string; ref?: string; reporter?: Reporter; known?: LayerRef[] }
): Promise<SavedImage> {
  const what = opts.what
  const extract = tarStream.extract()
  const small = new Map<string, Buffer>()
  const layers = new Map<string, LayerRef>()
  const links = new Map<string, string>()
  // Layers of an engine image are archives from outside too (a pulled image holds what its
  // author put there): each is checked as it is stored, as a base tarball is.
  const storeLayer = (data: Readable): Promise<LayerRef> =>
    storeCheckedLayer(store, decompressStream(data, `${what}: ${name}`, opts.reporter), `${what}: ${name}`)
  const reused: string[] = []
  const known = opts.known ?? []
  /**
   * A big layer-like entry: taken from the store when the store has it, else stored. The store's
   * copy is the content-addressed truth (checked when it was written, and on every read by the
   * exporters), so the archive's copy of a layer the store has needs no hash and no check:
   * - named by its digest (OCI form: blobs/sha256/HEX) and that blob is in the store: drained;
   * - named by a v1 id (legacy form: ID/layer.tar) and the size of a stored layer of the image:
   *   compared byte for byte with that layer as it streams (a read from the store's file, no
   *   hash, no write). The first byte that differs turns it into a new layer: what matched is
   *   read back from the store's file and, with the rest of the entry, stored and checked as
   *   any layer. Either way the image config's diff_ids are checked against what the layers are.
   */
  const reuseOrStore = async (entry: Readable, size: number): Promise<LayerRef> => {
    const named = name.startsWith('blobs/sha256/') ? `sha256:${name.slice('blobs/sha256/'.length)}` : null
    const byName = named ? known.find((k) => k.digest === named && k.size === size) : undefined
    if (byName) {
      entry.resume()
      await once(entry, 'end')
      reused.push(byName.diffID)
      return byName
    }
    const candidate = name.endsWith('/layer.tar') ? known.find((k) => k.size === size) : undefined
    if (!candidate) return storeLayer(entry)
    const r = await compareWithFile(entry, candidate.path)
    if (r.same) {
      reused.push(candidate.diffID)
      return candidate
    }
    return storeLayer(r.rest)
  }
  let name = ''
  const feeding = pipeline(input, extract as unknown as NodeJS.WritableStream)
  // An early failure of the feed is also reported by the loop below; keep it from being unhandled meanwhile.
  feeding.catch(() => {})
  for await (const entry of extract) {
    entry.on('error', () => {})
    name = posix.normalize(entry.header.name).replace(/^\.\//, '').replace(/\/$/, '')
    const type = entry.header.type ?? 'file'
    if (type === 'symlink' || type === 'link') {
      const target = entry.header.linkname ?? ''
      links.set(
        name,
        type === 'symlink'
          ? posix.normalize(posix.join(posix.dirname(name), target))
          : posix.normalize(target)
      )
      entry.resume()
      continue
    }
    if (type !== 'file' && type !== 'contiguous-file') {
      entry.resume()
      continue
    }
    const layerLike = name.endsWith('/layer.tar') || name.startsWith('blobs/')
    const size = entry.header.size ?? 0
    if (size <= SMALL_ENTRY) {
      const buf = await readAll(entry as AsyncIterable<Buffer>)
      if (layerLike && !looksLikeJson(buf)) layers.set(name, await storeLayer(Readable.from([buf])))
      else small.set(name, buf)
    } else if (layerLike) {
      layers.set(name, await reuseOrStore(entry as unknown as Readable, size))
    } else {
      entry.resume()
    }
  }
  await feeding
  const resolveName = (n: string): string => {
    let cur = posix.normalize(n).replace(/^\.\//, '')
    for (let i = 0; i < 16 && links.has(cur); i++) cur = links.get(cur)!
    return cur
  }
  const json = <T>(n: string, label: string): T => {
    const buf = small.get(resolveName(String(n)))
    if (!buf) throw new Error(`${what}: the archive has no ${label} (${n})`)
    try {
      return JSON.parse(buf.toString('utf8')) as T
    } catch (e) {
      throw new Error(`${what}: ${label} is not valid JSON (${errorMessage(e).replace(/\s+/g, ' ')})`)
    }
  }
  let configName: string
  let layerNames: string[]
  if (small.has('manifest.json')) {
    const all = json<LegacyManifest[]>('manifest.json', 'manifest.json')
    if (!Array.isArray(all)) throw new Error(`${what}: manifest.json is not a list of images`)
    const m = (opts.ref ? all.find((x) => x?.RepoTags?.includes(opts.ref!)) : undefined) ?? all[0]
    if (!m) throw new Error(`${what}: manifest.json lists no image`)
    if (!Array.isArray(m.Layers) || m.Layers.some((l) => typeof l !== 'string'))
      throw new Error(`${what}: manifest.json: Layers must be a list of file names`)
    configName = m.Config
    layerNames = m.Layers
  } else if (small.has('index.json')) {
    // Every descriptor is the archive's word: one without a digest string is refused by name.
    const blob = (d: Descriptor | undefined, label: string): string => {
      if (typeof d?.digest !== 'string') throw new Error(`${what}: ${label} has no digest`)
      return `blobs/sha256/${hex(d.digest, `${what}: ${label}: digest`)}`
    }
    const list = (v: unknown, label: string): Descriptor[] => {
      if (v === undefined) return []
      if (!Array.isArray(v)) throw new Error(`${what}: ${label} is not a list`)
      return v as Descriptor[]
    }
    let desc: Descriptor | undefined = list(
      json<{ manifests?: unknown }>('index.json', 'index.json')?.manifests,
      'index.json: manifests'
    )[0]
    // Follow nested indexes (docker 25+ puts one image index per tag) down to an image manifest.
    for (let depth = 0; desc && depth < 4; depth++) {
      const doc = json<{ manifests?: unknown; config?: Descriptor }>(
        blob(desc, 'a manifest of index.json'),
        `blob ${desc.digest}`
      )
      if (doc?.config) break
      desc = pickPlatform(list(doc?.manifests, `blob ${desc.digest}: manifests`))
    }
    if (!desc) throw new Error(`${what}: index.json names no manifest`)
    const manifest = json<{ config?: Descriptor; layers?: unknown }>(
      blob(desc, 'the image manifest'),
      `manifest ${desc.digest}`
    )
    configName = blob(manifest?.config, `manifest ${desc.digest}: config`)
    layerNames = list(manifest?.layers, `manifest ${desc.digest}: layers`).map((l, i) =>
      blob(l, `manifest ${desc.digest}: layer ${i + 1}`)
    )
  } else {
    throw new Error(`${what}: the archive has neither manifest.json nor index.json`)
  }
  const config = json<OciImageConfig>(configName, 'image config')
  const out = layerNames.map((n, i) => {
    const l = layers.get(resolveName(n))
    if (!l) throw new Error(`${what}: layer ${i + 1} (${n}) is missing from the archive`)
    return l
  })
  const diffIDs = config.rootfs?.diff_ids ?? []
  if (diffIDs.length !== out.length || out.some((l, i) => l.diffID !== diffIDs[i])) {
    throw new Error(
      `${what}: the layers do not match the image config's diff_ids (got ${out.map((l) => l.diffID.slice(7, 19)).join(', ')}; config says ${diffIDs.map((d) => d.slice(7, 19)).join(', ')})`
    )
  }
  for (const d of reused)
    opts.reporter?.debug(`${what}: layer ${d} is in the store already: not hashed nor written`)
  return { layers: out, config, reused: reused.filter((d) => out.some((l) => l.diffID === d)) }
}

/**
 * Whether `entry` holds the bytes of the file at `path` (of the same size), compared as it
 * streams. When it does not, `rest` streams the whole entry: the part that matched, read back
 * from the file, then the rest of the entry.
 */
async function compareWithFile(
  entry: Readable,
  path: string
): Promise<{ same: true } | { same: false; rest: Readable }> {
  const fh = await open(path, 'r')
  const it = entry[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const mine = Buffer.allocUnsafe(1 << 20)
  let pos = 0
  let differing: Buffer | null = null
  try {
    for (let r = await it.next(); !r.done; r = await it.next()) {
      const chunk = r.value
      for (let off = 0; off < chunk.length && !differing;) {
        const n = Math.min(mine.length, chunk.length - off)
        const { bytesRead } = await fh.read(mine, 0, n, pos + off)
        if (bytesRead !== n || mine.compare(chunk, off, off + n, 0, n) !== 0) differing = chunk
        off += n
      }
      if (differing) break
      pos += chunk.length
    }
  } catch (e) {
    await fh.close()
    throw e
  }
  if (!differing) {
    await fh.close()
    return { same: true }
  }
  const first = differing
  const matched = pos
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      for (let at = 0; at < matched;) {
        const buf = Buffer.allocUnsafe(Math.min(1 << 20, matched - at))
        const { bytesRead } = await fh.read(buf, 0, buf.length, at)
        if (bytesRead === 0) throw new Error(`${path}: changed while it was read`)
        yield buf.subarray(0, bytesRead)
        at += bytesRead
      }
    } finally {
      await fh.close()
    }
    yield first
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value
  }
  return { same: false, rest: Readable.from(replay()) }
}

function pickPlatform(ms: Descriptor[]): Descriptor | undefined {
  // Attestation manifests (unknown/unknown) are not images.
  return (
    ms.find((m) => m.platform?.os === 'linux') ??
    ms.find((m) => m.platform?.architecture !== 'unknown') ??
    ms[0]
  )
}

function looksLikeJson(buf: Buffer): boolean {
  if (buf.length === 0 || buf[0] !== 0x7b) return false
  try {
    JSON.parse(buf.toString('utf8'))
    return true
  } catch {
    return false
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c)
  return Buffer.concat(chunks)
}
