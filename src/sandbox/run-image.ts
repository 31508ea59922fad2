/**
 * `kiln run`: a command in any store image, over a throwaway overlay (the upper dir lives
 * in a temporary directory removed afterwards), stdio inherited, its exit status returned.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '../store/types.js'
import type { Reporter } from '../util/log.js'
import { holdInterrupts } from '../util/lifecycle.js'
import type { MountKind } from './driver.js'
import { Sandbox, envFromList } from './sandbox.js'
import { DEFAULT_CACHE_DIR, unpackLayers } from './unpacked.js'

export interface RunInImageOptions {
  mounts?: MountKind[]
  /** Host DNS files during the command (default true). */
  dns?: boolean
  env?: Record<string, string>
  /** 'inherit' (default) or 'pipe' (lines to onLine; for tests and tools). */
  stdio?: 'inherit' | 'pipe'
  onLine?: (line: string) => void
  cacheDir?: string
  reporter?: Reporter
  signal?: AbortSignal
}

export class ImageNotFoundError extends Error {
  constructor(
    readonly ref: string,
    readonly storeRoot: string
  ) {
    super(`image ${ref} is not in the store ${storeRoot}`)
    this.name = 'ImageNotFoundError'
  }
}

/** Runs `argv` in image `ref` (a name, dated tag or manifest digest); returns the exit status (128+n for a signal). */
export async function runInImage(
  store: Store,
  ref: string,
  argv: string[],
  o: RunInImageOptions = {}
): Promise<{ exitCode: number; tail: string[] }> {
  const image = await store.getImage(ref)
  if (!image) throw new ImageNotFoundError(ref, store.root)
  const lowers = await unpackLayers(image.layers, o.cacheDir ?? DEFAULT_CACHE_DIR, o.reporter)
  const dir = await mkdtemp(join(tmpdir(), 'kiln-run-'))
  const env = envFromList(image.config.config?.Env)
  if (process.env.TERM) env.TERM = process.env.TERM
  const sb = await Sandbox.open({
    dir,
    lowers,
    mounts: o.mounts,
    dns: o.dns,
    env: { ...env, ...o.env },
    reporter: o.reporter,
    signal: o.signal
  })
  try {
    const cmd = argv.length
      ? argv
      : [...(image.config.config?.Entrypoint ?? []), ...(image.config.config?.Cmd ?? [])]
    if (!cmd.length) throw new Error(`image ${ref} has no Entrypoint or Cmd: give a command after --`)
    const stdio = o.stdio ?? 'inherit'
    const release = stdio === 'inherit' ? holdInterrupts() : () => undefined
    const r = await sb.exec(cmd, { stdio, onLine: o.onLine }).finally(release)
    return { exitCode: r.signal ? 128 + signalNumber(r.signal) : r.exitCode, tail: r.tail }
  } finally {
    await sb.close()
  }
}

function signalNumber(sig: NodeJS.Signals): number {
  const n: Partial<Record<NodeJS.Signals, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGQUIT: 3,
    SIGKILL: 9,
    SIGTERM: 15
  }
  return n[sig] ?? 1
}
