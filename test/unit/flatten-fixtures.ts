// Layers built in memory with tar-stream and written to temp files; outputs read back with tar-stream.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
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

// ---------------------------------------------------------------- names as bytes

/**
 * File names here are *binary strings*, one char per byte, as the exporters keep them:
 * 'caf\xe9' is the Latin-1 name (bytes 63 61 66 e9), 'caf\xc3\xa9' the UTF-8 'café'.
 */
const hostPath = (dir: string, rel: string): Buffer =>
  Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(rel, 'latin1')])

export interface TreeEntry {
  /** Binary string; a trailing '/' makes a directory. */
  path: string
  content?: string
  symlink?: string
  /** Another entry's path: a hardlink to it. */
  hardlink?: string
}

/**
 * A layer written by GNU tar from a real directory, so its names are the files' own bytes
 * (posix: PAX `path` records holding raw bytes, as GNU tar writes them; gnu: ustar fields and
 * `L` long names).
 */
export function gnuTarLayer(
  s: Scratch,
  entries: TreeEntry[],
  format: 'posix' | 'gnu' = 'posix'
): LayerSource {
  const dir = mkdtempSync(join(s.dir, 'tree-'))
  for (const e of entries) {
    const p = hostPath(dir, e.path)
    if (e.path.endsWith('/')) mkdirSync(p, { recursive: true })
    else if (e.symlink !== undefined) symlinkSync(Buffer.from(e.symlink, 'latin1'), p)
    else if (e.hardlink !== undefined) linkSync(hostPath(dir, e.hardlink), p)
    else writeFileSync(p, e.content ?? '')
  }
  const out = join(s.dir, `${dir.split('/').pop()}.tar`)
  execFileSync('tar', ['-c', `--format=${format}`, '--sort=name', '-f', out, '-C', dir, '.'])
  return { path: out, offset: 0, length: lstatSync(out).size }
}

/**
 * What GNU tar makes of an archive: extracted into a new directory, each path (a binary
 * string, read back with Buffer readdir) mapped to 'dir', '-> TARGET' or its content.
 */
export function gnuTarExtract(s: Scratch, archive: string): Record<string, string> {
  const dir = mkdtempSync(join(s.dir, 'x-'))
  // A warning (an unknown PAX keyword, say) is a failure too: a provisioner would see it.
  const r = spawnSync('tar', ['-x', '-f', archive, '-C', dir], { encoding: 'latin1' })
  if (r.status !== 0 || r.stderr) throw new Error(`tar -x ${archive}: exit ${r.status}: ${r.stderr}`)
  const out: Record<string, string> = {}
  const visit = (rel: string): void => {
    for (const name of readdirSync(hostPath(dir, rel), { encoding: 'buffer' })) {
      const r = `${rel}${name.toString('latin1')}`
      const p = hostPath(dir, r)
      const st = lstatSync(p)
      if (st.isDirectory()) {
        out[`${r}/`] = 'dir'
        visit(`${r}/`)
      } else if (st.isSymbolicLink())
        out[r] = `-> ${readlinkSync(p, { encoding: 'buffer' }).toString('latin1')}`
      else out[r] = readFileSync(p).toString('latin1')
    }
  }
  visit('')
  return out
}

/** `tar -tf` of an archive: GNU tar's listing, each name a binary string (no quoting). */
export function gnuTarList(archive: string): string[] {
  const raw = execFileSync('tar', ['-t', '--quoting-style=literal', '-f', archive], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return raw.toString('latin1').split('\n').filter(Boolean)
}
