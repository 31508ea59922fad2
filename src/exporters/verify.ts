/**
 * Checks a layer against its digest in the pass that already walks it from start to end: the
 * index pass (plan.ts indexLayer), which reads every header in order and so most of the data
 * too, from the read-ahead window. VerifyingSource hashes every byte that pass reads and, where
 * it skips a member's data, reads the gap in 1 MiB steps to hash it; finish() hashes the rest up
 * to the layer's end. A layer is thus checked before any output is written, in one sequential
 * read that the data pass after it finds in the page cache.
 */
import { createHash } from 'node:crypto'
import { mismatch } from '../util/digest.js'
import { READ_AHEAD, type FileReader } from './file-reader.js'
import type { BlockSource } from './tar.js'

const GAP_CHUNK = 1 << 20

export class VerifyingSource implements BlockSource {
  private readonly hash = createHash('sha256')
  /** Absolute file position up to which every byte has been hashed. */
  private hashedTo: number
  private readonly scratch = Buffer.allocUnsafe(GAP_CHUNK)

  constructor(
    private readonly reader: FileReader,
    private readonly start: number,
    private readonly length: number,
    private readonly expected: { digest: string; size?: number }
  ) {
    this.hashedTo = start
  }

  async read(pos: number, len: number): Promise<Buffer> {
    await this.hashUpTo(Math.min(pos, this.end))
    const buf = await this.reader.read(pos, len)
    // The caller reads forward; only what lies past the hashed mark is new.
    const from = this.hashedTo - pos
    if (from >= 0 && from < buf.length) {
      const upTo = Math.min(buf.length, this.end - pos)
      if (upTo > from) {
        this.hash.update(buf.subarray(from, upTo))
        this.hashedTo = pos + upTo
      }
    }
    return buf
  }

  /** Hashes what is left of the layer and throws CorruptBlobError when it is not what was expected. */
  async finish(): Promise<void> {
    await this.hashUpTo(this.end)
    const actual = `sha256:${this.hash.digest('hex')}`
    const bytes = this.hashedTo - this.start
    const bad = mismatch(
      this.expected.digest,
      this.reader.path,
      actual,
      bytes,
      this.expected.size ?? this.length
    )
    if (bad) throw bad
  }

  private get end(): number {
    return this.start + this.length
  }

  private async hashUpTo(pos: number): Promise<void> {
    while (this.hashedTo < pos) {
      const n = Math.min(GAP_CHUNK, pos - this.hashedTo)
      let chunk: Buffer
      if (n <= READ_AHEAD) {
        // A small gap (a small member's data) is mostly in the reader's window already, or the
        // window refilled here also serves the header read that follows: no extra read.
        chunk = await this.reader.read(this.hashedTo, n)
        // Shorter than its descriptor says: finish() reports the size.
        if (chunk.length === 0) return
      } else {
        chunk = this.scratch.subarray(0, n)
        await this.reader.readInto(chunk, 0, n, this.hashedTo)
      }
      this.hash.update(chunk)
      this.hashedTo += chunk.length
    }
  }
}
