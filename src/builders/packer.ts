/**
 * Packer builder: `packer build -machine-readable` on a JSON or HCL2 template, with the base
 * loaded into the engine and handed over as the `base_image` variable. The template's docker
 * builder (`commit: true`) leaves an engine image; its id comes from the machine-readable
 * artifact records, and `docker save` brings it into the store.
 */
import { randomBytes } from 'node:crypto'
import { access, constants, mkdir, readFile, writeFile } from 'node:fs/promises'
import { delimiter, join, resolve } from 'node:path'
import { removeLabelledContainers } from '../engine/docker.js'
import { run, tryRun, Tail, wholeTree } from '../util/exec.js'
import { BuildError } from '../util/errors.js'
import type { BuildContext, BuildResult, Builder } from './types.js'
import { provideBase, saveResult, toBuildError, type EngineBuilderOptions } from './dockerfile.js'
import { packerTemplateForBuild } from './chain-refs.js'
import { PackerOutput, declaredVariables, packerBuildArgs } from './packer-output.js'

let packerVersionProbe: Promise<string | null> | undefined

/** `packer version` once per process, e.g. "1.6.6"; null when packer is missing. */
export function packerVersion(): Promise<string | null> {
  packerVersionProbe ??= tryRun('packer', ['version'], { env: { CHECKPOINT_DISABLE: '1' } }).then(
    (r) => r?.stdout.match(/v?(\d+\.\d+\.\d+)/)?.[1] ?? null
  )
  return packerVersionProbe
}

function atLeast(version: string, want: [number, number]): boolean {
  const [a, b] = version.split('.').map(Number)
  return a > want[0] || (a === want[0] && b >= want[1])
}

export class PackerBuilder implements Builder {
  constructor(private readonly opts: EngineBuilderOptions) {}

  async build(ctx: BuildContext): Promise<BuildResult> {
    const { spec } = ctx.image
    const { session } = this.opts
    if (!spec.file) throw new BuildError(spec.name, 'packer build', 'no template: the image has no "file"')
    const template = resolve(ctx.catalog.root, spec.file)
    const cwd = resolve(ctx.catalog.root, spec.workingDir)
    const isJson = /\.json$/i.test(template)
    const version = await packerVersion()
    if (!version)
      throw new BuildError(spec.name, 'packer build', 'packer is not installed (Debian package "packer")')

    let text: string
    let declared: Set<string>
    try {
      text = await readFile(template, 'utf8')
      declared = declaredVariables(text, isJson)
    } catch (e) {
      throw toBuildError(spec.name, 'packer template', e)
    }

    const baseRef = await provideBase(ctx, session, 'docker load')
    const buildTemplate = await packerTemplateForBuild(ctx, session, template).catch((e: unknown) => {
      throw toBuildError(spec.name, 'packer template', e)
    })
    const env = {
      CHECKPOINT_DISABLE: '1',
      // Packer's docker builder shares a temp dir with the container: keep it in this build's work area.
      PACKER_TMP_DIR: ctx.workDir,
      PACKER_NO_COLOR: '1'
    }
    if (!isJson && /\brequired_plugins\b/.test(text)) {
      if (atLeast(version, [1, 7])) {
        try {
          await run('packer', ['init', buildTemplate], {
            cwd,
            env,
            reporter: ctx.reporter,
            signal: ctx.signal
          })
        } catch (e) {
          throw toBuildError(spec.name, 'packer init', e)
        }
      } else {
        ctx.reporter.warn(
          `packer ${version} has no "packer init" (1.7+); required_plugins in ${spec.file} are ignored`
        )
      }
    }

    const outputTag = session.uniqueTag(spec.name, 'out')
    // Variables Kiln provides, passed only when the template declares them (HCL2 rejects unknown ones).
    const provided: Record<string, string> = { output_tag: outputTag, image_name: spec.name }
    if (baseRef) provided.base_image = baseRef
    if (this.opts.sourceDateEpoch !== undefined)
      provided.source_date_epoch = String(this.opts.sourceDateEpoch)
    const vars: Record<string, string> = {}
    for (const [k, v] of Object.entries(provided)) if (declared.has(k)) vars[k] = v
    Object.assign(vars, spec.args)

    // Every container Packer starts gets this label, so none outlives the build, whatever the
    // template does: a failed `docker run` leaves a created container Packer never learnt of.
    const label = `kiln.packer=${randomBytes(8).toString('hex')}`
    const shimDir = await dockerLabelShim(ctx.workDir, label).catch((e: unknown) => {
      throw toBuildError(spec.name, 'packer build', e)
    })

    const out = new PackerOutput()
    const tail = new Tail()
    try {
      // Packer's plugins and the `docker exec` they run must end with it, even on SIGKILL.
      const [cmd, argv] = wholeTree('packer', packerBuildArgs(buildTemplate, vars, spec.extraArgs))
      await run(cmd, argv, {
        cwd,
        env: { ...env, PATH: `${shimDir}${delimiter}${process.env.PATH ?? ''}` },
        reporter: ctx.reporter,
        signal: ctx.signal,
        onLine: (l) => {
          const ui = out.push(l)
          if (!ui) return
          for (const line of ui.lines) {
            tail.push(`${line}\n`)
            if (ui.kind === 'say') ctx.reporter.info(line)
            else ctx.reporter.debug(line)
          }
        }
      })
    } catch (e) {
      const reason = out.failure() ?? (e as Error).message.split('\n')[0]
      throw new BuildError(spec.name, 'packer build', reason, tail.get())
    } finally {
      const left = await removeLabelledContainers(label, ctx.reporter)
      if (left) ctx.reporter.debug(`${spec.name}: removed ${left} container(s) Packer left`)
    }

    const produced = out.dockerImage()
    if (!produced) {
      throw new BuildError(
        spec.name,
        'packer build',
        'the template produced no engine image: use the docker builder with "commit": true',
        tail.get()
      )
    }
    try {
      await session.tag(produced, outputTag)
    } catch (e) {
      throw toBuildError(spec.name, 'packer build', e)
    }
    return saveResult(ctx, session, outputTag)
  }
}

/**
 * A `docker` first on Packer's PATH that adds `--label <label>` to `docker run` and `docker
 * create` and passes everything else to the real docker: Packer's docker builder has no
 * setting of its own for labels, and its run_command belongs to the template.
 */
async function dockerLabelShim(workDir: string, label: string): Promise<string> {
  const docker = await findOnPath('docker')
  if (!docker) throw new Error('docker is not on PATH')
  const dir = join(workDir, 'packer-docker-shim')
  await mkdir(dir, { recursive: true })
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
  await writeFile(
    join(dir, 'docker'),
    [
      '#!/bin/sh',
      'case "$1" in',
      `  run|create) sub=$1; shift; exec ${q(docker)} "$sub" --label ${q(label)} "$@" ;;`,
      'esac',
      `exec ${q(docker)} "$@"`,
      ''
    ].join('\n'),
    { mode: 0o755 }
  )
  return dir
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const d of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const p = join(d, name)
    if (
      await access(p, constants.X_OK).then(
        () => true,
        () => false
      )
    )
      return p
  }
  return undefined
}
