/**
 * The overlay builder: the base image's layers, read-only, under a writable upper
 * directory in the sandbox; the steps of the node's `overlay` spec change the tree; the
 * upper directory becomes ONE new layer on top of the base's.
 *
 * Stage order (genoci's, which IMAGES.json overlay nodes share): pre → packs → copy →
 * install → expand → run → post. `post` hooks also run after a failed stage (genoci used
 * them to undo what `pre` set up); the first failure is the one reported.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, isAbsolute, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import tarStream from 'tar-stream'
import type { ImageSpec, OverlaySpec } from '../model/types.js'
import { Sandbox, envFromList, type CommandOptions } from '../sandbox/sandbox.js'
import type { DriverResult } from '../sandbox/driver.js'
import { upperToLayer } from '../sandbox/layer.js'
import { checkWritePaths } from '../sandbox/links.js'
import { secureJoinLayers, type LayeredTarget } from '../util/in-root.js'
import { run } from '../util/exec.js'
import { DEFAULT_CACHE_DIR, unpackLayers } from '../sandbox/unpacked.js'
import type { PatchFile } from '../sandbox/patch.js'
import { decompressStream } from '../sources/compression.js'
import { checkedTar, normaliseEntryName, TarSafetyError } from '../sources/safe-tar.js'
import { ociArch } from '../store/layout.js'
import type { OciImageConfig, StoredImage } from '../store/types.js'
import { BuildError, errorMessage } from '../util/errors.js'
import type { Reporter } from '../util/log.js'
import type { BuildContext, BuildResult, Builder } from './types.js'

export const OVERLAY_BUILDER_VERSION = '1'

/** Options shared by the builders that use the sandbox. */
export interface SandboxBuilderOptions {
  /** Where unpacked layers are kept for reuse (default /var/tmp/kiln, or $KILN_SANDBOX_CACHE). */
  cacheDir?: string
}

// Keep GNU tar from replacing a merged-/usr image's `bin -> usr/bin` with a directory, and
// from changing the mode or owner of directories the image already has.
const EXTRACT_FLAGS =
  '--no-overwrite-dir --keep-directory-symlink --numeric-owner --xattrs --xattrs-include=*'

/** A step inside the build, for messages: "run[2]", "copy[0]". */
type StepName = string

export class OverlayBuilder implements Builder {
  constructor(private readonly opts: SandboxBuilderOptions = {}) {}

  async build(ctx: BuildContext): Promise<BuildResult> {
    const spec = ctx.image.spec
    const o = spec.overlay ?? {}
    const name = spec.name
    const lowers = await unpackLayers(
      ctx.base?.layers ?? [],
      this.opts.cacheDir ?? DEFAULT_CACHE_DIR,
      ctx.reporter
    ).catch((e: unknown) => {
      throw new BuildError(name, 'unpack base', errorMessage(e))
    })
    const sb = await Sandbox.open({
      dir: join(ctx.workDir, 'sandbox'),
      lowers,
      mounts: o.mounts,
      policyRcD: o.policyRcD,
      env: { ...envFromList(ctx.base?.config.config?.Env), ...o.env },
      reporter: ctx.reporter,
      signal: ctx.signal
    })
    try {
      // genoci's recipes name the user's own host files by absolute path; Kiln's catalogs may not.
      const steps = new Steps(sb, spec, ctx.catalog.root, ctx.reporter, ctx.catalog.format === 'genoci')
      let failure: unknown = null
      try {
        await steps.all(o)
      } catch (e) {
        failure = e
      }
      for (const [i, hook] of (o.post ?? []).entries()) {
        try {
          await steps.hook(hook, `post[${i}]`)
        } catch (e) {
          if (!failure) failure = e
          else ctx.reporter.warn(`${name}: post[${i}] failed too: ${errorMessage(e)}`)
        }
      }
      if (failure) throw failure
      const layer = await upperToLayer(ctx.store, sb.upper).catch((e: unknown) => {
        throw new BuildError(name, 'layer', errorMessage(e), (e as { tail?: string[] }).tail ?? [])
      })
      return {
        layers: [...(ctx.base?.layers ?? []), layer],
        config: overlayConfig(spec, ctx.base, o),
        annotations: o.annotations
      }
    } finally {
      await sb.close()
    }
  }
}

export const overlayBuilder: Builder = new OverlayBuilder()

/** The stages, in genoci's fixed order. */
class Steps {
  constructor(
    private readonly sb: Sandbox,
    private readonly spec: ImageSpec,
    private readonly root: string,
    private readonly reporter: Reporter,
    private readonly hostPaths = false
  ) {}

  async all(o: OverlaySpec): Promise<void> {
    for (const [i, hook] of (o.pre ?? []).entries()) await this.hook(hook, `pre[${i}]`)
    for (const [i, pack] of (o.packs ?? []).entries()) await this.pack(pack, `packs[${i}]`)
    for (const [i, c] of (o.copy ?? []).entries()) await this.copy(c.src, c.dest, `copy[${i}]`)
    if (o.install?.length) await this.install(o.install)
    for (const [i, t] of (o.expand ?? []).entries()) await this.tarball(t, `expand[${i}]`)
    for (const [i, r] of (o.run ?? []).entries()) await this.run(r, `run[${i}]`)
  }

  /** A host command (genoci's pre/post), %ROOT% replaced by the mounted root. */
  async hook(cmd: string, step: StepName): Promise<void> {
    const text = cmd.split('%ROOT%').join(this.sb.root)
    await this.check(step, this.sb.host(['/bin/sh', '-ec', text], { cwd: this.root, ...this.lines(step) }))
  }

  async pack(p: string, step: StepName): Promise<void> {
    const abs = this.path(p, step)
    const st = await stat(abs).catch(() => null)
    if (!st) throw new BuildError(this.spec.name, step, `${p}: no such file or directory`)
    if (!st.isDirectory()) return this.tarball(p, step)
    const { stdout } = await run('find', [abs, '-mindepth', '1', '-type', 'd', '-printf', '%P\\n'])
    await this.linksSafe(step, [], ['.', ...stdout.split('\n').filter(Boolean)])
    // The pack's files become root's: a checkout's owner means nothing inside an image.
    const script = `tar -C "$1" -cf - --numeric-owner --owner=0 --group=0 . | tar -C "$KILN_ROOT" -xpf - ${EXTRACT_FLAGS}`
    await this.check(step, this.sb.host(['/bin/sh', '-ec', script, 'kiln-pack', abs], this.lines(step)))
  }

  /**
   * A tarball (any compression) laid over the root, after every entry was checked: in the
   * archive (checkedTar: names, links to links), and against the image's own links on the
   * way to each entry and to each hardlink's target. The image is checked in its layers
   * (checkWritePaths), not with checkTar's `root`: the merged root exists only inside the
   * sandbox's mount namespace, so on the host it is an empty directory.
   */
  async tarball(p: string, step: StepName): Promise<void> {
    const abs = this.path(p, step)
    const listed = await listCheckedTar(abs, p, this.reporter).catch((e: unknown) => {
      throw new BuildError(this.spec.name, step, errorMessage(e), [], e instanceof TarSafetyError)
    })
    await this.linksSafe(step, [...listed.files, ...listed.linkTargets], listed.dirs)
    const script = `exec tar -C "$KILN_ROOT" -xpf "$1" ${EXTRACT_FLAGS}`
    await this.check(step, this.sb.host(['/bin/sh', '-ec', script, 'kiln-expand', abs], this.lines(step)))
  }

  async copy(src: string, dest: string, step: StepName): Promise<void> {
    const abs = this.path(src, step)
    const st = await stat(abs).catch(() => null)
    if (!st) throw new BuildError(this.spec.name, step, `${src}: no such file or directory`)
    if (dest.replace(/^\/+/, '').split('/').includes('..'))
      throw new BuildError(this.spec.name, step, `destination ${dest} leaves the image root`)
    // Where the copy lands as the image itself sees it: every link of the image on the way
    // is followed inside the image (`etc -> /x` sends etc/f to the image's /x/f), so cp,
    // running on the host, meets no link it could follow out of the image.
    let to = await this.inImage(dest, step)
    // cp's own rule, made explicit: into a directory the source keeps its name.
    if (dest.endsWith('/') || to.kind === 'dir') to = await this.inImage(`${to.rel}/${basename(abs)}`, step)
    if (st.isDirectory()) {
      // A directory merged into an existing one writes through its subdirectories: checked as a pack's.
      const { stdout } = await run('find', [abs, '-mindepth', '1', '-type', 'd', '-printf', '%P\\n'])
      const dirs = stdout.split('\n').filter(Boolean)
      await this.linksSafe(step, [], [to.rel, ...dirs.map((d) => `${to.rel}/${d}`)])
    }
    // -T: $2 is the destination itself; --remove-destination: a file there is replaced, not written through.
    const script =
      'd="$KILN_ROOT/$2"; mkdir -p "$(dirname "$d")"; exec cp -RPT --remove-destination --preserve=mode,timestamps,links "$1" "$d"'
    await this.check(
      step,
      this.sb.host(['/bin/sh', '-ec', script, 'kiln-copy', abs, to.rel], this.lines(step))
    )
  }

  /** `path` inside the image as its layers show it (util/in-root), as a BuildError of `step` if it cannot be. */
  private async inImage(path: string, step: StepName): Promise<LayeredTarget> {
    return secureJoinLayers(this.sb.layers, path).catch((e: unknown) => {
      throw new BuildError(this.spec.name, step, errorMessage(e))
    })
  }

  /** .deb with dpkg -i, .rpm with rpm -Uvh, inside; the packages are visible only during the step. */
  async install(pkgs: string[]): Promise<void> {
    const files: PatchFile[] = []
    const debs: string[] = []
    const rpms: string[] = []
    for (const [i, p] of pkgs.entries()) {
      const abs = this.path(p, `install[${i}]`)
      const inImage = `.kiln/pkg/${i}-${basename(abs)}`
      files.push({ path: inImage, source: abs, mode: 0o644 })
      if (/\.deb$/i.test(p)) debs.push(`/${inImage}`)
      else if (/\.rpm$/i.test(p)) rpms.push(`/${inImage}`)
      else throw new BuildError(this.spec.name, `install[${i}]`, `${p}: not a .deb or .rpm`)
    }
    if (debs.length)
      await this.check('install', this.sb.exec(['dpkg', '-i', ...debs], { files, ...this.lines('install') }))
    if (rpms.length)
      await this.check('install', this.sb.exec(['rpm', '-Uvh', ...rpms], { files, ...this.lines('install') }))
  }

  /** An argv runs as it is; a string is a script: with a #! line it runs as a file, else with /bin/sh -ec. */
  async run(r: string[] | string, step: StepName): Promise<void> {
    if (Array.isArray(r)) return this.check(step, this.sb.exec(r, this.lines(step)))
    if (r.startsWith('#!')) {
      const files: PatchFile[] = [{ path: '.kiln/run', content: r, mode: 0o755 }]
      return this.check(step, this.sb.exec(['/.kiln/run'], { files, ...this.lines(step) }))
    }
    return this.check(step, this.sb.exec(['/bin/sh', '-ec', r], this.lines(step)))
  }

  /** Refuses a host-side write through an image link that leads out of the image. */
  private async linksSafe(step: StepName, files: string[], dirs: string[]): Promise<void> {
    await checkWritePaths(this.sb.layers, files, dirs).catch((e: unknown) => {
      throw new BuildError(this.spec.name, step, errorMessage(e))
    })
  }

  private path(p: string, step: StepName): string {
    if (this.hostPaths && isAbsolute(p)) return p
    const abs = resolve(this.root, p)
    if (abs !== this.root && !abs.startsWith(`${this.root}/`))
      throw new BuildError(this.spec.name, step, `${p} lies outside the project root`)
    return abs
  }

  private lines(step: StepName): CommandOptions {
    return { onLine: (l) => this.reporter.debug(`${this.spec.name} ${step}: ${l}`) }
  }

  private async check(step: StepName, p: Promise<DriverResult>): Promise<void> {
    const r = await p.catch((e: unknown) => {
      throw new BuildError(this.spec.name, step, errorMessage(e))
    })
    if (r.exitCode !== 0) {
      const why = r.signal ? `killed by ${r.signal}` : `exited with status ${r.exitCode}`
      throw new BuildError(this.spec.name, step, why, r.tail)
    }
  }
}

/** What a tarball writes, each entry checked on the way (TarSafetyError on the first bad one). */
export async function listCheckedTar(
  file: string,
  label: string,
  reporter?: Reporter
): Promise<{ files: string[]; dirs: string[]; linkTargets: string[] }> {
  const out = { files: [] as string[], dirs: [] as string[], linkTargets: [] as string[] }
  const check = checkedTar(label)
  const list = tarStream.extract()
  list.on('entry', (h, body, next) => {
    // This parser may see an entry before the check upstream refuses it: a name that does
    // not normalise is left out here, and the check's TarSafetyError ends the pipeline.
    try {
      const name = normaliseEntryName(h.name)
      if (h.type === 'directory') out.dirs.push(name)
      else out.files.push(name)
      if (h.type === 'link' && h.linkname) out.linkTargets.push(normaliseEntryName(h.linkname))
    } catch {
      /* refused upstream */
    }
    body.on('end', () => next())
    body.resume()
  })
  await pipeline(decompressStream(createReadStream(file), label, reporter), check, list)
  return out
}

/** The base's config with the spec's Env, Entrypoint, Cmd and a history entry. */
export function overlayConfig(
  spec: ImageSpec,
  base: StoredImage | null,
  o: OverlaySpec
): Omit<OciImageConfig, 'rootfs'> {
  const prev = base?.config
  const conf = { ...prev?.config }
  if (o.env && Object.keys(o.env).length) {
    const env = { ...envFromList(conf.Env), ...o.env }
    conf.Env = Object.entries(env).map(([k, v]) => `${k}=${v}`)
  }
  if (o.entrypoint) {
    conf.Entrypoint = o.entrypoint
    // As in a Dockerfile: a new ENTRYPOINT drops the base's CMD.
    if (!o.cmd) conf.Cmd = null
  }
  if (o.cmd) conf.Cmd = o.cmd
  if (Object.keys(spec.labels).length) conf.Labels = { ...conf.Labels, ...spec.labels }
  const created = createdTime()
  return {
    architecture: prev?.architecture ?? ociArch(spec.arch),
    os: prev?.os ?? 'linux',
    created,
    config: conf,
    history: [
      ...(prev?.history ?? []),
      { created, created_by: `kiln overlay ${spec.name}`, comment: summary(o) }
    ]
  }
}

function summary(o: OverlaySpec): string {
  const parts: string[] = []
  for (const k of ['pre', 'packs', 'copy', 'install', 'expand', 'run', 'post'] as const) {
    const n = o[k]?.length
    if (n) parts.push(`${k}: ${n}`)
  }
  return parts.join(', ') || 'no changes'
}

/** SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function createdTime(): string {
  const sde = process.env.SOURCE_DATE_EPOCH
  return sde && /^\d+$/.test(sde) ? new Date(Number(sde) * 1000).toISOString() : new Date().toISOString()
}
