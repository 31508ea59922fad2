/**
 * Directory markers overlayfs keeps in trusted.* extended attributes. Node has no xattr
 * API, so these go through getfattr/setfattr (Debian package `attr`), one process per
 * tree or per batch, never per file.
 */
import { run } from '../util/exec.js'
import { spawnStream } from '../util/exec-stream.js'

export const OPAQUE_XATTR = 'trusted.overlay.opaque'

/**
 * Paths (relative to root, as binary strings: one char per byte, see fswalk.ts) of the
 * directories marked opaque under `root`. `--no-dereference`
 * matters: without it getfattr reads the attributes of every symlink's TARGET, as the host
 * resolves it, so an image's absolute link (`/etc/mtab -> /proc/self/mounts`, a dangling
 * `/lib/x -> /usr/lib/y`) would be looked up on the host and fail the whole walk (exit 1) or
 * report the host's attributes.
 */
export async function findOpaqueDirs(root: string): Promise<string[]> {
  // Read as bytes, not through run(): getfattr escapes only some bytes of a name (space,
  // backslash, control characters) and prints the others raw, and text decoding would turn
  // a name that is not UTF-8 into U+FFFD.
  const child = spawnStream('getfattr', [
    '--recursive',
    '--physical',
    '--no-dereference',
    '--absolute-names',
    '--dump',
    '--encoding=text',
    `--match=^trusted\\.overlay\\.opaque$`,
    root
  ])
  const chunks: Buffer[] = []
  for await (const c of child.stdout) chunks.push(c as Buffer)
  await child.done
  const rootBytes = Buffer.from(root)
  const out: string[] = []
  let file: Buffer | null = null
  // Lines as binary strings (one char per byte): `\ooo` escapes and raw bytes alike stay bytes.
  for (const line of Buffer.concat(chunks).toString('latin1').split('\n')) {
    if (line.startsWith('# file: ')) file = unescapeGetfattr(line.slice(8))
    else if (file && line === `${OPAQUE_XATTR}="y"`) {
      const rel = file.equals(rootBytes) ? '' : file.subarray(rootBytes.length + 1).toString('latin1')
      out.push(rel)
    }
  }
  return out
}

/**
 * Paths for `xargs -0` on stdin: the bytes as they are, where an argv entry from node is
 * UTF-8 text (a path that is not UTF-8 would name another file). xargs also batches.
 */
function nulSeparated(paths: Buffer[]): Buffer {
  return Buffer.concat(paths.flatMap((p) => [p, Buffer.alloc(1)]))
}

/** Marks directories opaque (absolute paths, as bytes). */
export async function markOpaque(paths: Buffer[]): Promise<void> {
  if (!paths.length) return
  await run('xargs', ['-0', 'setfattr', '--no-dereference', `--name=${OPAQUE_XATTR}`, '--value=y', '--'], {
    input: nulSeparated(paths)
  })
}

/**
 * The bytes of a name as getfattr prints it (given as a binary string, one char per byte):
 * some bytes as backslash + 3 octal digits, the others as they are.
 */
export function unescapeGetfattr(s: string): Buffer {
  return Buffer.from(
    s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8))),
    'latin1'
  )
}

/** Creates whiteouts (char device 0/0) at absolute paths (as bytes). */
export async function makeWhiteouts(paths: Buffer[]): Promise<void> {
  if (!paths.length) return
  await run('xargs', ['-0', 'sh', '-c', 'for p; do mknod "$p" c 0 0; done', 'kiln-whiteout'], {
    input: nulSeparated(paths)
  })
}
