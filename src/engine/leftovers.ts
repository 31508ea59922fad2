/**
 * Engine tags of dead runs. A SIGKILLed kiln cannot untag what it loaded or built
 * (`kiln-base/…`, `kiln-out/…`); its tags carry its owner token, so the next build removes
 * them — never a tag of a live run, nor one made on another host sharing the engine.
 */
import { tryRun } from '../util/exec.js'
import { ownerIsDead } from '../util/lifecycle.js'
import type { Reporter } from '../util/log.js'

/** Removes the `kiln-base/*` and `kiln-out/*` tags of runs that are gone; returns them. */
export async function sweepEngineTags(reporter?: Reporter): Promise<string[]> {
  // Several reference filters match any of them.
  const ls = await tryRun(
    'docker',
    [
      'image',
      'ls',
      '--format',
      '{{.Repository}}:{{.Tag}}',
      '--filter',
      'reference=kiln-base/*',
      '--filter',
      'reference=kiln-out/*'
    ],
    { reporter, cleanup: true }
  )
  if (!ls) return [] // no engine here: nothing of ours in it either
  const dead = ls.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((t) => t && ownerIsDead('tag', t))
  // Without --force: an image a container still uses stays (and is tried again next time).
  for (const tag of dead) await tryRun('docker', ['image', 'rm', tag], { reporter, cleanup: true })
  return dead
}
