/**
 * The `raw` and `qcow2` disk outputs: the disk the provisioning gate installed (never its
 * check overlay), written under a temporary name and renamed, with its size and sha256.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { run } from '../util/exec.js'
import { tempFileFor } from '../util/lifecycle.js'
import type { Reporter } from '../util/log.js'

export interface DiskFile {
  path: string
  size: number
  sha256: string
}

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}

/**
 * Writes the installed raw disk `disk` to `raw` and/or `qcow2` (either may be absent); `disk`
 * itself is moved or removed. qcow2 holds only the blocks in use; raw is sparse.
 */
export async function writeDiskOutputs(
  disk: string,
  o: { raw?: string; qcow2?: string; reporter?: Reporter; signal?: AbortSignal }
): Promise<{ raw?: DiskFile; qcow2?: DiskFile }> {
  const out: { raw?: DiskFile; qcow2?: DiskFile } = {}
  try {
    if (o.qcow2) {
      const tmp = tempFileFor(o.qcow2)
      try {
        await run('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', '--', disk, tmp], {
          reporter: o.reporter,
          signal: o.signal
        })
        const sum = await sha256(tmp)
        await rename(tmp, o.qcow2)
        out.qcow2 = { path: o.qcow2, size: (await stat(o.qcow2)).size, sha256: sum }
      } finally {
        await rm(tmp, { force: true })
      }
    }
    if (o.raw) {
      const tmp = tempFileFor(o.raw)
      try {
        try {
          await rename(disk, tmp)
        } catch {
          // Another file system: a sparse copy.
          await run('cp', ['--sparse=always', '--', disk, tmp], { reporter: o.reporter, signal: o.signal })
        }
        const sum = await sha256(tmp)
        await rename(tmp, o.raw)
        out.raw = { path: o.raw, size: (await stat(o.raw)).size, sha256: sum }
      } finally {
        await rm(tmp, { force: true })
      }
    }
  } finally {
    await rm(disk, { force: true })
  }
  return out
}
