/**
 * What the sandbox started or created, so that it can be taken down whatever happens:
 * after success or failure (callers use try/finally), and on SIGINT/SIGTERM, when the
 * handlers below kill every sandbox process group and remove every temporary directory
 * before the process dies. Mounts need no entry here: they live in a private mount
 * namespace that the kernel removes with its last process.
 */
import type { ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'

const children = new Set<ChildProcess>()
const dirs = new Set<string>()
let installed = false
let interactive = 0

/**
 * While a command owns the terminal (kiln run), ^C is the command's business: the
 * terminal sends SIGINT to it directly, and tearing it down would end an interactive
 * shell at its first ^C. Returns the function that ends this.
 */
export function holdInterrupts(): () => void {
  installHandlers()
  interactive++
  let done = false
  return () => {
    if (!done) interactive--
    done = true
  }
}

/** Tracks a sandbox child (spawned detached: its pid is its process group id). */
export function trackChild(child: ChildProcess): () => void {
  installHandlers()
  children.add(child)
  const untrack = (): void => void children.delete(child)
  child.once('exit', untrack)
  return untrack
}

/** Tracks a temporary directory; the returned function removes it and stops tracking. */
export function trackDir(dir: string): () => void {
  installHandlers()
  dirs.add(dir)
  return () => {
    dirs.delete(dir)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Kills a child's whole process group (the sandbox driver and everything it started). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
}

/** Number of live sandbox processes and temporary directories (for tests and diagnostics). */
export function pending(): { children: number; dirs: number } {
  return { children: children.size, dirs: dirs.size }
}

function installHandlers(): void {
  if (installed) return
  installed = true
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (sig === 'SIGINT' && interactive > 0) return
      void teardownAll().finally(() => {
        process.removeListener(sig, onSignal)
        // Die of the same signal, as the default action would have, unless someone else
        // handles it too (then they decide when the process ends).
        if (process.listenerCount(sig) === 0) process.kill(process.pid, sig)
      })
    }
    process.on(sig, onSignal)
  }
}

async function teardownAll(): Promise<void> {
  const waits: Array<Promise<void>> = []
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    waits.push(new Promise<void>((resolve) => child.once('exit', () => resolve())))
    killGroup(child)
  }
  // The driver is PID 1 of its PID namespace: when it dies the kernel kills the rest of the
  // namespace before the driver's exit is reported, so once these resolve nothing is left.
  await Promise.race([Promise.all(waits), new Promise((r) => setTimeout(r, 5000).unref())])
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs.clear()
}
