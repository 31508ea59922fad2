/**
 * Turning a tar stream from some producer (a file, mmdebstrap, GNU tar over a directory,
 * sqfs2tar) into one checked layer in the store, without holding it in memory.
 */
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { LayerRef, Store } from '../store/types.js'
import type { StreamProcess } from '../util/exec-stream.js'
import { checkedTar, TarSafetyError } from './safe-tar.js'

/**
 * Stores `tar` (a plain tar stream) as a layer after checking every entry (safe-tar.ts);
 * the bytes are kept exactly as they come. `archive` names the data in errors. When `proc`
 * produced the stream, its exit status counts too: a tool that fails half-way fails the
 * layer, and nothing is kept.
 */
export async function storeCheckedLayer(
  store: Store,
  tar: Readable,
  archive: string,
  proc?: StreamProcess
): Promise<LayerRef> {
  const check = checkedTar(archive)
  try {
    const [layer] = await Promise.all([store.putLayer(check), pipeline(tar, check), proc?.done])
    return layer
  } catch (e) {
    if (!proc) throw e
    if (e instanceof TarSafetyError) {
      proc.kill()
      throw e
    }
    tar.destroy()
    // A tool that failed on its own explains a short or broken stream better than the pipe does.
    const toolError = await proc.done.then(
      () => null,
      (x: unknown) => x as Error
    )
    throw toolError && !/killed by|cancelled/.test(toolError.message) ? toolError : e
  }
}
