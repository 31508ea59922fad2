/**
 * Engine tags of dead runs. A SIGKILLed kiln cannot untag what it loaded or built
 * (`kiln-base/…`, `kiln-out/…`); its tags carry its owner token, so the next build removes
 * them — never a tag of a live run, nor one made on another host sharing the engine.
 */
import { tryRun } from '../util/exec.js'
import { ownerIsDead } from '../util/lifecycle.js'
import type { Reporter } from '../util/log.js'

/**
 * Removes the `kiln-base/*` and `kiln-out/*` tags of runs that are gone and the containers still
 * running from them. Returns what it removed. Kiln makes no other tags (chain images reach a
 * build under a run's own tag), so no other name in the engine is ever Kiln's to remove.
 */
export async function sweepEngineTags(reporter?: Reporter): Promise<string[]> {
  const ls = await tryRun('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'], {
    reporter,
    cleanup: true
  })
  if (!ls) return [] // no engine here: nothing of ours in it either
  const images = ls.stdout
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter((p): p is [string, string] => p.length === 2)
  const ours = images.filter(([tag]) => /^kiln-(base|out)\//.test(tag))
  const dead = ours.filter(([tag]) => ownerIsDead('tag', tag))
  // A tool a dead run started (packer's docker builder) may have left its container running
  // from one of those tags: it goes first, or the tag could not be removed.
  const deadTags = new Set(dead.map(([tag]) => tag))
  const ps = await tryRun('docker', ['ps', '-a', '--format', '{{.ID}} {{.Image}}'], {
    reporter,
    cleanup: true
  })
  const containers = (ps?.stdout ?? '')
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter(([cid, image]) => cid && image && deadTags.has(image))
    .map(([cid]) => cid)
  if (containers.length) await tryRun('docker', ['rm', '--force', ...containers], { reporter, cleanup: true })
  const remove = dead.map(([tag]) => tag)
  // Without --force: an image a container still uses stays (and is tried again next time).
  for (const tag of remove) await tryRun('docker', ['image', 'rm', '--', tag], { reporter, cleanup: true })
  return [...containers.map((c) => `container ${c}`), ...remove]
}
