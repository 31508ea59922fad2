/**
 * Dockerfile builder: the base from the store goes into the engine under a unique tag, given
 * as BASE_IMAGE; every other chain image the Dockerfile names (`FROM debian_12-base`, as on
 * Packet's plan branches, or COPY --from) goes in the same way and the build reads a copy of
 * the Dockerfile naming those tags (chain-refs.ts). `docker build` runs, and the result comes
 * back into the store with `docker save` (only layers the store lacks are written).
 */
import { resolve } from 'node:path'
import { saveFromDocker } from '../engine/index.js'
import { ExecError, run } from '../util/exec.js'
import { BuildError, errorMessage } from '../util/errors.js'
import { formatBytes, formatSeconds } from '../util/log.js'
import type { BuildContext, BuildResult, Builder } from './types.js'
import { dockerBuildArgs, isDockerStepLine } from './docker-build-args.js'
import { dockerBuildMode, type EngineSession } from './engine-session.js'
import { dockerfileForBuild } from './chain-refs.js'
import { runsNatively } from '../model/arch.js'
import { ociArch } from '../store/layout.js'

export interface EngineBuilderOptions {
  session: EngineSession
  /** Given to the build as SOURCE_DATE_EPOCH. */
  sourceDateEpoch?: number
}

export class DockerfileBuilder implements Builder {
  constructor(private readonly opts: EngineBuilderOptions) {}

  async build(ctx: BuildContext): Promise<BuildResult> {
    const { spec } = ctx.image
    const { session } = this.opts
    const root = ctx.catalog.root
    if (!spec.file) throw new BuildError(spec.name, 'docker build', 'no Dockerfile: the image has no "file"')
    const file = resolve(root, spec.file)
    const contextDir = resolve(root, spec.workingDir)

    const baseRef = await provideBase(ctx, session, 'docker load')
    const mode = await dockerBuildMode(ctx.reporter)
    const dockerfile = await dockerfileForBuild(ctx, session, file, baseRef, mode).catch((e: unknown) => {
      throw toBuildError(spec.name, 'docker build', e)
    })
    const outputTag = session.uniqueTag(spec.name, 'out')
    const args = dockerBuildArgs(spec, {
      file: dockerfile,
      contextDir,
      baseRef,
      outputTag,
      mode,
      sourceDateEpoch: this.opts.sourceDateEpoch,
      platform: emulatedPlatform(spec.arch)
    })
    // The classic builder commits every step as an image (" ---> <id>"); after a failure those
    // are dangling, and the session removes them.
    const stepImages: string[] = []
    let afterFrom = false
    try {
      await run('docker', args, {
        cwd: contextDir,
        env: mode === 'classic' ? { DOCKER_BUILDKIT: '0' } : { DOCKER_BUILDKIT: '1' },
        reporter: ctx.reporter,
        signal: ctx.signal,
        captureStdout: false,
        onLine: (l) => {
          const step = /^ ---> ([0-9a-f]{12,64})$/.exec(l)
          // The id right after a FROM step is an existing image (the base, or any image named there): never ours.
          if (step && !afterFrom) stepImages.push(step[1])
          if (/^Step \d+\/\d+ : /.test(l)) afterFrom = /^Step \d+\/\d+ : FROM /i.test(l)
          else if (step) afterFrom = false
          if (isDockerStepLine(l)) ctx.reporter.info(l)
          else ctx.reporter.debug(l)
        }
      })
    } catch (e) {
      session.forget(stepImages)
      throw toBuildError(spec.name, 'docker build', e)
    }
    return saveResult(ctx, session, outputTag)
  }
}

/** `linux/<arch>` for an image the host runs under emulation (qemu-user through binfmt); undefined for native ones. */
export function emulatedPlatform(arch: string): string | undefined {
  return runsNatively(arch) ? undefined : `linux/${ociArch(arch)}`
}

/**
 * Puts the base into the engine for a build; returns the unique tag to build from (undefined
 * for scratch). Only that tag: the base's catalog name may be an engine image of someone else
 * (a FROM naming it gets the stored image through chain-refs.ts).
 */
export async function provideBase(
  ctx: BuildContext,
  session: EngineSession,
  step: string
): Promise<string | undefined> {
  const { spec } = ctx.image
  if (!ctx.base) return undefined
  const baseRef = session.uniqueTag(spec.name, 'base')
  try {
    await session.provide(ctx.store, ctx.base, [baseRef], ctx.reporter, ctx.signal)
  } catch (e) {
    throw toBuildError(spec.name, step, e)
  }
  return baseRef
}

/** `docker save` of the built image into the store; remembers it so children skip a load. */
export async function saveResult(
  ctx: BuildContext,
  session: EngineSession,
  ref: string
): Promise<BuildResult> {
  const { spec } = ctx.image
  try {
    const id = await session.inspectId(ref)
    const t0 = Date.now()
    const saved = await saveFromDocker(ctx.store, ref, ctx.reporter, ctx.signal)
    const size = saved.layers.reduce((n, l) => n + l.size, 0)
    ctx.reporter.info(
      `saved from the engine: ${saved.layers.length} layers, ${formatBytes(size)} in ${formatSeconds((Date.now() - t0) / 1000)}`
    )
    session.remember(ctx.image.key, id)
    const { rootfs: _rootfs, ...config } = saved.config
    return { layers: saved.layers, config }
  } catch (e) {
    throw toBuildError(spec.name, 'docker save', e)
  }
}

/**
 * The tool's lines as a person reads them: no colour codes (the classic builder paints stderr),
 * no notice that the classic builder is deprecated (it is chosen on purpose, see engine-session).
 */
export function cleanTail(tail: string[]): string[] {
  return tail
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))
    .filter(
      (l) =>
        !/^DEPRECATED: The legacy builder is deprecated/.test(l) &&
        !/^\s+(BuildKit is currently disabled|environment-variable\.|install the buildx component)/.test(l)
    )
}

export function toBuildError(image: string, step: string, e: unknown): BuildError {
  if (e instanceof BuildError) return e
  if (e instanceof ExecError) {
    // The full command line is in the debug log; the message keeps the tool and its reason.
    const reason = e.message.startsWith(e.command) ? e.message.slice(e.command.length + 2) : e.message
    return new BuildError(image, step, `${e.command.split(' ')[0]} ${reason}`, cleanTail(e.tail))
  }
  const tail = (e as { tail?: unknown }).tail
  return new BuildError(image, step, errorMessage(e), Array.isArray(tail) ? tail.map(String) : [])
}
