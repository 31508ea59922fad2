/**
 * exportImage: the archives a bare-metal provisioner needs, from one pass over the layers.
 * out/<name>/image.tar.gz, kernel.tar.gz, initrd.tar.gz, modules.tar.gz (suffix follows the
 * compression), the SBOM and provenance (supply-chain.ts), manifest.json and SHA256SUMS; and
 * out/<name>/netboot/ for the netboot and squashfs exports (netboot.ts).
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LayerRef } from '../store/types.js'
import { BuildError, errorMessage } from '../util/errors.js'
import type { Reporter } from '../util/log.js'
import { formatBytes, formatSeconds, SilentReporter } from '../util/log.js'
import { modulesTarget, NoKernelError, selectBoot, singleFileTarget, type BootSelection } from './boot.js'
import { compressor, FileSink, suffixFor, type Compression } from './compress.js'
import {
  ensureRoot,
  planLayers,
  rootfsHeader,
  runPass,
  TarWriter,
  type Captures,
  type PassTarget
} from './flatten.js'
import { resolveLayers, type LayerSource } from './inputs.js'
import { writeManifest, writeSums, type ArchiveInfo, type ExportManifest } from './manifest.js'
import {
  APK_INSTALLED,
  DPKG_STATUS,
  parseApkInstalled,
  parseDpkgStatus,
  queryRpm,
  RPM_DIRS,
  type PackageList
} from './packages.js'
import { contentOf, resolveInImage, type FlattenPlan } from './plan.js'
import {
  CMDLINE_PATH,
  CmdlineError,
  copyEntry,
  ipxeScript,
  kernelCmdline,
  MAX_CMDLINE_BYTES,
  NETBOOT_DIR,
  NETBOOT_FILES,
  SquashfsSink
} from './netboot.js'
import { writeFileAtomic } from '../util/atomic-write.js'
import { printable, textOf } from './tar.js'
import type { ChainImage } from './origin.js'
import type { ProvenanceContext } from './provenance.js'
import type { SbomFormat } from './sbom.js'
import { writeSupplyChainDocuments, type WrittenDocument } from './supply-chain.js'
import { kilnVersion } from '../util/tool-versions.js'

export const EXPORT_KINDS = ['rootfs', 'kernel', 'initrd', 'modules', 'netboot', 'squashfs'] as const

/**
 * What an output name may be: as an image name of IMAGES.json (schema/images-v1.schema.json),
 * so out/<name> is one directory right under out/, never `..`, `.` or a path.
 */
export const OUTPUT_NAME = /^[a-z0-9][a-z0-9_.-]{0,127}$/

/** Why `name` cannot name out/<name>, or null. */
export function badOutputName(name: string): string | null {
  if (OUTPUT_NAME.test(name)) return null
  return `${JSON.stringify(name)} is not an image name (lowercase letters, digits, '_', '.', '-'; starting with a letter or digit; at most 128 characters), so it cannot name a directory of the output`
}
export type ExportKind = (typeof EXPORT_KINDS)[number]

export interface ExportOptions {
  /** Bottom layer first: store layers, or regions of tar from resolveInput(). */
  layers: LayerSource[] | LayerRef[]
  outDir: string
  name: string
  key?: string
  exports: ExportKind[]
  compression: Compression
  /** Kernel version to export instead of the newest. */
  kernel?: string
  /** The image's architecture, uname-style, for manifest.json (left out when not known). */
  arch?: string
  sourceDateEpoch?: number
  /** Bases this image was built on, nearest first. */
  baseChain?: Array<{ name: string; key?: string }>
  /** SBOM format(s) to write next to the archives (default spdx). */
  sbomFormat?: SbomFormat
  /** The chain images below this one with their layers, nearest first: who added each package. */
  ancestors?: ChainImage[]
  /** What the build knows for provenance.intoto.json; none is written without it. */
  provenance?: ProvenanceContext
  reporter?: Reporter
  /** Stops the pass (its partial archives removed) when aborted. */
  signal?: AbortSignal
}

export interface ExportResult {
  /** out/<name> */
  dir: string
  archives: ArchiveInfo[]
  manifest: ExportManifest
  manifestPath: string
  sumsPath: string
  /** SBOMs and provenance written next to the archives. */
  documents: WrittenDocument[]
  kernel: string | null
  seconds: number
}

/** The tar archives; netboot and squashfs write files of netboot/ (netboot.ts). */
const ARCHIVE_BASE: Partial<Record<ExportKind, string>> = {
  rootfs: 'image',
  kernel: 'kernel',
  initrd: 'initrd',
  modules: 'modules'
}

/** Database files to read during the pass, keyed by their planned entry. */
function packageCaptures(plan: FlattenPlan): {
  captures: Captures
  got: Map<string, Buffer>
  rpmDir?: string
} {
  const captures: Captures = new Map()
  const got = new Map<string, Buffer>()
  for (const path of [DPKG_STATUS, APK_INSTALLED]) {
    const r = resolveInImage(plan, path)
    if (r && r.entry.src.type !== 'dir') captures.set(r.entry.id, (_p, data) => got.set(path, data))
  }
  let rpmDir: string | undefined
  for (const dir of RPM_DIRS) {
    const r = resolveInImage(plan, dir)
    if (!r || r.entry.src.type !== 'dir') continue
    rpmDir = dir
    for (const p of plan.visible(r.path)) {
      const path = p.path
      if (p.src.type === 'file' || p.kind !== 'copy') {
        captures.set(p.id, (_p, data) => got.set(`rpm:${path.slice(r.path.length + 1)}`, data))
      }
    }
    break
  }
  return { captures, got, rpmDir }
}

async function readPackages(
  got: Map<string, Buffer>,
  rpmDir: string | undefined,
  reporter: Reporter
): Promise<PackageList> {
  const dpkg = got.get(DPKG_STATUS)
  if (dpkg) return { format: 'dpkg', packages: parseDpkgStatus(dpkg.toString('utf8')) }
  const apk = got.get(APK_INSTALLED)
  if (apk) return { format: 'apk', packages: parseApkInstalled(apk.toString('utf8')) }
  if (rpmDir) {
    const files = new Map([...got].filter(([k]) => k.startsWith('rpm:')).map(([k, v]) => [k.slice(4), v]))
    return { format: 'rpm', packages: (await queryRpm(rpmDir, files, reporter)) ?? [] }
  }
  return { format: null, packages: [] }
}

/** Writes the requested archives, manifest.json and SHA256SUMS for one image. */
export async function exportImage(opts: ExportOptions): Promise<ExportResult> {
  const reporter = opts.reporter ?? new SilentReporter()
  const t0 = Date.now()
  const dir = join(opts.outDir, opts.name)
  const fail = (step: string, e: unknown): never => {
    if (e instanceof BuildError) throw e
    const err = new BuildError(opts.name, step, errorMessage(e))
    // Kept so the caller can tell a corrupt blob (util/digest.ts findCorruptBlob) and act on it.
    err.cause = e
    throw err
  }
  const badName = badOutputName(opts.name)
  if (badName) fail('export', badName)
  const input = await resolveLayers(opts.layers).catch((e: unknown) => fail('read layers', e))
  try {
    const plan = await planLayers(input.layers).catch((e: unknown) => fail('index layers', e))
    ensureRoot(plan, opts.sourceDateEpoch)
    for (const d of plan.dropped)
      reporter.warn(`${opts.name}: dropped ${printable(d)}: it lies below a symlink or file`)
    const wants = new Set(opts.exports)
    let boot: BootSelection | null = null
    if (wants.has('kernel') || wants.has('initrd') || wants.has('modules') || wants.has('netboot')) {
      try {
        boot = selectBoot(plan, opts.kernel)
      } catch (e) {
        if (e instanceof NoKernelError) throw new BuildError(opts.name, 'export boot archives', e.message)
        throw e
      }
      if ((wants.has('initrd') || wants.has('netboot')) && !boot.initrd) {
        throw new BuildError(
          opts.name,
          'export boot archives',
          `no initrd for kernel ${printable(boot.version)} (looked for /boot/initrd.img-V, initramfs-V.img, initrd-V)`
        )
      }
      if (wants.has('modules') && !boot.modulesPath) {
        throw new BuildError(
          opts.name,
          'export boot archives',
          `no /lib/modules/${printable(boot.version)} directory for kernel ${printable(boot.version)}`
        )
      }
      reporter.info(`${opts.name}: kernel ${printable(boot.version)} (/${printable(boot.kernelPath)})`)
    }
    await mkdir(dir, { recursive: true })
    const sde = opts.sourceDateEpoch
    const files: Array<{ kind: ExportKind; file: string; sink: FileSink }> = []
    const targets: PassTarget[] = []
    const netbootDir = join(dir, NETBOOT_DIR)
    if (wants.has('netboot') || wants.has('squashfs')) await mkdir(netbootDir, { recursive: true })
    let squashfs: SquashfsSink | undefined
    if (wants.has('squashfs')) {
      squashfs = new SquashfsSink(join(netbootDir, NETBOOT_FILES.squashfs), {
        compression: opts.compression,
        sourceDateEpoch: sde
      })
      targets.push({ writer: new TarWriter(squashfs), select: (p, c) => rootfsHeader(p, c, sde) })
    }
    for (const kind of EXPORT_KINDS) {
      if (!wants.has(kind) || !ARCHIVE_BASE[kind]) continue
      const file = `${ARCHIVE_BASE[kind]}${suffixFor(opts.compression)}`
      const sink = new FileSink(join(dir, file))
      // vmlinuz and the initrd are compressed already: level 1 is as good and far faster.
      const level = opts.compression === 'gzip' && (kind === 'kernel' || kind === 'initrd') ? 1 : undefined
      const writer = new TarWriter(await compressor(opts.compression, sink, level))
      files.push({ kind, file, sink })
      if (kind === 'rootfs') targets.push({ writer, select: (p, c) => rootfsHeader(p, c, sde) })
      else if (kind === 'kernel') targets.push(singleFileTarget(writer, boot!.kernel, './vmlinuz', sde))
      else if (kind === 'initrd') targets.push(singleFileTarget(writer, boot!.initrd!, './initrd', sde))
      else targets.push(modulesTarget(writer, boot!, sde))
    }
    const pkg = packageCaptures(plan)
    // The image's kernel command line, read in the pass (a link is followed inside the image).
    let cmdlineRaw: Buffer | undefined
    if (wants.has('netboot')) {
      const r = resolveInImage(plan, CMDLINE_PATH)
      if (r && r.entry.src.type !== 'dir') {
        if ((contentOf(plan, r.entry)?.size ?? 0) > MAX_CMDLINE_BYTES)
          throw new BuildError(
            opts.name,
            'export netboot',
            kernelCmdlineSizeError(contentOf(plan, r.entry)!.size)
          )
        if (!pkg.captures.has(r.entry.id)) pkg.captures.set(r.entry.id, (_p, data) => (cmdlineRaw = data))
      }
    }
    await runPass({
      plan,
      targets,
      captures: pkg.captures,
      reporter,
      label: opts.name,
      signal: opts.signal
    }).catch((e: unknown) => fail('write archives', e))
    const packages = await readPackages(pkg.got, pkg.rpmDir, reporter)
    const archives: ArchiveInfo[] = files.map((f) => ({
      kind: f.kind,
      file: f.file,
      path: f.sink.path,
      size: f.sink.size,
      sha256: f.sink.sha256
    }))
    if (wants.has('netboot')) {
      archives.push(
        ...(await writeNetboot({
          plan,
          dir,
          name: opts.name,
          boot: boot!,
          cmdlineRaw,
          squashfs: wants.has('squashfs'),
          signal: opts.signal
        }).catch((e: unknown) => fail('export netboot', e)))
      )
    }
    if (squashfs) {
      const file = `${NETBOOT_DIR}/${NETBOOT_FILES.squashfs}`
      archives.push({
        kind: 'squashfs',
        file,
        path: squashfs.path,
        size: squashfs.size,
        sha256: squashfs.sha256
      })
    }
    const documents = await writeSupplyChainDocuments({
      plan,
      dir,
      image: opts.name,
      key: opts.key,
      packages,
      archives,
      sbomFormat: opts.sbomFormat ?? 'spdx',
      ancestors: opts.ancestors ?? [],
      provenance: opts.provenance,
      sourceDateEpoch: sde,
      kilnVersion: kilnVersion()
    }).catch((e: unknown) => fail('write SBOM and provenance', e))
    let fsSize = 0
    for (const p of plan.entries())
      if (p.kind !== 'link' && (p.src.type === 'file' || p.kind === 'materialize'))
        fsSize += (p.data ?? p.src).size
    const manifest: ExportManifest = {
      schemaVersion: 1,
      name: opts.name,
      key: opts.key,
      base: opts.baseChain ?? [],
      layers: input.layers.map((l) => l.digest ?? null),
      archives: archives.map(({ path: _p, ...a }) => a),
      entries: plan.size,
      fsSize,
      kernel: boot ? textOf(boot.version) : null,
      ...(opts.arch ? { arch: opts.arch } : {}),
      packageFormat: packages.format,
      packages: packages.packages,
      documents
    }
    const manifestPath = join(dir, 'manifest.json')
    await writeManifest(manifestPath, manifest)
    const manifestSha = createHash('sha256')
      .update(await readFile(manifestPath))
      .digest('hex')
    const sumsPath = join(dir, 'SHA256SUMS')
    await writeSums(sumsPath, [...archives, ...documents, { file: 'manifest.json', sha256: manifestSha }])
    const seconds = (Date.now() - t0) / 1000
    reporter.info(
      `${opts.name}: ${archives.map((a) => `${a.file} ${formatBytes(a.size)}`).join(', ')} in ${formatSeconds(seconds)}`
    )
    return { dir, archives, manifest, manifestPath, sumsPath, documents, kernel: manifest.kernel, seconds }
  } finally {
    await input.cleanup()
  }
}

function kernelCmdlineSizeError(size: number): string {
  return `/${CMDLINE_PATH}: ${size} bytes, more than a kernel command line (${MAX_CMDLINE_BYTES})`
}

/**
 * netboot/vmlinuz, initrd, cmdline and boot.ipxe: kernel and initrd copied out of their layers
 * (the entries selectBoot resolved inside the image), the command line checked (netboot.ts).
 */
async function writeNetboot(o: {
  plan: FlattenPlan
  dir: string
  name: string
  boot: BootSelection
  cmdlineRaw: Buffer | undefined
  squashfs: boolean
  signal?: AbortSignal
}): Promise<ArchiveInfo[]> {
  let cmdline: string
  try {
    cmdline = kernelCmdline(o.cmdlineRaw)
  } catch (e) {
    if (e instanceof CmdlineError) throw new BuildError(o.name, 'export netboot', e.message)
    throw e
  }
  const out: ArchiveInfo[] = []
  const add = (file: string, path: string, size: number, sha256: string): void => {
    out.push({ kind: 'netboot', file: `${NETBOOT_DIR}/${file}`, path, size, sha256 })
  }
  for (const [file, entry] of [
    [NETBOOT_FILES.kernel, o.boot.kernel],
    [NETBOOT_FILES.initrd, o.boot.initrd!]
  ] as const) {
    const path = join(o.dir, NETBOOT_DIR, file)
    const r = await copyEntry(o.plan, entry, path, o.signal)
    add(file, path, r.size, r.sha256)
  }
  const text = (file: string, content: string): Promise<void> => {
    const path = join(o.dir, NETBOOT_DIR, file)
    const data = Buffer.from(content)
    return writeFileAtomic(path, data).then(() =>
      add(file, path, data.length, createHash('sha256').update(data).digest('hex'))
    )
  }
  await text(NETBOOT_FILES.cmdline, `${cmdline}\n`)
  await text(
    NETBOOT_FILES.script,
    ipxeScript({ name: o.name, kernel: o.boot.version, cmdline, squashfs: o.squashfs })
  )
  return out
}
