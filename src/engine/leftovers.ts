/**
 * Engine tags of dead runs. A SIGKILLed kiln cannot untag what it loaded or built
 * (`kiln-base/…`, `kiln-out/…`); its tags carry its owner token, so the next build removes
 * them — never a tag of a live run, nor one made on another host sharing the engine.
 */
import { tryRun } from '../util/exec.js'
import { ownerIsDead } from '../util/lifecycle.js'
import type { Reporter } from '../util/log.js'

/**
 * Removes the `kiln-base/*` and `kiln-out/*` tags of runs that are gone, the containers still
 * running from them, and the `NAME:latest` alias a dead run gave the same image (a base named
 * in a Dockerfile's FROM) when no live run's tag holds that image. Returns what it removed.
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
  const held = new Set(ours.filter(([tag]) => !ownerIsDead('tag', tag)).map(([, id]) => id))
  const orphaned = new Set(dead.map(([, id]) => id).filter((id) => !held.has(id)))
  const aliases = images.filter(([tag, id]) => orphaned.has(id) && tag.endsWith(':latest'))
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
  const remove = [...dead, ...aliases].map(([tag]) => tag)
  // Without --force: an image a container still uses stays (and is tried again next time).
  for (const tag of remove) await tryRun('docker', ['image', 'rm', tag], { reporter, cleanup: true })
  return [...containers.map((c) => `container ${c}`), ...remove]
}
