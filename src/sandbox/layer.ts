/**
 * The upper directory of an overlay build → one OCI layer, streamed into the store.
 *
 * overlayfs whiteouts (character devices 0/0) become `.wh.NAME` files and opaque
 * directories (trusted.overlay.opaque=y) get a `.wh..wh..opq` entry; then GNU tar writes
 * the tree in name order with numeric owners, modes, xattrs (trusted.overlay.* left out)
 * and hardlinks as links, in pax format without atime/ctime. The upper dir is converted
 * in place: call this once the build is over and nothing has it mounted.
 */
import { spawn } from 'node:child_process'
import { lstat, readdir, unlink, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { PassThrough } from 'node:stream'
import type { LayerRef, Store } from '../store/types.js'
import { ExecError, Tail } from '../util/exec.js'
import { walk } from './fswalk.js'
import { TAR_KEEP_ALL } from './unpacked.js'
import { findOpaqueDirs } from './xattr.js'

/** pax headers without per-run noise (pid in names, atime, ctime). */
export const TAR_CREATE_STABLE = [
  '--sort=name',
  '--format=posix',
  '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime'
]

/** Rewrites overlayfs markers under `upper` as OCI whiteout files. */
export async function toOciForm(upper: string): Promise<{ whiteouts: number; opaque: number }> {
  const devs: string[] = []
  for await (const { rel, entry } of walk(upper)) {
    if (entry.isCharacterDevice()) {
      const st = await lstat(join(upper, rel))
      if (st.rdev === 0) devs.push(rel)
    }
  }
  const opaque = (await findOpaqueDirs(upper)).filter((d) => d !== '')
  const touched = new Map<string, { atime: Date; mtime: Date }>()
  const remember = async (dir: string): Promise<void> => {
    if (touched.has(dir)) return
    const st = await lstat(dir)
    touched.set(dir, { atime: st.atime, mtime: st.mtime })
  }
  for (const rel of devs) {
    const abs = join(upper, rel)
    await remember(dirname(abs))
    await unlink(abs)
    const name = rel.split('/').pop() as string
    await writeFile(join(dirname(abs), `.wh.${name}`), '', { mode: 0o600 })
  }
  for (const rel of opaque) {
    const abs = join(upper, rel)
    await remember(abs)
    await writeFile(join(abs, '.wh..wh..opq'), '', { mode: 0o600 })
  }
  for (const [d, t] of touched) await utimes(d, t.atime, t.mtime)
  return { whiteouts: devs.length, opaque: opaque.length }
}

/** Streams the tar of `dir`'s contents (not the directory itself) into the store as a layer. */
export async function putDirAsLayer(store: Store, dir: string, what: string): Promise<LayerRef> {
  const top = (await readdir(dir)).sort()
  const args = ['--create', '--file=-', ...TAR_CREATE_STABLE, ...TAR_KEEP_ALL, '--directory', dir]
  // The entries below the root, never the root itself: its mode is the temp dir's, not the image's.
  args.push(...(top.length ? ['--', ...top] : ['--files-from=/dev/null']))
  const child = spawn('tar', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const tail = new Tail()
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (d: string) => tail.push(d))
  const body = new PassThrough({ highWaterMark: 1 << 20 })
  // eslint-disable-next-line no-restricted-syntax -- tar's failures reach `body` from 'error'/'close' below
  child.stdout.pipe(body, { end: false })
  const exited = new Promise<void>((resolve) => {
    child.once('error', (e) => {
      body.destroy(new Error(`${what}: cannot run tar: ${e.message}`))
      resolve()
    })
    child.once('close', (code, sig) => {
      tail.flush()
      // Only a tar that finished cleanly ends the stream; otherwise putLayer sees an error
      // and drops its temporary blob instead of storing a truncated layer.
      if (code === 0) body.end()
      else
        body.destroy(
          new ExecError(
            `tar --create -C ${dir}`,
            code ?? undefined,
            tail.get(),
            sig ? `killed by ${sig}` : `exited with status ${code}`
          )
        )
      resolve()
    })
  })
  try {
    return await store.putLayer(body)
  } finally {
    await exited
  }
}

/** The upper dir of a finished overlay build as one layer in the store. */
export async function upperToLayer(store: Store, upper: string): Promise<LayerRef> {
  await toOciForm(upper)
  return putDirAsLayer(store, upper, `layer from ${upper}`)
}
