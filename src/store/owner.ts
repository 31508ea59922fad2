/**
 * Who owns a lock or lease file: `pid@host`. A pid says whether its owner is alive only on the
 * host that wrote it; an owner on another host (a store on a shared mount) is judged by age.
 */
import { hostname } from 'node:os'

/** `pid@host` of this process. */
export function ownerId(): string {
  return `${process.pid}@${hostname()}`
}

/**
 * Whether the owner `pid@host` (a bare pid is taken as this host) is gone. `ageMs` is the age
 * of the owner's file: one of another host counts as gone once older than `foreignTtlMs`.
 */
export function ownerGone(owner: string, ageMs: number, foreignTtlMs: number): boolean {
  const m = /^(\d+)(?:@(.+))?$/.exec(owner.trim())
  if (!m) return true
  const pid = Number.parseInt(m[1], 10)
  if (m[2] === undefined || m[2] === hostname()) return !(pid > 0 && pidAlive(pid))
  return ageMs > foreignTtlMs
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
