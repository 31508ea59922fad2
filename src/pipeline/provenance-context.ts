/**
 * What the build knows of an image that its provenance states (exporters/provenance.ts): the
 * catalog entry, the key and its inputs, the chain images below it with their store digests,
 * the base sources the chain started from, and the tools that ran. The exporter only writes it.
 */
import type { ChainImage } from '../exporters/origin.js'
import type { ProvenanceContext, ResourceDescriptor } from '../exporters/provenance.js'
import type { BaseSource, BuilderKind } from '../model/types.js'
import type { PlannedImage } from '../plan/types.js'
import type { StoredImage } from '../store/types.js'
import { tryRun } from '../util/exec.js'
import { kilnVersion, toolVersions, type Tool } from '../util/tool-versions.js'

/** The catalog entry as normalised, without its place in the file (externalParameters). */
export function specParameters(p: PlannedImage): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { index, pointer, line, baseLine, baseColumn, ...rest } = p.spec
  return rest as unknown as Record<string, unknown>
}

/** The tools each kind of builder runs. */
const BUILDER_TOOLS: Record<BuilderKind, Tool[]> = {
  dockerfile: ['docker'],
  packer: ['packer', 'docker'],
  overlay: ['runc'],
  aci: ['runc'],
  import: []
}

function sourceTools(base: BaseSource): Tool[] {
  if (base.kind === 'docker') return ['docker']
  if (base.kind === 'bootstrap') return ['mmdebstrap']
  return []
}

const digestCache = new Map<string, Promise<string | undefined>>()

/** The registry digest of a docker image ref: the pinned one, or the engine's RepoDigests (asked once). */
function dockerDigest(ref: string): Promise<string | undefined> {
  const pinned = /@sha256:([0-9a-f]{64})$/.exec(ref)
  if (pinned) return Promise.resolve(pinned[1])
  let p = digestCache.get(ref)
  if (!p) {
    p = tryRun('docker', ['image', 'inspect', '--format', '{{json .RepoDigests}}', ref]).then((r) => {
      const digests = r ? (JSON.parse(r.stdout || '[]') as string[]) : []
      return /@sha256:([0-9a-f]{64})$/.exec(digests[0] ?? '')?.[1]
    })
    digestCache.set(ref, p)
  }
  return p
}

/** A base source as a resolved dependency; undefined for an image of the chain or scratch. */
export async function baseSourceDescriptor(p: PlannedImage): Promise<ResourceDescriptor | undefined> {
  const b = p.spec.base
  const input = p.inputs.find((i) => i.kind === `base-${b.kind}`)
  const hex = input?.digest.replace(/^sha256:/, '')
  switch (b.kind) {
    case 'docker': {
      const digest = await dockerDigest(b.ref)
      return { name: b.ref, uri: `docker:${b.ref}`, ...(digest ? { digest: { sha256: digest } } : {}) }
    }
    case 'tar':
    case 'squashfs':
      return {
        name: b.path,
        uri: `file:${b.path}`,
        ...(hex ? { digest: { sha256: hex } } : {}),
        annotations: { kind: `base-${b.kind}` }
      }
    case 'dir':
      return {
        name: b.path,
        uri: `file:${b.path}`,
        ...(hex ? { digest: { kilnInputSha256: hex } } : {}),
        annotations: { kind: 'base-dir' }
      }
    case 'bootstrap': {
      const s = b.bootstrap
      return {
        name: `bootstrap ${s.suite}`,
        uri: `mmdebstrap:${s.suite}`,
        annotations: {
          suite: s.suite,
          ...(s.variant ? { variant: s.variant } : {}),
          ...(s.components ? { components: s.components } : {}),
          ...(s.include ? { include: s.include } : {}),
          // Without a mirror, the build host's apt sources were used.
          mirror: s.mirror ?? 'the build host apt sources',
          ...(s.snapshot ? { snapshot: s.snapshot } : {}),
          arch: s.arch ?? p.spec.arch
        }
      }
    }
    default:
      return undefined
  }
}

export interface ChainMember {
  planned: PlannedImage
  stored?: StoredImage
}

/**
 * The provenance context of `self` built on `ancestors` (nearest first). Tool versions are
 * stated only for an image built in this run: a reused one was made by whatever ran then.
 */
export async function provenanceContext(
  self: ChainMember,
  ancestors: ChainMember[],
  run: { invocationId: string; startedOn: string; runUrl?: string; builtNow: boolean; bootGate: boolean }
): Promise<ProvenanceContext> {
  const tools: Tool[] = []
  if (run.builtNow)
    tools.push(...BUILDER_TOOLS[self.planned.spec.builder], ...sourceTools(self.planned.spec.base))
  if (run.bootGate) tools.push('qemu')
  const baseSources = await Promise.all([self, ...ancestors].map((m) => baseSourceDescriptor(m.planned)))
  return {
    spec: specParameters(self.planned),
    key: self.planned.key,
    inputs: self.planned.inputs,
    ancestors: ancestors.map((a) => ({
      name: a.planned.spec.name,
      key: a.planned.key,
      manifestDigest: a.stored?.manifestDigest
    })),
    baseSources: baseSources.filter((d): d is ResourceDescriptor => d !== undefined),
    manifestDigest: self.stored?.manifestDigest,
    kilnVersion: kilnVersion(),
    toolVersions: await toolVersions(tools),
    invocationId: run.invocationId,
    startedOn: run.startedOn,
    runUrl: run.runUrl
  }
}

/** The chain images as the exporter needs them (layer digests, to attribute packages). */
export function chainImages(ancestors: ChainMember[]): ChainImage[] {
  return ancestors
    .filter((a) => a.stored)
    .map((a) => ({
      name: a.planned.spec.name,
      key: a.planned.key,
      manifestDigest: a.stored!.manifestDigest,
      layers: a.stored!.layers.map((l) => l.digest)
    }))
}
