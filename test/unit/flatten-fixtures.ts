// Layers built in memory with tar-stream and written to temp files; outputs read back with tar-stream.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tarStream from 'tar-stream'
import type { LayerSource } from '../../src/exporters/inputs.js'

export interface Member {
  name: string
  type?: 'file' | 'link' | 'symlink' | 'directory' | 'character-device' | 'fifo'
  content?: string | Buffer
  linkname?: string
  mode?: number
  uid?: number
  gid?: number
  mtime?: number
  pax?: Record<string, string>
}

export async function tarBuffer(members: Member[]): Promise<Buffer> {
  const pack = tarStream.pack()
  const chunks: Buffer[] = []
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer))
  const done = new Promise<void>((r) => pack.on('end', () => r()))
  for (const m of members) {
    const type = m.type ?? (m.name.endsWith('/') ? 'directory' : 'file')
    const header = {
      name: m.name,
      type,
      linkname: m.linkname,
      mode: m.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: m.uid ?? 0,
      gid: m.gid ?? 0,
      mtime: new Date((m.mtime ?? 1_700_000_000) * 1000),
      pax: m.pax
    } as tarStream.Header
    await new Promise<void>((resolve, reject) => {
      if (type === 'file') pack.entry(header, m.content ?? '', (e) => (e ? reject(e) : resolve()))
      else {
        pack.entry(header, (e) => (e ? reject(e) : resolve()))
      }
    })
  }
  pack.finalize()
  await done
  return Buffer.concat(chunks)
}

export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'kiln-flatten-test-'))
  private n = 0
  file(data: Buffer, name = `f${this.n++}`): string {
    const p = join(this.dir, name)
    writeFileSync(p, data)
    return p
  }
  async layers(...layers: Member[][]): Promise<LayerSource[]> {
    const out: LayerSource[] = []
    for (const l of layers) {
      const buf = await tarBuffer(l)
      out.push({ path: this.file(buf), offset: 0, length: buf.length })
    }
    return out
  }
  path(name: string): string {
    return join(this.dir, name)
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export interface ReadMember {
  name: string
  type: string
  mode: number
  uid: number
  gid: number
  mtime: number
  linkname: string | null
  content: string
  data: Buffer
  pax?: Record<string, string>
}

export async function readTar(data: Buffer): Promise<ReadMember[]> {
  const ex = tarStream.extract()
  const out: ReadMember[] = []
  ex.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer))
    stream.on('end', () => {
      out.push({
        name: h.name,
        type: String(h.type),
        mode: h.mode ?? 0,
        uid: h.uid ?? 0,
        gid: h.gid ?? 0,
        mtime: Math.floor((h.mtime?.getTime() ?? 0) / 1000),
        linkname: h.linkname ?? null,
        content: Buffer.concat(chunks).toString('utf8'),
        data: Buffer.concat(chunks),
        pax: (h as { pax?: Record<string, string> }).pax
      })
      next()
    })
    stream.resume()
  })
  const done = new Promise<void>((resolve, reject) => {
    ex.on('finish', () => resolve())
    ex.on('error', reject)
  })
  ex.end(data)
  await done
  return out
}

export function readFile(p: string): Buffer {
  return readFileSync(p)
}
