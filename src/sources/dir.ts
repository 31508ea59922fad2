/**
 * A directory tree as one layer. GNU tar does the walk: it knows hardlinks, devices, fifos,
 * sparse files and extended attributes, and with --sort=name and numeric owners the same
 * tree gives the same bytes (mtimes, modes and owners as on disk) on any host.
 */
import { spawnStream, type StreamProcess } from '../util/exec-stream.js'
import type { Reporter } from '../util/log.js'

/** GNU tar arguments for a deterministic tar of `dir` on stdout (entries rooted at ./). */
export function dirTarArgs(dir: string): string[] {
  return [
    '--create',
    '--file=-',
    `--directory=${dir}`,
    '--sort=name',
    '--numeric-owner',
    '--format=pax',
    // The default extended-header name holds tar's pid, and atime/ctime change on every read.
    '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime',
    '--xattrs',
    '--xattrs-include=*',
    '--one-file-system',
    '.'
  ]
}

/** Starts `tar` over `dir`; read the tar from .stdout, then await .done. */
export function tarDirectory(dir: string, reporter?: Reporter): StreamProcess {
  return spawnStream('tar', dirTarArgs(dir), { reporter, onLine: (l) => reporter?.debug(`tar: ${l}`) })
}
