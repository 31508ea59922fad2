// The store's side of a build, timed by bench/run through the functions `kiln build` calls:
//
//   import STORE REF             `docker save REF` into the store (engine/docker.ts saveFromDocker,
//                                what the dockerfile builder runs after `docker build`), tagged NAME
//   cache-save STORE CACHE REF   the image's layers, config and record into a local cache
//                                (cache/image-cache.ts save, what a build runs after building)
//   cache-restore STORE CACHE    the record back into STORE (restore, what a build runs on a hit)
//
// Run with tsx from the repository root: npx tsx bench/store.ts import /tmp/store img:tag
import { createHash } from 'node:crypto'
import { openStore } from '../src/store/layout.js'
import { saveFromDocker } from '../src/engine/docker.js'
import { ImageCache, LocalCache } from '../src/cache/index.js'
import type { PlannedImage } from '../src/plan/types.js'
import { SilentReporter } from '../src/util/log.js'

const [cmd, storeDir, a, b] = process.argv.slice(2)
const reporter = new SilentReporter()
const NAME = 'bench-image'
// One fixed key: the cache is keyed by the image's inputs, which the bench does not vary.
const KEY = createHash('sha256').update('kiln-bench').digest('hex')
const planned = { key: KEY, spec: { name: NAME }, inputs: [] } as unknown as PlannedImage

async function main(): Promise<void> {
  const store = await openStore(storeDir)
  if (cmd === 'import') {
    const saved = await saveFromDocker(store, a, reporter)
    const { rootfs: _r, ...config } = saved.config
    await store.putImage({ layers: saved.layers, config, name: NAME, key: KEY })
    return
  }
  const cache = new ImageCache({ store, backend: new LocalCache({ dir: a, reporter }), reporter })
  if (cmd === 'cache-save') {
    const image = await store.getImage(b ?? NAME)
    if (!image) throw new Error(`no image ${b ?? NAME} in ${storeDir}`)
    if (!(await cache.save(planned, image))) throw new Error(cache.stats.warnings.join('; '))
  } else if (cmd === 'cache-restore') {
    if (!(await cache.restore(planned))) throw new Error(`restore failed: ${cache.stats.warnings.join('; ')}`)
  } else {
    throw new Error(`unknown command ${cmd}`)
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
