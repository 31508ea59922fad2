// Small images built in memory for cache tests: real store, real tars, no engine.
import { Readable } from 'node:stream'
import * as tarStream from 'tar-stream'
import type { KeyInput, PlannedImage } from '../../src/plan/types.js'
import type { LayerRef, Store, StoredImage } from '../../src/store/types.js'
import { createHash } from 'node:crypto'
import { imageSpec } from '../fixtures/image-spec.js'

export async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const pack = tarStream.pack()
  for (const [name, body] of Object.entries(files)) pack.entry({ name, mtime: new Date(0) }, body)
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c)
  return Buffer.concat(chunks)
}

export async function layer(store: Store, files: Record<string, string>): Promise<LayerRef> {
  return store.putLayer(Readable.from(await tarOf(files)))
}

export function planned(name: string, inputs: KeyInput[], base?: string): PlannedImage {
  const key = createHash('sha256')
    .update(JSON.stringify([name, inputs]))
    .digest('hex')
  const spec = imageSpec(name, { base: base ? { kind: 'image', name: base } : { kind: 'scratch' } })
  return { spec, key, inputs, deps: base ? [base] : [] }
}

export function input(kind: string, name: string, content: string): KeyInput {
  return { kind, name, digest: `sha256:${createHash('sha256').update(content).digest('hex')}` }
}

export async function putImage(store: Store, p: PlannedImage, layers: LayerRef[]): Promise<StoredImage> {
  return store.putImage({
    layers,
    config: { architecture: 'amd64', os: 'linux', config: { Env: ['PATH=/bin'] } },
    name: p.spec.name,
    key: p.key
  })
}
