/**
 * Host tools (GNU tar, cp) lay packs, tarballs and copies into the mounted root from
 * outside the chroot, so a symlink of the image on the way is followed as the HOST sees
 * it: `opt -> /usr/local` would send `opt/x` to the host's /usr/local. Before such a
 * step, every directory it writes through is looked up in the image's layers; a link with
 * an absolute target, or one climbing above the root, is refused. Relative links inside
 * the root (a merged /usr's `bin -> usr/bin`) are fine: followed from the root they land
 * in the image.
 */
import { posix } from 'node:path'
import { secureJoinLayers } from '../util/in-root.js'

export class EscapingLinkError extends Error {
  constructor(
    readonly path: string,
    readonly link: string,
    readonly target: string
  ) {
    super(
      `writing /${path} would go through /${link} -> ${target}, a link a host tool would follow out of the image; write to the target path instead`
    )
    this.name = 'EscapingLinkError'
  }
}

/**
 * Throws EscapingLinkError if writing into directory `rel` (relative to the root) would leave
 * the image: every link on the way (a chain too: `lib -> foo`, `foo/modules -> /x`) is looked
 * up in the layers, and one whose target the host would read differently from the image
 * (absolute, or climbing above the root from where it is) is refused.
 */
export async function checkWriteDir(imageDirs: string[], rel: string): Promise<void> {
  const { links } = await secureJoinLayers(imageDirs, rel)
  for (const l of links) {
    const fromRoot = posix.normalize(posix.join(posix.dirname(l.path), l.target))
    if (l.target.startsWith('/') || fromRoot === '..' || fromRoot.startsWith('../'))
      throw new EscapingLinkError(rel, l.path, l.target)
  }
}

/** Checks every directory a list of root-relative paths writes through (their parents; `dirs` themselves). */
export async function checkWritePaths(
  imageDirs: string[],
  files: Iterable<string>,
  dirs: Iterable<string> = []
): Promise<void> {
  const seen = new Set<string>()
  const add = (d: string): void => {
    if (d && d !== '.') seen.add(d)
  }
  for (const f of files) add(posix.dirname(f.replace(/^\.?\/+/, '').replace(/\/+$/, '')))
  for (const d of dirs) add(d.replace(/^\.?\/+/, '').replace(/\/+$/, ''))
  for (const d of [...seen].sort()) await checkWriteDir(imageDirs, d)
}
