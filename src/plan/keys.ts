/**
 * Input keys: a Merkle chain. An image's key is the SHA-256 of its own inputs (builder and
 * its format version, the normalised spec, every file it reads) and its dependencies'
 * keys, so a change reaches exactly the image it touches and the images built on it.
 */
import { createHash } from 'node:crypto'
import type { Catalog, ImageSpec } from '../model/types.js'
import type { KeyInput } from './types.js'
import { Hasher } from './hash.js'
import { gatherInputs, type InputOptions } from './inputs.js'

/** Changes when the way keys are computed changes: every key changes with it. */
export const KEY_FORMAT = 'kiln-key-v1'

export interface KeyOptions extends InputOptions {
  /** Files hashed at once (default 8). */
  concurrency?: number
}

/** The key (sha256 hex) of an ordered input list. */
export function keyOf(inputs: KeyInput[]): string {
  const h = createHash('sha256').update(`${KEY_FORMAT}\n`)
  for (const i of inputs) h.update(`${i.kind}\t${i.name}\t${i.digest}\n`)
  return h.digest('hex')
}

/**
 * Keys of `order` (topological: dependencies first). Inputs of all images are gathered in
 * parallel; keys then chain in order. Each dependency appears as an input (`base` for the
 * image's base, `dep` for depends_on and FROM images) whose digest is its key.
 */
export async function computeKeys(
  catalog: Catalog,
  order: ImageSpec[],
  deps: Map<string, string[]>,
  opts: KeyOptions = {}
): Promise<Map<string, { key: string; inputs: KeyInput[] }>> {
  const hasher = new Hasher(opts.concurrency ?? 8)
  const own = await Promise.all(order.map((s) => gatherInputs(catalog, s, hasher, opts)))
  const out = new Map<string, { key: string; inputs: KeyInput[] }>()
  order.forEach((s, i) => {
    const depInputs = (deps.get(s.name) ?? []).map((d): KeyInput => {
      const k = out.get(d)
      if (!k) throw new Error(`[internal error] key of ${d} needed by ${s.name} before it was computed`)
      return {
        kind: s.base.kind === 'image' && s.base.name === d ? 'base' : 'dep',
        name: d,
        digest: `sha256:${k.key}`
      }
    })
    const inputs = [...own[i], ...depInputs]
    out.set(s.name, { key: keyOf(inputs), inputs })
  })
  return out
}
