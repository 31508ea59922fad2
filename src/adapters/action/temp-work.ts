/**
 * The Action's own temporary work (the store and the cache's scratch directory under RUNNER_TEMP
 * when no store-dir was given), recorded by the main step and removed by the post step.
 *
 * On a self-hosted runner the runner empties RUNNER_TEMP itself, but Kiln runs as root: what it
 * wrote there is root's, the runner's user cannot remove it, and the next jobs inherit a disk
 * that fills up. The post step (run as the same user as the main step) removes it.
 *
 * Only what the main step created is removed: a directory that existed before the step (a
 * store kept on purpose) is not recorded, and a store-dir or cache-dir the user gave (or
 * anything inside one) is never removed, whatever the state says.
 */
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { errorMessage } from '../../util/errors.js'

/** The state key (core.saveState) under which the main step lists the directories it created. */
export const TEMP_WORK_STATE = 'kiln-temp-work'

/** The directories of `candidates` that do not exist yet: the ones this step is about to create. */
export function tempWorkToRecord(candidates: string[]): string[] {
  return candidates.map((p) => resolve(p)).filter((p) => !existsSync(p))
}

export interface CleanupContext {
  /** The state the main step saved ('' when it saved none: it failed before, or never ran). */
  state: string
  /** RUNNER_TEMP (or the fallback main used): only directories under it are removed. */
  tempRoot: string
  /** Directories the user gave (store-dir, cache-dir): never removed, nor anything in them. */
  userDirs: string[]
}

/** The directories the post step removes: recorded by main, under tempRoot, none of the user's. */
export function tempWorkToRemove(ctx: CleanupContext): string[] {
  let recorded: unknown
  try {
    recorded = ctx.state ? JSON.parse(ctx.state) : []
  } catch {
    return []
  }
  if (!Array.isArray(recorded)) return []
  const root = resolve(ctx.tempRoot)
  const user = ctx.userDirs.filter(Boolean).map((d) => resolve(d))
  return recorded
    .filter((p): p is string => typeof p === 'string' && isAbsolute(p))
    .map((p) => resolve(p))
    .filter((p) => within(p, root) && p !== root)
    .filter((p) => !user.some((u) => within(p, u) || within(u, p)))
}

/** Removes each directory (a symlink in its place is removed, not followed); returns what failed. */
export async function removeTempWork(dirs: string[]): Promise<string[]> {
  const failures: string[] = []
  for (const dir of dirs) {
    await rm(dir, { recursive: true, force: true }).catch((e: unknown) =>
      failures.push(`${dir}: ${errorMessage(e)}`)
    )
  }
  return failures
}

/** Whether `path` is `dir` or inside it. */
function within(path: string, dir: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}
