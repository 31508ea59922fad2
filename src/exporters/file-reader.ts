import { open, type FileHandle } from 'node:fs/promises'
import type { BlockSource } from './tar.js'

/** Bytes read ahead per read(): a read for anything up to this size is served from the window. */
export const READ_AHEAD = 64 << 10

/**
 * Positional reads on one file with a 64 KiB read-ahead window: walking the headers of a
 * layer full of small files then costs one read per window instead of one per member. The
 * window is reused, so read()'s result is only valid until the next read.
 */
export class FileReader implements BlockSource {
  private winStart = 0
  private win = Buffer.alloc(0)
  private readonly winBuf = Buffer.allocUnsafe(READ_AHEAD)
  private constructor(
    readonly path: string,
    private readonly fh: FileHandle
  ) {}

  static async open(path: string): Promise<FileReader> {
    return new FileReader(path, await open(path, 'r'))
  }

  /** Bytes [pos, pos+len), served from the window: valid until the next read (copy what you keep). */
  async read(pos: number, len: number): Promise<Buffer> {
    if (pos >= this.winStart && pos + len <= this.winStart + this.win.length) {
      return this.win.subarray(pos - this.winStart, pos - this.winStart + len)
    }
    if (len > READ_AHEAD) return this.readFresh(pos, len)
    const { bytesRead } = await this.fh.read(this.winBuf, 0, READ_AHEAD, pos)
    this.winStart = pos
    this.win = this.winBuf.subarray(0, bytesRead)
    return this.win.subarray(0, Math.min(len, bytesRead))
  }

  /** Reads into a new buffer that the caller owns (for data handed on to asynchronous writers). */
  async readFresh(pos: number, len: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(len)
    let done = 0
    while (done < len) {
      const { bytesRead } = await this.fh.read(buf, done, len - done, pos + done)
      if (bytesRead === 0) throw new Error(`${this.path}: unexpected end of file at byte ${pos + done}`)
      done += bytesRead
    }
    return buf
  }

  /** Reads into part of an existing buffer. */
  async readInto(buf: Buffer, off: number, len: number, pos: number): Promise<void> {
    let done = 0
    while (done < len) {
      const { bytesRead } = await this.fh.read(buf, off + done, len - done, pos + done)
      if (bytesRead === 0) throw new Error(`${this.path}: unexpected end of file at byte ${pos + done}`)
      done += bytesRead
    }
  }

  async close(): Promise<void> {
    await this.fh.close()
  }
}
