/**
 * Build provenance of an exported image: an in-toto Statement v1 whose predicate is SLSA
 * Provenance v1 (out/<name>/provenance.intoto.json). Its subjects are the image's archives by
 * sha256; the build definition is the catalog entry (externalParameters), the input key
 * (internalParameters) and everything the key hashed, the images of the chain below it and the
 * base source (resolvedDependencies); the run details name Kiln, its version, the tools it ran
 * and, on GitHub Actions, the workflow run.
 *
 * The statement is unsigned: it says what Kiln did, and is as trustworthy as the runner that
 * wrote it. Sign it (e.g. actions/attest-build-provenance over SHA256SUMS) to bind it to that runner.
 */

export const PROVENANCE_FILE = 'provenance.intoto.json'
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
export const PREDICATE_TYPE = 'https://slsa.dev/provenance/v1'
/**
 * What the fields of buildDefinition mean (documented in the README's Provenance section). URNs:
 * Kiln has no web address of its own to name them by.
 */
export const BUILD_TYPE = 'urn:kiln:build-type:image:v1'
export const BUILDER_ID = 'urn:kiln:builder:v1'

/** A SLSA ResourceDescriptor (in-toto attestation v1): at least one of uri and digest. */
export interface ResourceDescriptor {
  name?: string
  uri?: string
  digest?: Record<string, string>
  annotations?: Record<string, unknown>
}

/** One input the image's key hashed (plan/types.ts KeyInput). */
export interface KeyedInput {
  kind: string
  name: string
  /** sha256:<hex> */
  digest: string
}

/** What the build knows of an image, beyond its archives, for its provenance. */
export interface ProvenanceContext {
  /** The catalog entry as normalised (without its place in the file). */
  spec: Record<string, unknown>
  key: string
  inputs: KeyedInput[]
  /** The images of the chain it was built on, nearest first. */
  ancestors: Array<{ name: string; key?: string; manifestDigest?: string }>
  /** The base sources of the chain (docker image, tarball, bootstrap …), this image's first. */
  baseSources: ResourceDescriptor[]
  /** The image's manifest digest in the store. */
  manifestDigest?: string
  kilnVersion: string
  /** Versions of the external tools that ran (docker, packer, umoci, qemu, mmdebstrap). */
  toolVersions: Record<string, string>
  invocationId: string
  startedOn: string
  /** The workflow run, on GitHub Actions. */
  runUrl?: string
}

/**
 * Inputs whose digest is the plain sha256 of one file's bytes (what `sha256sum` prints); the
 * others (trees, the spec, args, builder) are Kiln's own digests of what it hashed, named as such.
 */
const FILE_KINDS = new Set([
  'file',
  'dockerignore',
  'packer-ref',
  'aci-ref',
  'aci-host-binary',
  'pack',
  'copy',
  'host-file',
  'host-copy',
  'base-tar',
  'base-squashfs'
])

/** A key input as a resolved dependency. */
export function inputDescriptor(i: KeyedInput): ResourceDescriptor {
  const hex = i.digest.replace(/^sha256:/, '')
  if (i.kind === 'base-stored')
    return {
      name: i.name,
      uri: `kiln-store:${i.name}`,
      digest: { sha256: hex },
      annotations: { kind: i.kind }
    }
  const plainFile = FILE_KINDS.has(i.kind)
  return {
    name: i.name,
    digest: plainFile ? { sha256: hex } : { kilnInputSha256: hex },
    annotations: { kind: i.kind }
  }
}

/** The SLSA v1 provenance statement of an image's archives. */
export function provenanceStatement(
  image: string,
  archives: Array<{ file: string; sha256: string }>,
  ctx: ProvenanceContext,
  finishedOn: string
): Record<string, unknown> {
  // Chain images count through their own entries below, with their manifest digests.
  const inputs = ctx.inputs.filter((i) => i.kind !== 'base' && i.kind !== 'dep')
  const ancestors: ResourceDescriptor[] = ctx.ancestors.map((a) => ({
    name: a.name,
    uri: `kiln-image:${a.name}`,
    ...(a.manifestDigest ? { digest: { sha256: a.manifestDigest.replace(/^sha256:/, '') } } : {}),
    annotations: { kind: 'chain-image', ...(a.key ? { key: a.key } : {}) }
  }))
  // A descriptor needs a uri or a digest: an ancestor not in the store gets its key as its name only.
  for (const a of ancestors)
    if (!a.digest && a.annotations?.key) a.digest = { kilnKey: String(a.annotations.key) }
  return {
    _type: STATEMENT_TYPE,
    subject: [...archives]
      .sort((a, b) => (a.file < b.file ? -1 : 1))
      .map((a) => ({ name: `${image}/${a.file}`, digest: { sha256: a.sha256 } })),
    predicateType: PREDICATE_TYPE,
    predicate: {
      buildDefinition: {
        buildType: BUILD_TYPE,
        externalParameters: { image: ctx.spec },
        internalParameters: {
          key: ctx.key,
          ...(ctx.manifestDigest ? { manifestDigest: ctx.manifestDigest } : {}),
          tools: { kiln: ctx.kilnVersion, ...ctx.toolVersions }
        },
        resolvedDependencies: [...inputs.map(inputDescriptor), ...ancestors, ...ctx.baseSources]
      },
      runDetails: {
        builder: {
          id: BUILDER_ID,
          version: { kiln: ctx.kilnVersion, ...ctx.toolVersions }
        },
        metadata: {
          invocationId: ctx.invocationId,
          startedOn: ctx.startedOn,
          finishedOn
        },
        ...(ctx.runUrl ? { byproducts: [{ name: 'workflow-run', uri: ctx.runUrl }] } : {})
      }
    }
  }
}

/** The URL of the GitHub Actions run, from the runner's environment; undefined elsewhere. */
export function githubRunUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env
  if (!server || !repo || !run) return undefined
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''
  return `${server}/${repo}/actions/runs/${run}${attempt}`
}
