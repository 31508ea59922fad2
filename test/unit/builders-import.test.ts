import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { ImportBuilder } from '../../src/builders/import.js'
import type { BuildContext } from '../../src/builders/types.js'
import { openStore } from '../../src/store/index.js'
import { BuildError } from '../../src/util/errors.js'
import { SilentReporter } from '../../src/util/log.js'

describe('import builder', () => {
  it('is its base as it came in: same layers, same config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-import-'))
    try {
      const store = await openStore(dir)
      const layer = await store.putLayer(Readable.from([Buffer.alloc(1024)]))
      const base = await store.putImage({
        layers: [layer],
        config: { architecture: 'amd64', os: 'linux', config: { Env: ['PATH=/bin'] } },
        name: 'x.base',
        key: 'a'.repeat(64)
      })
      const ctx = { base, image: { spec: { name: 'x' } } } as unknown as BuildContext
      const r = await new ImportBuilder().build({ ...ctx, store, reporter: new SilentReporter() })
      expect(r.layers).toEqual(base.layers)
      expect(r.config).toEqual({ architecture: 'amd64', os: 'linux', config: { Env: ['PATH=/bin'] } })
      await expect(new ImportBuilder().build({ ...ctx, base: null })).rejects.toThrow(BuildError)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
