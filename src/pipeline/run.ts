/**
 * Builds a plan: every selected image once, in plan order, independent images side by side up
 * to `jobs`. An image whose input key is already in the store is reused, not rebuilt; a failed
 * image stops the images built on it while the others finish. out/index.json is rewritten
 * after every image, so a report exists whatever happens later.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdtemp, mkdir, readFile, rm, rename, copyFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { aciArchiveFromImage } from '../builders/aci/archive.js'
import { builderFor as defaultBuilderFor, type EngineBuilderOptions } from '../builders/index.js'
import { EngineSession } from '../builders/engine-session.js'
import { dockerSafeName } from '../builders/docker-build-args.js'
import type { Builder } from '../builders/types.js'
import { EXPORT_KINDS, exportImage, type ExportKind } from '../exporters/index.js'
import { githubRunUrl } from '../exporters/provenance.js'
import type { SbomFormat } from '../exporters/sbom.js'
import type { Signer } from '../exporters/sign.js'
import { chainImages, provenanceContext, type ChainMember } from './provenance-context.js'
import type { BuilderKind } from '../model/types.js'
import type { Plan, PlannedImage } from '../plan/types.js'
import { materializeBase } from '../sources/index.js'
import { verifyBoot } from '../verify/boot.js'
import { writeDiskOutputs } from '../verify/disk-output.js'
import { verifyInstall } from '../verify/install.js'
import { DEFAULT_NETBOOT_TIMEOUT_SEC, verifyNetboot } from '../verify/netboot.js'
import { writeManifest, writeSums, type ExportManifest } from '../exporters/manifest.js'
import { reusableExport, writeStamp, type ExportRequest } from './export-stamp.js'
import type { Store, StoredImage } from '../store/types.js'
import { findCorruptBlob } from '../util/digest.js'
import { BuildError, InvalidInputError, errorMessage, type Problem } from '../util/errors.js'
import { EmulationUnavailable, ensureEmulation, type EmulationOptions } from '../engine/binfmt.js'
import { canonicalArch, runsNatively } from '../model/arch.js'
import { displayPath } from '../model/display.js'
import { IoError } from '../util/io-error.js'
import { onExitNow, tempFileFor, tempPrefix, trackDir } from '../util/lifecycle.js'
import { formatBytes, formatSeconds, plural, type Reporter } from '../util/log.js'
import { describeBase, describeImage, writeReport, writeReportSync } from './report.js'
import { gateFailed, type ImageReport, type RunReport } from './types.js'

export type Compression = 'gzip' | 'zstd' | 'none'

export interface BuildHooks {
  /** Before building an image the store lacks: bring it from elsewhere (the cache); null if not there. */
  restore?(planned: PlannedImage): Promise<StoredImage | null>
  /** After each image is in the store (built, reused or restored), e.g. to save it to the cache at once. */
  afterImage?(report: ImageReport, stored: StoredImage, planned: PlannedImage): Promise<void>
}

export interface BuildOptions {
  store: Store
  /** Where out/index.json and the per-image archives go. */
  outDir: string
  reporter: Reporter
  /** Images built at the same time (default 1). */
  jobs?: number
  /** Write the archives of images with `exports` (default true). */
  exports?: boolean
  compression?: Compression
  sourceDateEpoch?: number
  /** SBOM format(s) beside each image's archives (default spdx). */
  sbomFormat?: SbomFormat
  /** Signs each exported image's SHA256SUMS (SHA256SUMS.asc); the caller opens and closes it. */
  signer?: Signer
  hooks?: BuildHooks
  /**
   * Boot every exported image that has a kernel and initrd before it counts as good (default
   * true; an image's `verify: false` turns it off for that image). A failed gate marks the image
   * unpublishable (report.verify) but its descendants still build: the gate judges archives, not
   * the layers children are built on. false also turns off the install gate (unless a disk is
   * exported) and the netboot gate.
   */
  verify?: boolean
  /** Time limit of one boot (default 120 s; the netboot gate's is never under 300 s). */
  bootTimeoutSec?: number
  signal?: AbortSignal
  /** Where per-image work areas go (default the OS temp dir). */
  tmpDir?: string
  /** The builder for a kind (tests put their own here). */
  builderFor?: (kind: BuilderKind, opts: EngineBuilderOptions, image: string) => Builder
  /** Where and how the emulation check looks (tests point it at a fake binfmt_misc). */
  emulation?: Omit<EmulationOptions, 'reporter'>
}

type State = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'interrupted'

export async function buildPlan(plan: Plan, opts: BuildOptions): Promise<RunReport> {
  await checkEmulation(plan, opts)
  const run = new PlanRun(plan, opts)
  // If the process must exit at once (a second signal, cleanup past its deadline), the report
  // still says which images were interrupted.
  const unregister = onExitNow(() => writeReportSync(opts.outDir, run.interruptedSnapshot()))
  try {
    return await run.execute()
  } finally {
    await run.session.close()
    unregister()
  }
}

/**
 * Before anything is built: images of another architecture than the host's that the store does
 * not already hold build under qemu-user, so binfmt_misc must hand their binaries to it (set up
 * here when Kiln is root, see engine/binfmt.ts). When it cannot be, the run stops as invalid
 * input (exit 2), naming the first such image of each architecture and what to install.
 */
export async function checkEmulation(plan: Plan, opts: BuildOptions): Promise<void> {
  const problems: Problem[] = []
  const seen = new Set<string>()
  for (const p of plan.images) {
    const arch = canonicalArch(p.spec.arch)
    if (runsNatively(arch, opts.emulation?.host) || seen.has(arch)) continue
    if (await opts.store.findByKey(p.key)) continue
    seen.add(arch)
    try {
      await ensureEmulation(arch, { ...opts.emulation, reporter: opts.reporter })
    } catch (e) {
      if (!(e instanceof EmulationUnavailable)) throw e
      problems.push({
        file: displayPath(plan.catalog.file),
        pointer: `${p.spec.pointer}/arch`,
        line: p.spec.line,
        image: p.spec.name,
        message: e.message
      })
    }
  }
  if (problems.length) throw new InvalidInputError(problems)
}

class PlanRun {
  readonly session: EngineSession
  private readonly jobs: number
  private readonly state = new Map<string, State>()
  /** Images available to build on, by name. */
  private readonly images = new Map<string, StoredImage>()
  private readonly reports = new Map<string, ImageReport>()
  /** The images each built image was built on (its base, the chain images its file names), to tell its new layers apart. */
  private readonly bases = new Map<string, StoredImage[]>()
  private readonly startedAt = new Date()
  /** Names this run in every provenance it writes. */
  private readonly invocationId = randomUUID()
  private writing: Promise<unknown> = Promise.resolve()
  /** What each image's archives were written for in this run (for the boot verdict's stamp). */
  private readonly stamps = new Map<string, ExportRequest>()

  constructor(
    private readonly plan: Plan,
    private readonly opts: BuildOptions
  ) {
    this.session = new EngineSession(opts.reporter)
    this.jobs = Math.max(1, Math.floor(opts.jobs ?? 1))
    for (const p of plan.images) {
      this.state.set(p.spec.name, 'pending')
      this.reports.set(p.spec.name, {
        name: p.spec.name,
        key: p.key,
        builder: p.spec.builder,
        base: describeBase(p.spec.base),
        distro: p.spec.distro,
        plan: p.spec.plan,
        arch: p.spec.arch,
        status: 'skipped',
        seconds: 0,
        layers: [],
        size: 0
      })
    }
  }

  async execute(): Promise<RunReport> {
    const { reporter } = this.opts
    await new Promise<void>((done) => {
      const running = new Set<string>()
      const pump = (): void => {
        for (const p of this.plan.images) {
          const name = p.spec.name
          if (this.state.get(name) !== 'pending') continue
          const deps = p.deps.filter((d) => this.state.has(d)).map((d) => this.state.get(d))
          const blocked = deps.find((s) => s === 'failed' || s === 'skipped' || s === 'interrupted')
          if (blocked || this.opts.signal?.aborted) {
            // Plan order is topological: a skipped image's descendants come later in this same pass.
            this.skip(p)
            continue
          }
          if (running.size >= this.jobs || !deps.every((s) => s === 'done')) continue
          running.add(name)
          this.state.set(name, 'running')
          void this.one(p).then((ok) => {
            this.state.set(
              name,
              ok ? 'done' : this.reports.get(name)!.status === 'interrupted' ? 'interrupted' : 'failed'
            )
            running.delete(name)
            pump()
          })
        }
        if (running.size === 0) done()
      }
      pump()
    })
    const report = this.snapshot()
    await this.save(report)
    const failed = report.images.filter((i) => i.status === 'failed' || gateFailed(i)).length
    const counts = (['built', 'reused', 'restored', 'failed', 'interrupted', 'skipped'] as const)
      .map((s) => [s, report.images.filter((i) => i.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
    const line = `${plural(report.images.length, 'image')}: ${counts.join(', ')} in ${formatSeconds(report.seconds)}`
    if (failed) reporter.error(line)
    else reporter.info(line)
    return report
  }

  private skip(p: PlannedImage): void {
    const name = p.spec.name
    this.state.set(name, 'skipped')
    const r = this.reports.get(name)!
    r.status = 'skipped'
    const cause = p.deps.find((d) => ['failed', 'skipped', 'interrupted'].includes(this.state.get(d) ?? ''))
    this.opts.reporter.warn(
      cause ? `${name}: skipped: ${cause} did not build` : `${name}: skipped: the run was stopped`
    )
  }

  /** One image: reuse, restore or build it, then export and hand it to the hook. True if it can be built on. */
  private async one(p: PlannedImage): Promise<boolean> {
    const name = p.spec.name
    const r = this.reports.get(name)!
    const reporter = this.jobs > 1 ? prefixed(this.opts.reporter, name) : this.opts.reporter
    const t0 = Date.now()
    const body = async (): Promise<boolean> => {
      let step = 'store'
      try {
        let image = await this.opts.store.findByKey(p.key)
        let status: ImageReport['status'] = 'reused'
        if (!image && this.opts.hooks?.restore) {
          step = 'restore'
          image = await this.opts.hooks.restore(p)
          status = 'restored'
        }
        if (!image) {
          image = await this.build(p, reporter)
          status = 'built'
        }
        this.images.set(name, image)
        r.status = status
        describeImage(r, image)
        r.seconds = (Date.now() - t0) / 1000
        const newBytes = status === 'built' ? this.newBytes(name, image) : 0
        reporter.info(
          `${name}: ${status} ${image.manifestDigest.slice(7, 19)} in ${formatSeconds(r.seconds)}: ` +
            `${image.layers.length} layers, ${formatBytes(r.size)}${status === 'built' ? ` (${formatBytes(newBytes)} new)` : ''}`
        )
        if (this.opts.hooks?.afterImage && !this.opts.signal?.aborted) {
          try {
            await this.opts.hooks.afterImage(r, image, p)
          } catch (e) {
            reporter.warn(`${name}: after-build step failed: ${errorMessage(e)}`)
          }
        }
        step = 'export'
        this.opts.signal?.throwIfAborted()
        if (status !== 'built') await this.aciArtifact(p, image)
        await this.export(p, image, r, reporter)
        step = 'verify'
        this.opts.signal?.throwIfAborted()
        await this.verify(p, r, reporter)
        step = 'install gate'
        this.opts.signal?.throwIfAborted()
        await this.verifyInstall(p, r, reporter)
        step = 'netboot gate'
        this.opts.signal?.throwIfAborted()
        await this.verifyNetboot(p, r, reporter)
        r.seconds = (Date.now() - t0) / 1000
        return true
      } catch (e) {
        r.seconds = (Date.now() - t0) / 1000
        if (this.opts.signal?.aborted) {
          // What failed is the tool the interrupt stopped: say so, not its exit status.
          const reason = errorMessage(this.opts.signal.reason ?? 'interrupted')
          r.status = 'interrupted'
          r.error = { step, message: `${name}: ${step}: ${reason}`, tail: [] }
          reporter.warn(`${name}: ${step}: ${reason}`)
          return false
        }
        const err = e instanceof BuildError ? e : toError(name, step, e)
        // A blob that failed its digest goes from the store, so the next build restores or
        // rebuilds the images that use it instead of failing on it each time.
        const corrupt = findCorruptBlob(e)
        if (corrupt && (await this.opts.store.dropCorruptBlob?.(corrupt).catch(() => false)))
          reporter.warn(
            `${name}: deleted the corrupt blob ${corrupt.digest} from the store: the next build restores or rebuilds what uses it`
          )
        r.status = 'failed'
        r.error = { step: err.step, message: err.message.split('\n')[0], tail: err.tail }
        if (err.inputRefused) r.error.refused = true
        reporter.error(err.message)
        // An image that is in the store but failed to export is still there to build on,
        // unless what failed was its own content.
        return step === 'export' && this.images.has(name) && !corrupt
      } finally {
        await this.save(this.snapshot())
      }
    }
    return this.jobs > 1 ? body() : reporter.group(`${name} (${p.spec.builder})`, body)
  }

  /** Runs the image's builder in a fresh work area and stores the result. */
  private async build(p: PlannedImage, reporter: Reporter): Promise<StoredImage> {
    const { spec } = p
    const workDir = await mkdtemp(join(this.opts.tmpDir ?? tmpdir(), tempPrefix(dockerSafeName(spec.name))))
    const untrack = trackDir(workDir)
    try {
      const base = await this.base(p, workDir, reporter)
      const chain = await this.chain(p)
      this.bases.set(spec.name, [...(base ? [base] : []), ...chain.values()])
      const make = this.opts.builderFor ?? defaultBuilderFor
      const builder = make(
        spec.builder,
        { session: this.session, sourceDateEpoch: this.opts.sourceDateEpoch },
        spec.name
      )
      const result = await builder.build({
        store: this.opts.store,
        catalog: this.plan.catalog,
        image: p,
        base,
        chain,
        workDir,
        reporter,
        signal: this.opts.signal
      })
      let stored: StoredImage
      try {
        stored = await this.opts.store.putImage({
          layers: result.layers,
          config: result.config,
          name: spec.name,
          key: p.key,
          annotations: result.annotations
        })
      } catch (e) {
        throw toError(spec.name, 'store', e)
      }
      if (result.artifacts) await this.keepArtifacts(spec.name, result.artifacts)
      return stored
    } finally {
      await rm(workDir, { recursive: true, force: true }).then(untrack, (e) =>
        reporter.warn(`could not remove ${workDir}: ${errorMessage(e)}`)
      )
    }
  }

  /** The stored image of each chain image `p` depends on, by name: what its FROMs must get. */
  private async chain(p: PlannedImage): Promise<Map<string, StoredImage>> {
    const out = new Map<string, StoredImage>()
    for (const d of p.deps) {
      const planned = this.plan.images.find((i) => i.spec.name === d)
      const found = this.images.get(d) ?? (planned ? await this.opts.store.findByKey(planned.key) : null)
      if (found) out.set(d, found)
    }
    return out
  }

  /** The image to build on: another image of the chain, or a source brought into the store. */
  private async base(p: PlannedImage, workDir: string, reporter: Reporter): Promise<StoredImage | null> {
    const { spec } = p
    const src = spec.base
    if (src.kind === 'scratch') return null
    if (src.kind === 'image') {
      const have = this.images.get(src.name)
      if (have) return have
      const planned = this.plan.images.find((i) => i.spec.name === src.name)
      const found = planned
        ? await this.opts.store.findByKey(planned.key)
        : await this.opts.store.getImage(src.name)
      if (!found) throw new BuildError(spec.name, 'base', `base image ${src.name} is not in the store`)
      return found
    }
    if (src.kind === 'stored') {
      // The key holds the digest the plan found; build on that image or not at all.
      const found = await this.opts.store.getImage(src.name)
      const keyed = p.inputs.find((i) => i.kind === 'base-stored')?.digest
      if (!found || found.manifestDigest !== keyed)
        throw new BuildError(
          spec.name,
          'base',
          `store image ${src.name} ${found ? `is now ${found.manifestDigest.slice(0, 19)}, not the ${keyed?.slice(0, 19)} the plan keyed` : 'is gone from the store'}`
        )
      return found
    }
    const key = sourceKey(p)
    try {
      const stored = await this.opts.store.findByKey(key)
      if (stored) {
        reporter.info(`base ${describeBase(src)}: in the store`)
        return stored
      }
      const t0 = Date.now()
      const made = await materializeBase(this.opts.store, src, {
        root: this.plan.catalog.root,
        image: spec.name,
        workDir,
        reporter,
        key,
        arch: spec.arch
      })
      const size = made.layers.reduce((n, l) => n + l.size, 0)
      reporter.info(
        `base ${describeBase(src)}: ${formatBytes(size)} in ${formatSeconds((Date.now() - t0) / 1000)}`
      )
      return made
    } catch (e) {
      throw toError(spec.name, `base ${describeBase(src)}`, e)
    }
  }

  /** Bytes of the layers an image added to its base. */
  private newBytes(name: string, image: StoredImage): number {
    const had = new Set(this.bases.get(name)?.flatMap((b) => b.layers.map((l) => l.digest)) ?? [])
    return image.layers.filter((l) => !had.has(l.digest)).reduce((n, l) => n + l.size, 0)
  }

  /** Files a builder made next to the image (e.g. image.aci) go to out/<name>/. */
  private async keepArtifacts(name: string, artifacts: Record<string, string>): Promise<void> {
    const dir = join(this.opts.outDir, name)
    await mkdir(dir, { recursive: true })
    for (const [file, path] of Object.entries(artifacts)) {
      const dest = join(dir, basename(file))
      const tmp = tempFileFor(dest)
      try {
        try {
          await rename(path, tmp)
        } catch {
          // Across filesystems (work area in /tmp, out/ elsewhere): copy instead.
          await copyFile(path, tmp)
        }
        await rename(tmp, dest)
      } catch (e) {
        await rm(tmp, { force: true })
        throw new IoError(e, dest)
      }
    }
  }

  /**
   * image.aci of an ACI image that was reused or restored: the builder's artifact exists only
   * in the run that built it, so it is made again from the stored layer (out/ may be fresh, or
   * hold the archive of another key).
   */
  private async aciArtifact(p: PlannedImage, image: StoredImage): Promise<void> {
    const { spec } = p
    if (spec.builder !== 'aci' || !spec.exports.includes('aci')) return
    if (this.opts.exports === false || p.selected === false) return
    const workDir = await mkdtemp(join(this.opts.tmpDir ?? tmpdir(), tempPrefix(dockerSafeName(spec.name))))
    const untrack = trackDir(workDir)
    try {
      const aci = join(workDir, 'image.aci')
      await aciArchiveFromImage(this.plan.catalog.root, spec, image, workDir, aci)
      await this.keepArtifacts(spec.name, { 'image.aci': aci })
    } catch (e) {
      throw toError(spec.name, 'export image.aci', e)
    } finally {
      await rm(workDir, { recursive: true, force: true }).then(untrack)
    }
  }

  private async export(
    p: PlannedImage,
    image: StoredImage,
    r: ImageReport,
    reporter: Reporter
  ): Promise<void> {
    // image.aci comes from the ACI builder itself (an artifact); the rest from the flattener.
    // A disk (raw, qcow2) is installed from the boot archives: asking for one exports them.
    // The netboot gate boots netboot/: asking for it exports the netboot files and the squashfs.
    const wanted = [
      ...p.spec.exports,
      ...(wantsDisk(p) ? ['rootfs', 'kernel', 'initrd', 'modules'] : []),
      ...(p.spec.gates?.netboot ? ['netboot', 'squashfs'] : [])
    ]
    const kinds = [...new Set(wanted)].filter((k): k is ExportKind =>
      (EXPORT_KINDS as readonly string[]).includes(k)
    )
    // Ancestors pulled in only to build a selected image are not exported (as Packet exported plans, not bases).
    if (this.opts.exports === false || kinds.length === 0 || p.selected === false) return
    const request: ExportRequest = {
      key: p.key,
      exports: kinds,
      compression: this.opts.compression ?? 'gzip',
      kernel: p.spec.kernel,
      sourceDateEpoch: this.opts.sourceDateEpoch,
      sbomFormat: this.opts.sbomFormat ?? 'spdx'
    }
    const dir = join(this.opts.outDir, p.spec.name)
    const previous = await reusableExport(dir, request)
    if (previous) {
      reporter.info(`${p.spec.name}: archives in ${dir} are up to date (same key, digests checked)`)
      r.exports = previous.exports
      // A verdict on these very archives still holds; anything else is asked again.
      if (previous.verify?.status === 'passed')
        r.verify = { ...previous.verify, message: 'passed before on these archives' }
      await this.signSums(p, r)
      return
    }
    try {
      const ancestors = await this.ancestors(p)
      const self: ChainMember = { planned: p, stored: image }
      // The exporter writes into <outDir>/<name>/.
      const res = await exportImage({
        layers: image.layers,
        outDir: this.opts.outDir,
        name: p.spec.name,
        key: p.key,
        exports: kinds,
        compression: request.compression as Compression,
        kernel: p.spec.kernel,
        arch: canonicalArch(p.spec.arch),
        sourceDateEpoch: this.opts.sourceDateEpoch,
        baseChain: this.baseChain(p),
        sbomFormat: request.sbomFormat as SbomFormat,
        ancestors: chainImages(ancestors),
        provenance: await provenanceContext(self, ancestors, {
          invocationId: this.invocationId,
          startedOn: this.startedAt.toISOString(),
          runUrl: githubRunUrl(),
          builtNow: r.status === 'built',
          bootGate: this.opts.verify !== false && p.spec.verify && kinds.includes('kernel')
        }),
        reporter,
        signal: this.opts.signal
      })
      r.exports = {
        dir: res.dir,
        files: res.archives.map((a) => ({ name: a.file, size: a.size, sha256: a.sha256 })),
        kernel: res.kernel ?? undefined,
        documents: res.documents.map((d) => d.file)
      }
      this.stamps.set(p.spec.name, request)
      await writeStamp(res.dir, request, r.exports)
    } catch (e) {
      throw toError(p.spec.name, 'export', e)
    }
    await this.signSums(p, r)
  }

  /**
   * SHA256SUMS.asc for the image's checksums when this run has a signing key; otherwise no
   * signature is left from an earlier run (it would speak for a key this run was not given).
   */
  private async signSums(p: PlannedImage, r: ImageReport): Promise<void> {
    if (!r.exports) return
    const documents = (r.exports.documents ?? []).filter((f) => f !== 'SHA256SUMS.asc')
    const sums = join(r.exports.dir, 'SHA256SUMS')
    try {
      if (this.opts.signer) {
        await this.opts.signer.sign(sums)
        documents.push('SHA256SUMS.asc')
      } else {
        await rm(`${sums}.asc`, { force: true })
      }
    } catch (e) {
      throw toError(p.spec.name, 'sign SHA256SUMS', e)
    }
    r.exports.documents = documents
  }

  /** The images of the chain below `p`, nearest first, with their stored images. */
  private async ancestors(p: PlannedImage): Promise<ChainMember[]> {
    const out: ChainMember[] = []
    for (const { name } of this.baseChain(p)) {
      const planned = this.plan.images.find((i) => i.spec.name === name)
      if (!planned) break
      const stored = this.images.get(name) ?? (await this.opts.store.findByKey(planned.key)) ?? undefined
      out.push({ planned, stored })
    }
    return out
  }

  /** The boot gate, for images whose exports hold a kernel and an initrd: the result goes into the report. */
  private async verify(p: PlannedImage, r: ImageReport, reporter: Reporter): Promise<void> {
    const names = new Set(r.exports?.files.map((f) => f.name.replace(/\.tar(\.\w+)?$/, '')) ?? [])
    if (!r.exports || !['image', 'kernel', 'initrd', 'modules'].every((f) => names.has(f))) return
    if (r.verify?.status === 'passed') return // these archives passed in an earlier run
    if (!r.exports.files.some((f) => f.name === 'kernel.tar.gz')) {
      r.verify = {
        status: 'skipped',
        seconds: 0,
        message: 'the boot gate reads gzip archives (--compress gzip)'
      }
      reporter.warn(`${p.spec.name}: boot gate skipped: ${r.verify.message}`)
      return
    }
    if (this.opts.verify === false || !p.spec.verify) {
      r.verify = {
        status: 'skipped',
        seconds: 0,
        message: p.spec.verify ? 'boot gate off for this run' : 'verify: false'
      }
      return
    }
    reporter.info(`${p.spec.name}: boot gate: booting ${r.exports.kernel ?? 'its kernel'} under qemu`)
    const res = await verifyBoot({
      dir: r.exports.dir,
      timeoutSec: this.opts.bootTimeoutSec,
      arch: canonicalArch(p.spec.arch) === 'aarch64' ? 'aarch64' : 'x86_64',
      reporter,
      signal: this.opts.signal
    })
    r.verify = { status: res.status, seconds: res.seconds, accel: res.accel, message: res.message }
    const request = this.stamps.get(p.spec.name)
    if (request) await writeStamp(r.exports.dir, request, r.exports, r.verify)
    if (res.status === 'passed') {
      reporter.info(`${p.spec.name}: boot gate passed in ${formatSeconds(res.seconds)} (${res.accel})`)
    } else {
      reporter.error(
        notPublished(p.spec.name, `boot gate failed: ${res.message ?? 'no marker'}`, res.consoleTail)
      )
    }
  }

  /**
   * The provisioning gate, after the boot gate, for images with `verify.install` or a raw/qcow2
   * export: the archives installed on a blank disk in qemu, the disk booted under SeaBIOS and
   * OVMF. A failure keeps the image from being published, like the boot gate's. The disk it
   * installed becomes disk.raw / disk.qcow2, listed in manifest.json and SHA256SUMS.
   */
  private async verifyInstall(p: PlannedImage, r: ImageReport, reporter: Reporter): Promise<void> {
    const wanted = p.spec.gates?.install === true || wantsDisk(p)
    if (!wanted || !r.exports) return
    const names = new Set(r.exports.files.map((f) => f.name))
    if (!['image', 'kernel', 'initrd', 'modules'].every((f) => names.has(`${f}.tar.gz`))) {
      r.install = { status: 'skipped', seconds: 0, message: 'the install gate reads gzip boot archives' }
      reporter.warn(`${p.spec.name}: install gate skipped: ${r.install.message}`)
      return
    }
    if (r.verify?.status === 'failed') {
      r.install = { status: 'skipped', seconds: 0, message: 'the boot gate failed' }
      return
    }
    if (this.opts.verify === false && !wantsDisk(p)) {
      r.install = { status: 'skipped', seconds: 0, message: 'gates off for this run' }
      return
    }
    const dir = r.exports.dir
    const disk = wantsDisk(p) ? tempFileFor(join(dir, 'disk')) : undefined
    const untrack = disk ? trackDir(disk) : () => undefined
    try {
      reporter.info(`${p.spec.name}: install gate: provisioning a blank disk under qemu, then booting it`)
      const res = await verifyInstall({
        dir,
        bootTimeoutSec: this.opts.bootTimeoutSec,
        keepDisk: disk,
        reporter,
        signal: this.opts.signal
      })
      r.install = {
        status: res.status,
        seconds: res.totalSeconds,
        accel: res.accel,
        stage: res.stage,
        message: res.message,
        stages: res.stages
      }
      if (res.status !== 'passed') {
        reporter.error(
          notPublished(p.spec.name, `install gate failed at ${res.stage}: ${res.message}`, res.consoleTail)
        )
        return
      }
      reporter.info(
        `${p.spec.name}: install gate passed in ${formatSeconds(res.totalSeconds)} (${res.accel}): ` +
          res.stages.map((x) => `${x.stage} ${x.seconds.toFixed(1)} s`).join(', ')
      )
      if (res.disk) await this.diskOutputs(p, r, res.disk, reporter)
    } finally {
      untrack()
    }
  }

  /**
   * The netboot gate, after the boot and install gates, for images with `verify.netboot`:
   * netboot/ booted by iPXE over qemu's user network (vmlinuz, initrd and rootfs.squashfs over
   * HTTP) to the check program. A failure keeps the image from being published, like the
   * other gates'; the report names the stage it failed in.
   */
  private async verifyNetboot(p: PlannedImage, r: ImageReport, reporter: Reporter): Promise<void> {
    if (p.spec.gates?.netboot !== true || !r.exports) return
    const skip = (message: string, warn = false): void => {
      r.netboot = { status: 'skipped', seconds: 0, message }
      if (warn) reporter.warn(`${p.spec.name}: netboot gate skipped: ${message}`)
    }
    if (!r.exports.files.some((f) => f.name === 'netboot/boot.ipxe'))
      return skip('no netboot/boot.ipxe in the export', true)
    if (canonicalArch(p.spec.arch) !== 'x86_64')
      return skip('the netboot gate boots x86_64 images only', true)
    if (r.verify?.status === 'failed') return skip('the boot gate failed')
    if (this.opts.verify === false) return skip('gates off for this run')
    reporter.info(`${p.spec.name}: netboot gate: booting netboot/ over iPXE and HTTP under qemu`)
    const res = await verifyNetboot({
      dir: r.exports.dir,
      // A netboot downloads the kernel, initrd and squashfs before it boots: never less than its default.
      timeoutSec: Math.max(this.opts.bootTimeoutSec ?? 0, DEFAULT_NETBOOT_TIMEOUT_SEC),
      reporter,
      signal: this.opts.signal
    })
    r.netboot = {
      status: res.status,
      seconds: res.totalSeconds,
      accel: res.accel,
      stage: res.stage,
      message: res.message,
      downloadedBytes: res.downloadedBytes
    }
    if (res.status !== 'passed') {
      // The gate's messages mostly start with their stage already.
      const why = res.message?.startsWith(`${res.stage}:`) ? res.message : `${res.stage}: ${res.message}`
      reporter.error(notPublished(p.spec.name, `netboot gate failed at ${why}`, res.consoleTail))
      return
    }
    reporter.info(
      `${p.spec.name}: netboot gate passed in ${formatSeconds(res.totalSeconds)} (${res.accel}, ` +
        `${formatBytes(res.downloadedBytes)} over HTTP)`
    )
  }

  /** disk.raw / disk.qcow2 beside the archives, added to manifest.json and SHA256SUMS (signed again). */
  private async diskOutputs(
    p: PlannedImage,
    r: ImageReport,
    disk: string,
    reporter: Reporter
  ): Promise<void> {
    const exp = r.exports!
    const files = await writeDiskOutputs(disk, {
      raw: p.spec.exports.includes('raw') ? join(exp.dir, 'disk.raw') : undefined,
      qcow2: p.spec.exports.includes('qcow2') ? join(exp.dir, 'disk.qcow2') : undefined,
      reporter,
      signal: this.opts.signal
    })
    const added = Object.entries(files).map(([kind, f]) => ({
      kind,
      file: basename(f.path),
      size: f.size,
      sha256: f.sha256
    }))
    exp.files = [
      ...exp.files.filter((f) => !added.some((a) => a.file === f.name)),
      ...added.map((a) => ({ name: a.file, size: a.size, sha256: a.sha256 }))
    ]
    const manifestPath = join(exp.dir, 'manifest.json')
    try {
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as ExportManifest
      manifest.archives = [
        ...manifest.archives.filter((a) => !added.some((d) => d.file === a.file)),
        ...added
      ]
      await writeManifest(manifestPath, manifest)
      const sums = [...exp.files.map((f) => ({ file: f.name, sha256: f.sha256 }))]
      for (const d of manifest.documents ?? []) if (!sums.some((x) => x.file === d.file)) sums.push(d)
      await writeSums(join(exp.dir, 'SHA256SUMS'), sums)
    } catch (e) {
      throw toError(p.spec.name, 'export disk', e)
    }
    for (const a of added)
      reporter.info(`${p.spec.name}: ${a.file}: ${formatBytes(a.size)} sha256:${a.sha256.slice(0, 12)}`)
    await this.signSums(p, r)
  }

  /** The images this one is built on, nearest first (for the export manifest). */
  private baseChain(p: PlannedImage): Array<{ name: string; key?: string }> {
    const chain: Array<{ name: string; key?: string }> = []
    let cur: PlannedImage | undefined = p
    while (cur && cur.spec.base.kind === 'image' && chain.length < 64) {
      const name: string = cur.spec.base.name
      cur = this.plan.images.find((i) => i.spec.name === name)
      chain.push({ name, key: cur?.key })
    }
    return chain
  }

  /** The report as it stands, the images still running marked interrupted. */
  interruptedSnapshot(): RunReport {
    const report = this.snapshot()
    for (const r of report.images) {
      if (this.state.get(r.name) !== 'running') continue
      r.status = 'interrupted'
      r.error = { step: 'run', message: `${r.name}: the run was stopped`, tail: [] }
    }
    return report
  }

  private snapshot(): RunReport {
    return {
      version: 1,
      startedAt: this.startedAt.toISOString(),
      seconds: (Date.now() - this.startedAt.getTime()) / 1000,
      images: this.plan.images.map((p) => ({ ...this.reports.get(p.spec.name)! }))
    }
  }

  /** Report writes are serialised: parallel images finish in any order, the file stays whole. */
  private save(report: RunReport): Promise<unknown> {
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => writeReport(this.opts.outDir, report))
      .catch((e) => this.opts.reporter.warn(`could not write the run report: ${errorMessage(e)}`))
    return this.writing
  }
}

/**
 * The key of an image's base source, apart from the image's own key: editing a Dockerfile must
 * not bootstrap or import its base again. It covers the source spec, the architecture and the
 * content of source files (the plan's base-* inputs).
 */
export function sourceKey(p: PlannedImage): string {
  const h = createHash('sha256').update('kiln base source 1\n')
  h.update(`${JSON.stringify(p.spec.base)}\n${p.spec.arch}\n`)
  for (const i of p.inputs) if (i.kind.startsWith('base-')) h.update(`${i.kind}\t${i.name}\t${i.digest}\n`)
  return h.digest('hex')
}

/** A raw or qcow2 export: the disk the provisioning gate installs. */
function wantsDisk(p: PlannedImage): boolean {
  return p.spec.exports.includes('raw') || p.spec.exports.includes('qcow2')
}

function toError(image: string, step: string, e: unknown): BuildError {
  if (e instanceof BuildError) return e
  const tail = (e as { tail?: unknown }).tail
  const err = new BuildError(image, step, errorMessage(e), Array.isArray(tail) ? tail.map(String) : [])
  err.cause = e
  return err
}

/** With several images at once, groups would interleave: every line says its image instead. */
function prefixed(r: Reporter, name: string): Reporter {
  const p = (m: string): string => `[${name}] ${m}`
  return {
    info: (m) => r.info(p(m)),
    warn: (m, w) => r.warn(p(m), w),
    error: (m, w) => r.error(p(m), w),
    debug: (m) => r.debug(p(m)),
    group: (_t, fn) => fn()
  }
}

/** A gate's failure line, with the end of the guest's console under it. */
function notPublished(name: string, why: string, consoleTail: string[]): string {
  return `${name}: ${why}; it will not be published\n  | ${consoleTail.join('\n  | ')}`
}
