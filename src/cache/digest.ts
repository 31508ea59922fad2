import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** sha256:<hex> of a file, streamed (layers can be gigabytes). */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return `sha256:${hash.digest('hex')}`
}

export function bytesDigest(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

const DIGEST = /^sha256:[0-9a-f]{64}$/

export function isDigest(d: unknown): d is string {
  return typeof d === 'string' && DIGEST.test(d)
}

/** The hex part of "sha256:<hex>". */
export function digestHex(d: string): string {
  if (!isDigest(d)) throw new Error(`not a sha256 digest: ${JSON.stringify(d)}`)
  return d.slice('sha256:'.length)
}
