/**
 * A squashfs image as a tar stream. sqfs2tar (squashfs-tools-ng) converts without unpacking
 * to disk and keeps owners, modes, times, hardlinks and xattrs; without it, unsquashfs
 * unpacks into the work area and the directory is tarred (dir.ts).
 */
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { run, hasTool } from '../util/exec.js'
import { spawnStream, type StreamProcess } from '../util/exec-stream.js'
import type { Reporter } from '../util/log.js'
import { tarDirectory } from './dir.js'

export interface SquashfsTar {
  proc: StreamProcess
  /** Removes what the conversion left in the work area. */
  cleanup(): Promise<void>
}

export async function squashfsToTar(file: string, workDir: string, reporter: Reporter): Promise<SquashfsTar> {
  if (await hasTool('sqfs2tar')) {
    // --no-skip: a file tar cannot hold is an error, not a silent hole in the image.
    const proc = spawnStream('sqfs2tar', ['--no-skip', file], {
      reporter,
      onLine: (l) => reporter.debug(`sqfs2tar: ${l}`)
    })
    return { proc, cleanup: async () => {} }
  }
  const dest = join(workDir, 'squashfs-root')
  await rm(dest, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  reporter.debug('sqfs2tar not found (squashfs-tools-ng); unpacking with unsquashfs')
  await run('unsquashfs', ['-no-progress', '-d', dest, file], { reporter })
  return { proc: tarDirectory(dest, reporter), cleanup: () => rm(dest, { recursive: true, force: true }) }
}
