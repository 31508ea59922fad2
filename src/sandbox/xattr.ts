/**
 * Directory markers overlayfs keeps in trusted.* extended attributes. Node has no xattr
 * API, so these go through getfattr/setfattr (Debian package `attr`), one process per
 * tree or per batch, never per file.
 */
import { run } from '../util/exec.js'

export const OPAQUE_XATTR = 'trusted.overlay.opaque'
const BATCH = 500

/**
 * Paths (relative to root) of the directories marked opaque under `root`. `--no-dereference`
 * matters: without it getfattr reads the attributes of every symlink's TARGET, as the host
 * resolves it, so an image's absolute link (`/etc/mtab -> /proc/self/mounts`, a dangling
 * `/lib/x -> /usr/lib/y`) would be looked up on the host and fail the whole walk (exit 1) or
 * report the host's attributes.
 */
export async function findOpaqueDirs(root: string): Promise<string[]> {
  const r = await run('getfattr', [
    '--recursive',
    '--physical',
    '--no-dereference',
    '--absolute-names',
    '--dump',
    '--encoding=text',
    `--match=^trusted\\.overlay\\.opaque$`,
    root
  ])
  const out: string[] = []
  let file: string | null = null
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('# file: ')) file = unescapeGetfattr(line.slice(8))
    else if (file && line === `${OPAQUE_XATTR}="y"`) {
      const rel = file === root ? '' : file.slice(root.length + 1)
      out.push(rel)
    }
  }
  return out
}

/** Marks directories opaque (absolute paths). */
export async function markOpaque(paths: string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += BATCH) {
    await run('setfattr', [
      '--no-dereference',
      `--name=${OPAQUE_XATTR}`,
      '--value=y',
      '--',
      ...paths.slice(i, i + BATCH)
    ])
  }
}

/** getfattr prints unusual bytes of a name as backslash + 3 octal digits. */
export function unescapeGetfattr(s: string): string {
  if (!s.includes('\\')) return s
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && /^[0-7]{3}$/.test(s.slice(i + 1, i + 4))) {
      bytes.push(parseInt(s.slice(i + 1, i + 4), 8))
      i += 3
    } else bytes.push(...Buffer.from(s[i] ?? '', 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

/** Creates whiteouts (char device 0/0) at absolute paths. */
export async function makeWhiteouts(paths: string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += BATCH) {
    await run('sh', ['-c', 'for p; do mknod "$p" c 0 0; done', 'kiln-whiteout', ...paths.slice(i, i + BATCH)])
  }
}
