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
import { PassThrough } from 'node:stream'
import type { LayerRef, Store } from '../store/types.js'
import { ExecError, Tail } from '../util/exec.js'
import { hostPath, walkBytes } from './fswalk.js'
import { TAR_KEEP_ALL } from './unpacked.js'
import { findOpaqueDirs } from './xattr.js'

/** pax headers without per-run noise (pid in names, atime, ctime). */
export const TAR_CREATE_STABLE = [
  '--sort=name',
  '--format=posix',
  '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime'
]

/**
 * Rewrites overlayfs markers under `upper` as OCI whiteout files. Names are handled as
 * bytes (fswalk.ts): a whiteout for a name that is not UTF-8 must delete that name.
 */
export async function toOciForm(upper: string): Promise<{ whiteouts: number; opaque: number }> {
  const devs: string[] = []
  for await (const { rel, entry } of walkBytes(upper)) {
    if (entry.isCharacterDevice()) {
      const st = await lstat(hostPath(upper, rel))
      if (st.rdev === 0) devs.push(rel)
    }
  }
  const opaque = (await findOpaqueDirs(upper)).filter((d) => d !== '')
  const touched = new Map<string, { atime: Date; mtime: Date }>()
  const remember = async (dir: string): Promise<void> => {
    if (touched.has(dir)) return
    const st = await lstat(hostPath(upper, dir))
    touched.set(dir, { atime: st.atime, mtime: st.mtime })
  }
  for (const rel of devs) {
    const slash = rel.lastIndexOf('/')
    const dir = slash < 0 ? '' : rel.slice(0, slash)
    await remember(dir)
    await unlink(hostPath(upper, rel))
    await writeFile(hostPath(upper, `${rel.slice(0, slash + 1)}.wh.${rel.slice(slash + 1)}`), '', {
      mode: 0o600
    })
  }
  for (const rel of opaque) {
    await remember(rel)
    await writeFile(hostPath(upper, `${rel}/.wh..wh..opq`), '', { mode: 0o600 })
  }
  for (const [d, t] of touched) await utimes(hostPath(upper, d), t.atime, t.mtime)
  return { whiteouts: devs.length, opaque: opaque.length }
}

/** Streams the tar of `dir`'s contents (not the directory itself) into the store as a layer. */
export async function putDirAsLayer(store: Store, dir: string, what: string): Promise<LayerRef> {
  // The entries below the root, never the root itself: its mode is the temp dir's, not the
  // image's. Their names go to tar on stdin, NUL-separated, as bytes: an argv entry from
  // node is UTF-8 text, which would turn a name that is not UTF-8 into another name.
  const top = (await readdir(dir, { encoding: 'buffer' })).sort(Buffer.compare)
  const list = Buffer.concat(top.flatMap((name) => [name, Buffer.alloc(1)]))
  const args = [
    '--create',
    '--file=-',
    ...TAR_CREATE_STABLE,
    ...TAR_KEEP_ALL,
    '--directory',
    dir,
    // Each name as it is: no option parsing, no unquoting of backslashes.
    '--null',
    '--verbatim-files-from',
    '--no-unquote',
    '--files-from=-'
  ]
  const child = spawn('tar', args, { stdio: ['pipe', 'pipe', 'pipe'] })
  // tar exiting early reports through its exit status; a write to its closed stdin is no news.
  child.stdin.on('error', () => undefined)
  child.stdin.end(list)
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
