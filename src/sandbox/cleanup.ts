/**
 * What the sandbox started or created, so that it can be taken down whatever happens: after
 * success or failure (callers use try/finally), and on SIGINT/SIGTERM. The signal handling
 * itself is kiln's one cancellation path in util/lifecycle.ts; these names stay for the
 * sandbox's callers. Mounts need no entry here: they live in a private mount namespace that
 * the kernel removes with its last process.
 */
export { holdInterrupts, killGroup, pending, trackChild, trackDir } from '../util/lifecycle.js'
