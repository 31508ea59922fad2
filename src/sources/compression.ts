/**
 * Compressed tarballs in, plain tar out. The format is told by its magic bytes, never by
 * the file name (a `.tar` that is really gzip is common). gzip goes through zlib; xz, zstd
 * and bzip2 through their tools, streamed.
 */
import { open } from 'node:fs/promises'
import { PassThrough, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { spawnStream } from '../util/exec-stream.js'
import type { Reporter } from '../util/log.js'

export type Compression = 'gzip' | 'xz' | 'zstd' | 'bzip2' | 'none'

const HEAD_BYTES = 6

export function detectCompression(head: Uint8Array): Compression {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip'
  if (b.length >= 6 && b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz'
  if (b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528) return 'zstd'
  if (b.length >= 3 && b.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2'
  return 'none'
}

export async function detectFileCompression(path: string): Promise<Compression> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0)
    return detectCompression(buf.subarray(0, bytesRead))
  } finally {
    await fh.close()
  }
}

const TOOLS: Record<Exclude<Compression, 'none' | 'gzip'>, [string, string[]]> = {
  xz: ['xz', ['-dc']],
  zstd: ['zstd', ['-dc', '-q']],
  bzip2: ['bzip2', ['-dc']]
}

/**
 * Returns the decompressed form of `input`, whatever it is compressed with (or itself when
 * it is not). `what` names the data in errors.
 */
export function decompressStream(input: Readable, what: string, reporter?: Reporter): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 })
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  void (async () => {
    let head = Buffer.alloc(0)
    let ended = false
    while (head.length < HEAD_BYTES) {
      const r = await it.next()
      if (r.done) {
        ended = true
        break
      }
      head = Buffer.concat([head, Buffer.from(r.value)])
    }
    const kind = detectCompression(head)
    const whole = Readable.from(
      (async function* () {
        if (head.length) yield head
        if (ended) return
        for (;;) {
          const r = await it.next()
          if (r.done) return
          yield Buffer.from(r.value)
        }
      })(),
      { objectMode: false }
    )
    if (kind === 'none') {
      await pipeline(whole, writeInto(out))
    } else if (kind === 'gzip') {
      await pipeline(whole, createGunzip(), writeInto(out))
    } else {
      const [tool, args] = TOOLS[kind]
      const p = spawnStream(tool, args, { stdin: whole, reporter })
      out.on('close', () => p.kill())
      await pipeline(p.stdout, writeInto(out))
      await p.done
    }
    out.end()
  })().catch((e: unknown) => {
    input.destroy()
    out.destroy(new Error(`decompress ${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e }))
  })
  return out
}

/**
 * The last stage of a pipeline that copies into `out` without letting the pipeline end or
 * destroy it: errors are wrapped (naming the data) before they reach the consumer.
 */
function writeInto(out: PassThrough): (src: AsyncIterable<Buffer>) => Promise<void> {
  return async (src) => {
    for await (const chunk of src) {
      if (out.destroyed) throw new Error('the reader went away')
      if (!out.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            out.off('drain', done)
            out.off('close', done)
            resolve()
          }
          out.on('drain', done)
          out.on('close', done)
        })
      }
    }
  }
}
