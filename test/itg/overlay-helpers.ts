// Shared by the sandbox, overlay, genoci and aci integration tests: a store holding the
// minbase fixture as an image, a build context, and tree listings to compare.
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BuildContext, BuildResult } from '../../src/builders/types.js'
import type { Catalog, ImageSpec } from '../../src/model/types.js'
import { openStore } from '../../src/store/index.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import { run } from '../../src/util/exec.js'
import { SilentReporter } from '../../src/util/log.js'
import { ensureBase } from '../fixtures/bases.js'
import { imageSpec } from '../fixtures/image-spec.js'

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(process.env.KILN_TMPDIR ?? tmpdir(), `kiln-test-${prefix}-`))
}

/** A fresh store with the minbase fixture in it as image `minbase`. */
export async function storeWithMinbase(dir: string): Promise<{ store: Store; base: StoredImage }> {
  const store = await openStore(join(dir, 'store'))
  const layer = await store.putLayer(createReadStream(await ensureBase('minbase')))
  const base = await store.putImage({
    layers: [layer],
    config: {
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] }
    },
    name: 'minbase',
    key: 'test-minbase'
  })
  return { store, base }
}

export function spec(name: string, over: Partial<ImageSpec>): ImageSpec {
  return imageSpec(name, { builder: 'overlay', base: { kind: 'image', name: 'minbase' }, ...over })
}

export function context(
  store: Store,
  root: string,
  s: ImageSpec,
  base: StoredImage | null,
  workDir: string
): BuildContext {
  const catalog: Catalog = { file: join(root, 'IMAGES.json'), root, images: [s] }
  return {
    store,
    catalog,
    image: { spec: s, key: `test-${s.name}`, inputs: [], deps: [] },
    base,
    workDir,
    reporter: new SilentReporter()
  }
}

export async function save(store: Store, name: string, r: BuildResult): Promise<StoredImage> {
  return store.putImage({
    layers: r.layers,
    config: r.config,
    name,
    key: `test-${name}-${Date.now()}`,
    annotations: r.annotations
  })
}

/**
 * A listing of a tree: type, mode, owner, size (files), link target and sha256 (files),
 * one line per entry, sorted. `root` is a path as seen by the shell running it.
 */
export const LISTING_SCRIPT = `cd "$1"
find . -xdev \\( -path ./proc -o -path ./sys -o -path ./dev \\) -prune -o -printf '%y %m %U:%G %p -> %l\\n' | sed 's/ -> $//' | LC_ALL=C sort > "$2.meta"
find . -xdev \\( -path ./proc -o -path ./sys -o -path ./dev \\) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum > "$2.sums"
cat "$2.meta" "$2.sums" > "$2"`

export async function listTree(dir: string, out: string): Promise<string[]> {
  await run('sh', ['-c', LISTING_SCRIPT, 'list', dir, out])
  return (await readFile(out, 'utf8')).split('\n').filter(Boolean)
}

/** Mount points and processes that mention `needle` (to prove a teardown). */
export async function leftovers(needle: string): Promise<{ mounts: string[]; processes: string[] }> {
  const mounts = (await readFile('/proc/mounts', 'utf8')).split('\n').filter((l) => l.includes(needle))
  const ps = await run('ps', ['-eo', 'pid,args', '--no-headers'])
  const processes = ps.stdout.split('\n').filter((l) => l.includes(needle) && !l.includes('ps -eo'))
  return { mounts, processes }
}

/** The cgroups runc made for the step containers of process `pid` (named kiln-PID-…), in any hierarchy. */
export async function containerCgroups(pid: number): Promise<string[]> {
  const r = await run('find', ['/sys/fs/cgroup', '-maxdepth', '6', '-type', 'd', '-name', `kiln-${pid}-*`])
  return r.stdout.split('\n').filter(Boolean)
}

/** Polls `probe` until it returns an empty list (teardown by the kernel is quick, not instant). */
export async function settled<T>(probe: () => Promise<T[]>, ms = 10000): Promise<T[]> {
  const end = Date.now() + ms
  let last = await probe()
  while (last.length && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100))
    last = await probe()
  }
  return last
}
