import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

export { bytesDigest, digestHex, isDigest } from '../util/digest.js'

/** sha256:<hex> of a file, streamed (layers can be gigabytes). */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return `sha256:${hash.digest('hex')}`
}
