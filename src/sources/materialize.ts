/**
 * Base sources into the store: whatever an image starts from (nothing, a docker image, a
 * tarball, a directory, a squashfs, an mmdebstrap bootstrap) becomes a stored image that
 * builders read like any other. Every tar that comes in is checked entry by entry
 * (safe-tar.ts) and streamed into a single uncompressed layer; nothing is unpacked unless
 * the source needs it (squashfs without sqfs2tar).
 *
 * Finding an already stored base by its key is the caller's business (store.findByKey):
 * this module always produces.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { imageExists, pullImage, saveFromDocker } from '../engine/docker.js'
import type { BaseSource } from '../model/types.js'
import type { LayerRef, OciImageConfig, Store, StoredImage } from '../store/types.js'
import { BuildError, errorMessage } from '../util/errors.js'
import { ExecError } from '../util/exec.js'
import type { Reporter } from '../util/log.js'
import { startBootstrap } from './bootstrap.js'
import { decompressStream } from './compression.js'
import { tarDirectory } from './dir.js'
import { storeCheckedLayer } from './layer.js'
import { isTarRefusal } from './safe-tar.js'
import { squashfsToTar } from './squashfs.js'

export interface MaterializeOptions {
  /** Project root: relative tar/dir/squashfs paths resolve against it. */
  root: string
  /** The catalog image this base is for: named in errors and the default ref. */
  image: string
  /** The base's input key (computed by the plan), annotated on the stored image. */
  key: string
  /** Ref name of the stored base; default `<image>.base`. */
  name?: string
  /** Scratch space for this build (squashfs without sqfs2tar unpacks here). */
  workDir: string
  reporter: Reporter
  /** Catalog architecture (x86_64, aarch64, ...); default x86_64. */
  arch?: string
}

/** The PATH docker gives a container whose image sets none; a base from a tarball sets it explicitly. */
const DEFAULT_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']

export function baseRefName(image: string): string {
  return `${image}.base`
}

/** Produces `source` as an image in the store and returns it. Failures are BuildErrors naming the image and the source. */
export async function materializeBase(
  store: Store,
  source: BaseSource,
  opts: MaterializeOptions
): Promise<StoredImage> {
  const arch = opts.arch ?? 'x86_64'
  const step = `base ${describeSource(source)}`
  const put = (layers: LayerRef[], config: Omit<OciImageConfig, 'rootfs'>): Promise<StoredImage> =>
    store.putImage({
      layers,
      config,
      name: opts.name ?? baseRefName(opts.image),
      key: opts.key,
      annotations: { 'dev.kiln.base': describeSource(source) }
    })
  const plainConfig: Omit<OciImageConfig, 'rootfs'> = {
    architecture: arch,
    os: 'linux',
    config: { Env: DEFAULT_ENV }
  }
  try {
    switch (source.kind) {
      case 'scratch':
        return await put([], { architecture: arch, os: 'linux' })
      case 'image':
      case 'stored': {
        const found = await store.getImage(source.name)
        if (!found) throw new Error(`image ${source.name} is not in the store ${store.root} (build it first)`)
        return found
      }
      case 'docker': {
        if (!(await imageExists(source.ref))) {
          opts.reporter.info(`${source.ref} is not in the docker engine; pulling it`)
          await pullImage(source.ref, opts.reporter)
        }
        const saved = await saveFromDocker(store, source.ref, opts.reporter)
        const { rootfs: _rootfs, ...config } = saved.config
        return await put(saved.layers, config)
      }
      case 'tar': {
        const path = sourcePath(opts.root, source.path)
        await mustBe(path, 'file')
        const tar = decompressStream(createReadStream(path), path, opts.reporter)
        const layer = await storeCheckedLayer(store, tar, path)
        return await put([layer], plainConfig)
      }
      case 'dir': {
        const path = sourcePath(opts.root, source.path)
        await mustBe(path, 'directory')
        const proc = tarDirectory(path, opts.reporter)
        const layer = await storeCheckedLayer(store, proc.stdout, path, proc)
        return await put([layer], plainConfig)
      }
      case 'squashfs': {
        const path = sourcePath(opts.root, source.path)
        await mustBe(path, 'file')
        const conv = await squashfsToTar(path, opts.workDir, opts.reporter)
        try {
          const layer = await storeCheckedLayer(store, conv.proc.stdout, path, conv.proc)
          return await put([layer], plainConfig)
        } finally {
          await conv.cleanup()
        }
      }
      case 'bootstrap': {
        const b = source.bootstrap
        const proc = await startBootstrap(b, arch, opts.reporter, opts.workDir)
        const layer = await storeCheckedLayer(store, proc.stdout, `mmdebstrap ${b.suite}`, proc)
        return await put([layer], { ...plainConfig, architecture: b.arch ?? arch })
      }
    }
  } catch (e) {
    if (e instanceof BuildError) throw e
    const tail = e instanceof ExecError ? e.tail : (e as { tail?: unknown }).tail
    const lines = Array.isArray(tail) ? tail.map(String) : []
    throw new BuildError(opts.image, step, errorMessage(e), lines, isTarRefusal(e))
  }
}

/** A short human name of a source for logs, errors and the stored base's annotation. */
export function describeSource(source: BaseSource): string {
  switch (source.kind) {
    case 'scratch':
      return 'scratch'
    case 'image':
      return `image ${source.name}`
    case 'stored':
      return `store image ${source.name}`
    case 'docker':
      return `docker ${source.ref}`
    case 'tar':
      return `tar ${source.path}`
    case 'dir':
      return `dir ${source.path}`
    case 'squashfs':
      return `squashfs ${source.path}`
    case 'bootstrap': {
      const b = source.bootstrap
      return `bootstrap ${b.suite}${b.variant ? `/${b.variant}` : ''}${b.snapshot ? `@${b.snapshot}` : ''}`
    }
  }
}

function sourcePath(root: string, p: string): string {
  return isAbsolute(p) ? p : resolve(root, p)
}

async function mustBe(path: string, kind: 'file' | 'directory'): Promise<void> {
  const st = await stat(path).catch(() => null)
  if (!st) throw new Error(`${path} does not exist`)
  if (kind === 'file' ? !st.isFile() : !st.isDirectory()) throw new Error(`${path} is not a ${kind}`)
}
