import type { ImageSpec } from '../model/types.js'

/** How `docker build` runs: the classic builder (DOCKER_BUILDKIT=0) or BuildKit through buildx. */
export type DockerBuildMode = 'classic' | 'buildx'

export interface DockerBuildInputs {
  /** Absolute path of the Dockerfile. */
  file: string
  /** Absolute path of the build context. */
  contextDir: string
  /** Engine reference of the base image, given to the Dockerfile as BASE_IMAGE (none for scratch). */
  baseRef?: string
  /** Unique tag the result gets in the engine, to save it from there. */
  outputTag: string
  mode: DockerBuildMode
  sourceDateEpoch?: number
  /**
   * `os/arch` of the image when the host runs it under emulation (linux/arm64 on x86_64): FROMs
   * that are not chain images (debian:12) then resolve to that platform, and the engine checks
   * the chain images it was given are of it.
   */
  platform?: string
}

/**
 * The `docker build` command line for an image, as an argument array (never a shell string).
 * Pure, so every option's spelling is covered by a table test.
 */
export function dockerBuildArgs(spec: ImageSpec, inp: DockerBuildInputs): string[] {
  const args = inp.mode === 'buildx' ? ['buildx', 'build', '--load'] : ['build']
  // Every value in --flag=value form, so that none can be read as an option of its own.
  args.push(`--file=${inp.file}`, `--tag=${inp.outputTag}`)
  // corpusops' `tag`: the name the user wants the image to have in the engine afterwards.
  if (spec.tag) args.push(`--tag=${spec.tag}`)
  // Host networking by default: RUN apt-get then reaches the host's mirror and proxy settings.
  args.push(`--network=${spec.network ?? 'host'}`)
  // The classic builder keeps failed steps' containers unless told otherwise.
  if (inp.mode === 'classic') args.push('--force-rm')
  const buildArgs: Record<string, string> = {}
  if (inp.baseRef) buildArgs.BASE_IMAGE = inp.baseRef
  if (inp.sourceDateEpoch !== undefined) buildArgs.SOURCE_DATE_EPOCH = String(inp.sourceDateEpoch)
  // The catalog's own args win over the ones Kiln provides.
  Object.assign(buildArgs, spec.args)
  for (const k of Object.keys(buildArgs).sort()) args.push(`--build-arg=${k}=${buildArgs[k]}`)
  if (spec.target) args.push(`--target=${spec.target}`)
  // The catalog's own --platform (extra_args) wins: it was checked when the catalog loaded.
  if (inp.platform && !spec.extraArgs.some((a) => a.startsWith('--platform=')))
    args.push(`--platform=${inp.platform}`)
  for (const k of Object.keys(spec.labels).sort()) args.push(`--label=${k}=${spec.labels[k]}`)
  // Checked against an allowlist when the catalog was loaded (model/extra-args.ts).
  args.push(...spec.extraArgs)
  // `--`: the context is an absolute path, and never an option whatever it is.
  args.push('--', inp.contextDir)
  return args
}

/** Docker repository names are lowercase [a-z0-9] separated by '.', '_', '__' or dashes. */
export function dockerSafeName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
  return s || 'image'
}

/** A progress line worth showing at info level: a Dockerfile step of either builder. */
export function isDockerStepLine(line: string): boolean {
  return /^Step \d+\/\d+ : /.test(line) || /^#\d+ \[[^\]]+\] /.test(line)
}
