// Small tars built in memory for store and safe-tar tests.
import { Readable } from 'node:stream'
import tarStream from 'tar-stream'

export interface TestEntry {
  name: string
  type?: 'file' | 'directory' | 'symlink' | 'link'
  body?: string
  linkname?: string
  mode?: number
}

export async function makeTar(entries: TestEntry[]): Promise<Buffer> {
  const pack = tarStream.pack()
  const chunks: Buffer[] = []
  const done = (async () => {
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c)
  })()
  for (const e of entries) {
    const type = e.type ?? 'file'
    const body = type === 'file' ? Buffer.from(e.body ?? '') : Buffer.alloc(0)
    await new Promise<void>((resolve, reject) =>
      pack.entry(
        {
          name: e.name,
          type,
          linkname: e.linkname,
          mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
          mtime: new Date(1_700_000_000_000),
          size: body.length
        },
        body,
        (err) => (err ? reject(err) : resolve())
      )
    )
  }
  pack.finalize()
  await done
  return Buffer.concat(chunks)
}

export function streamOf(buf: Buffer): Readable {
  return Readable.from([buf])
}

/** A stream that yields some bytes, then fails: a producer dying half-way. */
export function failingStream(prefix: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield prefix
      throw new Error('producer died')
    })()
  )
}
