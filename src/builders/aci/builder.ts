/**
 * The ACI builder (aci-packer's steps, in a sandbox). The steps work on a root file system
 * directory, since `extract` deletes most of it: `image` unpacks a tarball there (or the
 * node's base from the chain: also what happens when an old-format manifest has no `image`
 * step; a current-format one starts empty), `cmd`, `ansible`, `shell` and `ld.so.cache` run
 * with that directory as the sandbox's writable root, `extract`, `create_python_env`,
 * `copy_host_files` and the current format's file steps (steps.ts) work on it from outside.
 * aci-packer's "host" for `copy` and `ld.so.cache` is the node's base image.
 *
 * Output: `image.aci` (a tar of `manifest` and `rootfs/`, numeric owners; compression from
 * the node's `args.compression`: gzip (default), xz, bzip2, zstd or none) returned as an artifact,
 * and the same root file system as a single-layer image in the store (app.exec →
 * Entrypoint, app.environment → Env), so the bare-metal archives work for ACI images too.
 */
import { createReadStream } from 'node:fs'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { putDirAsLayer } from '../../sandbox/layer.js'
import { Sandbox, uniqueDir, type CommandOptions } from '../../sandbox/sandbox.js'
import { DEFAULT_CACHE_DIR, TAR_KEEP_ALL, unpackLayers } from '../../sandbox/unpacked.js'
import type { MountKind } from '../../sandbox/driver.js'
import { trackDir } from '../../util/lifecycle.js'
import { checkTar } from '../../sources/safe-tar.js'
import { ociArch } from '../../store/layout.js'
import type { OciImageConfig } from '../../store/types.js'
import { BuildError, errorMessage } from '../../util/errors.js'
import { ExecError, run } from '../../util/exec.js'
import { createdTime, type SandboxBuilderOptions } from '../overlay.js'
import type { BuildContext, BuildResult, Builder } from '../types.js'
import { ACI_COMPRESSION, aciManifestFor, writeAciArchive } from './archive.js'
import { dependencyClosure, ldSoConfDirs, trustedDirs } from './closure.js'
import { modeNumber, parseSteps, type AciManifest, type AciStep } from './manifest.js'
import { copyFromHost, mkdirInRoot, pruneRoot } from './prune.js'
import { resolveInRoot, secureJoin } from '../../util/in-root.js'
import { cmdCopies, isCurrentFormat, type ChrootFlags } from '../../model/aci.js'
import { DEFAULT_PATH } from '../../sandbox/sandbox.js'
import { readElf } from './elf.js'
import { copyStep, deleteStep, makeDirs, mkdirStep, symlinkStep, writeStep } from './steps.js'

interface ChrootOptions {
  dns: boolean
  hosts: boolean
  mounts: MountKind[]
  policyRcD: boolean
}

const NO_CHROOT_SETUP: ChrootOptions = { dns: false, hosts: false, mounts: [], policyRcD: false }

export class AciBuilder implements Builder {
  constructor(private readonly opts: SandboxBuilderOptions = {}) {}

  async build(ctx: BuildContext): Promise<BuildResult> {
    const spec = ctx.image.spec
    const name = spec.name
    const fail = (step: string, e: unknown): never => {
      if (e instanceof BuildError) throw e
      throw new BuildError(name, step, errorMessage(e), e instanceof ExecError ? e.tail : [])
    }
    if (!spec.file)
      throw new BuildError(name, 'manifest', 'an aci node needs "file": its aci-packer manifest')
    const manifestFile = resolve(ctx.catalog.root, spec.file)
    let doc: Record<string, unknown> = {}
    let steps: AciStep[] = []
    try {
      doc = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>
      steps = parseSteps(doc)
    } catch (e) {
      fail(`manifest ${spec.file}`, e)
    }
    const compression = spec.args.compression ?? 'gzip'
    if (!ACI_COMPRESSION[compression])
      throw new BuildError(
        name,
        'args.compression',
        `"${compression}": expected gzip, xz, bzip2, zstd or none`
      )

    const area = join(ctx.workDir, 'aci')
    await mkdir(area, { recursive: true })
    const removeArea = trackDir(area)
    const rootfs = join(area, 'rootfs')
    await mkdir(rootfs, { mode: 0o755 })
    await chmod(rootfs, 0o755)
    try {
      let chroot: ChrootOptions = NO_CHROOT_SETUP
      // With no image step, the old format starts from the base (Kiln's rule); the current one
      // starts empty, as acipacker.py does: its recipes build up from the host with `copy`.
      const fillsRoot = steps.some((s) => s.step === 'image' || s.step === 'create_python_env')
      if (!fillsRoot && !isCurrentFormat(doc) && ctx.base)
        await this.fromBase(ctx, rootfs, area).catch((e) => fail('image (base)', e))
      // aci-packer's "host" for copy and ld.so.cache: the base image's tree, made on first use.
      let hostTree: Promise<string | null> | undefined
      const host = (): Promise<string | null> =>
        (hostTree ??= ctx.base ? this.baseTree(ctx, area) : Promise.resolve(null))
      for (const [i, step] of steps.entries()) {
        const where = `step ${i} (${step.name ? `${step.name}: ` : ''}${step.step})`
        ctx.reporter.info(`${name}: ${where}`)
        try {
          switch (step.step) {
            case 'image':
              if (step.from === 'base' || (!step.path && !step.url)) await this.fromBase(ctx, rootfs, area)
              else await this.image(ctx, step, rootfs, area)
              break
            case 'setup_chroot':
              chroot = chrootOptions(step, true)
              break
            case 'cmd':
              await this.cmd(ctx, step, rootfs, area, chroot, where)
              break
            case 'ansible':
              await this.ansible(ctx, step, rootfs, area, chrootOptions(step, false), where)
              break
            case 'extract':
              await this.extract(ctx, rootfs, step.binaries, step.keeps ?? [], [])
              break
            case 'create_python_env':
              await this.pythonEnv(ctx, rootfs, step.python_exe ?? '/usr/bin/python3')
              break
            case 'copy_host_files':
              await this.copyHostFiles(ctx, rootfs, step.binaries ?? [], step.files ?? [])
              break
            case 'shell':
              await this.shell(ctx, step.cmd, rootfs, area, chroot, where)
              break
            case 'copy':
              await copyStep(
                {
                  rootfs,
                  hostRoot: await host(),
                  projectPath: (p) => stepPath(ctx, p),
                  reporter: ctx.reporter,
                  image: name
                },
                { ...step, mode: step.mode === undefined ? undefined : modeNumber(step.mode, 0o644) }
              )
              break
            case 'symlink':
              await symlinkStep(rootfs, step.links)
              break
            case 'write':
              await writeStep(rootfs, step.path, step.contents)
              break
            case 'delete':
              await deleteStep(rootfs, step.files)
              break
            case 'mkdir':
              // aci-packer: os.makedirs(path, 0o777) under the usual umask 022.
              await mkdirStep(rootfs, step.dirs, modeNumber(step.mode, 0o777 & ~0o022), step)
              break
            case 'ld.so.cache':
              await this.ldSoCache(ctx, step, rootfs, area, await host(), where)
              break
          }
        } catch (e) {
          fail(where, e)
        }
      }

      const arch = ctx.base?.config.architecture ?? ociArch(spec.arch)
      let manifest: AciManifest | undefined
      try {
        manifest = await aciManifestFor(ctx.catalog.root, spec, arch)
      } catch (e) {
        fail(`manifest ${spec.file}`, e)
      }
      const aci = join(ctx.workDir, 'image.aci')
      await writeAciArchive(area, manifest as AciManifest, compression, aci).catch((e) =>
        fail('image.aci', e)
      )

      const layer = await putDirAsLayer(ctx.store, rootfs, `${name} rootfs`).catch((e) => fail('layer', e))
      return {
        layers: [layer],
        config: aciConfig(manifest as AciManifest, arch, name),
        artifacts: { 'image.aci': aci }
      }
    } finally {
      removeArea()
    }
  }

  /** The base image's tree in a directory of its own: what copy and ld.so.cache read as the "host". */
  private async baseTree(ctx: BuildContext, area: string): Promise<string> {
    const dir = join(area, 'host')
    await mkdir(dir, { mode: 0o755 })
    await this.fromBase(ctx, dir, area)
    return dir
  }

  /** shell: a host command (sh -c), its environment only ROOTFS (and a PATH), as aci-packer ran it. */
  private async shell(
    ctx: BuildContext,
    cmd: string,
    rootfs: string,
    area: string,
    c: ChrootOptions,
    where: string
  ): Promise<void> {
    await this.inSandbox(
      ctx,
      rootfs,
      area,
      c,
      (sb) =>
        sb.host(['env', '-i', `ROOTFS=${sb.root}`, `PATH=${DEFAULT_PATH}`, '/bin/sh', '-c', cmd], {
          cwd: manifestDir(ctx),
          onLine: (l) => ctx.reporter.info(`${ctx.image.spec.name} ${where}: ${l}`)
        }),
      where
    )
  }

  /**
   * ld.so.cache: the base image's ldconfig (a static program: it runs inside the root, as
   * `cmd` does) writes the root's /etc/ld.so.cache. With host_base, the configuration is the
   * base image's ld.so.conf directories followed by the root's own.
   */
  private async ldSoCache(
    ctx: BuildContext,
    step: { ldconfig?: string; host_base?: boolean },
    rootfs: string,
    area: string,
    hostRoot: string | null,
    where: string
  ): Promise<void> {
    const ldconfig = step.ldconfig ?? '/sbin/ldconfig'
    if (hostRoot === null)
      throw new Error(
        `${ldconfig}: the node has no base image, which is where Kiln reads aci-packer's host files`
      )
    const r = await resolveInRoot(hostRoot, ldconfig)
    if (r.real === null) throw new Error(`${ldconfig} does not exist in the base image`)
    const elf = await readElf(join(hostRoot, r.real)).catch(() => null)
    if (!elf) throw new Error(`${ldconfig} in the base image is not an ELF program`)
    if (elf.interp)
      throw new Error(
        `${ldconfig} in the base image is dynamically linked: ld.so.cache needs a static ldconfig`
      )
    await makeDirs(rootfs, 'etc', 0o755)
    const files: NonNullable<CommandOptions['files']> = [
      { path: '.kiln/ldconfig', source: join(hostRoot, r.real), mode: 0o755 }
    ]
    const argv = ['/.kiln/ldconfig']
    if (step.host_base) {
      const dirs = [...new Set([...(await ldSoConfDirs(hostRoot)), ...(await ldSoConfDirs(rootfs))])]
      files.push({ path: '.kiln/ld.so.conf', content: dirs.map((d) => `${d}\n`).join(''), mode: 0o644 })
      argv.push('-f', '/.kiln/ld.so.conf')
    }
    const o: CommandOptions = {
      files,
      onLine: (l) => ctx.reporter.debug(`${ctx.image.spec.name} ${where}: ${l}`)
    }
    await this.inSandbox(ctx, rootfs, area, NO_CHROOT_SETUP, (sb) => sb.exec(argv, o), where)
  }

  /** The base image of the chain, materialised as a plain directory (the steps delete from it). */
  private async fromBase(ctx: BuildContext, rootfs: string, area: string): Promise<void> {
    if (!ctx.base) throw new Error('no base image: give an image step with "path" or "url"')
    const lowers = await unpackLayers(ctx.base.layers, this.opts.cacheDir ?? DEFAULT_CACHE_DIR, ctx.reporter)
    const sb = await Sandbox.open({
      dir: uniqueDir(area, 'base'),
      lowers,
      dns: false,
      hosts: false,
      reporter: ctx.reporter,
      signal: ctx.signal
    })
    try {
      const r = await sb.host(['cp', '-a', '--', `${sb.root}/.`, `${rootfs}/`])
      if (r.exitCode !== 0)
        throw new ExecError('cp -a', r.exitCode, r.tail, `exited with status ${r.exitCode}`)
    } finally {
      await sb.close()
    }
  }

  private async image(
    ctx: BuildContext,
    step: { path?: string; url?: string },
    rootfs: string,
    area: string
  ): Promise<void> {
    let file: string
    if (step.path) file = stepPath(ctx, step.path)
    else {
      const url = new URL(step.url as string)
      if (url.protocol === 'file:') file = url.pathname
      else if (url.protocol === 'http:' || url.protocol === 'https:') {
        file = join(area, `download-${basename(url.pathname) || 'image'}`)
        // The one step that needs the network at build time: say so, with the real cause.
        const res = await fetch(url, { signal: ctx.signal }).catch((e: unknown) => {
          throw new Error(`fetch ${url.href}: ${networkCause(e)}`)
        })
        if (!res.ok || !res.body)
          throw new Error(`fetch ${url.href}: HTTP ${res.status} ${res.statusText}`.trim())
        await writeFile(file, Buffer.from(await res.arrayBuffer()))
      } else throw new Error(`${url.href}: only file:, http: and https: URLs are supported`)
    }
    // An earlier step may have filled the root already: its symlinks count as well.
    await checkTar(createReadStream(file), file, ctx.reporter, { root: rootfs })
    await run('tar', [
      '--extract',
      `--file=${file}`,
      '--directory',
      rootfs,
      '--same-permissions',
      '--same-owner',
      ...TAR_KEEP_ALL,
      '--keep-directory-symlink'
    ])
  }

  private async cmd(
    ctx: BuildContext,
    step: { path: string; args?: string[]; copy?: boolean },
    rootfs: string,
    area: string,
    c: ChrootOptions,
    where: string
  ): Promise<void> {
    const args = (step.args ?? []).map(String)
    const o: CommandOptions = { onLine: (l) => ctx.reporter.debug(`${ctx.image.spec.name} ${where}: ${l}`) }
    let argv = [step.path, ...args]
    if (cmdCopies(step)) {
      const inImage = `.kiln/cmd-${basename(step.path)}`
      o.files = [{ path: inImage, source: stepPath(ctx, step.path), mode: 0o755 }]
      argv = [`/${inImage}`, ...args]
    }
    await this.inSandbox(ctx, rootfs, area, c, (sb) => sb.exec(argv, o), where)
  }

  private async ansible(
    ctx: BuildContext,
    step: { playbook: string },
    rootfs: string,
    area: string,
    c: ChrootOptions,
    where: string
  ): Promise<void> {
    const playbook = stepPath(ctx, step.playbook)
    const inventory = join(area, 'inventory')
    await this.inSandbox(
      ctx,
      rootfs,
      area,
      c,
      async (sb) => {
        // The chroot connection, with chroot itself replaced: each task runs in a container.
        await writeFile(
          inventory,
          `[aci]\n${sb.root} ansible_connection=chroot ansible_chroot_exe=${sb.chrootProgram}\n`
        )
        return sb.beside(['ansible-playbook', '-i', inventory, playbook], {
          cwd: manifestDir(ctx),
          env: {
            ANSIBLE_HOST_KEY_CHECKING: 'False',
            ANSIBLE_NOCOLOR: '1',
            ANSIBLE_RETRY_FILES_ENABLED: 'False'
          },
          onLine: (l) => ctx.reporter.debug(`${ctx.image.spec.name} ${where}: ${l}`)
        })
      },
      where
    )
  }

  private async inSandbox(
    ctx: BuildContext,
    rootfs: string,
    area: string,
    c: ChrootOptions,
    f: (sb: Sandbox) => Promise<{ exitCode: number; signal: NodeJS.Signals | null; tail: string[] }>,
    where: string
  ): Promise<void> {
    const sb = await Sandbox.open({
      dir: uniqueDir(area, 'sb'),
      lowers: [],
      upper: rootfs,
      dns: c.dns,
      hosts: c.hosts,
      mounts: c.mounts,
      policyRcD: c.policyRcD,
      reporter: ctx.reporter,
      signal: ctx.signal
    })
    try {
      const r = await f(sb)
      if (r.exitCode !== 0)
        throw new BuildError(
          ctx.image.spec.name,
          where,
          r.signal ? `killed by ${r.signal}` : `exited with status ${r.exitCode}`,
          r.tail
        )
    } finally {
      await sb.close()
    }
  }

  /** Keeps the binaries, their library closure (the image's own search paths) and `keeps`; deletes the rest. */
  private async extract(
    ctx: BuildContext,
    rootfs: string,
    binaries: string[],
    keeps: string[],
    extraTrees: string[]
  ): Promise<void> {
    const closure = await dependencyClosure(rootfs, binaries)
    for (const m of closure.missing)
      ctx.reporter.warn(`${ctx.image.spec.name}: extract: library not found in the image: ${m}`)
    const trees = [...extraTrees]
    for (const k of keeps) {
      const r = await resolveInRoot(rootfs, k)
      for (const l of r.links) closure.keep.add(l)
      if (r.real === null) ctx.reporter.warn(`${ctx.image.spec.name}: extract: keep ${k} is not in the image`)
      else if ((await stat(join(rootfs, r.real))).isDirectory()) trees.push(r.real)
      else closure.keep.add(r.real)
    }
    const removed = await pruneRoot(rootfs, closure.keep, trees)
    ctx.reporter.info(
      `${ctx.image.spec.name}: extract kept ${closure.keep.size} paths and ${trees.length} trees, removed ${removed} entries`
    )
  }

  /**
   * Best effort, from the image's own python (aci-packer used the host's virtualenv): the
   * interpreter, its standard library directory, the library closure of both, /usr/bin/env,
   * the NSS modules, and a minimal passwd/group. Not kept: site/dist-packages outside the
   * standard library directory, pip, anything the interpreter loads by name at run time.
   */
  private async pythonEnv(ctx: BuildContext, rootfs: string, pythonExe: string): Promise<void> {
    const py = await resolveInRoot(rootfs, pythonExe)
    if (!py.real) throw new Error(`${pythonExe} is not in the image`)
    const version = /python\d+(\.\d+)?/.exec(basename(py.real))?.[0]
    const stdlib = version ? (await resolveInRoot(rootfs, `/usr/lib/${version}`)).real : null
    const extras: string[] = []
    if (stdlib) {
      const { stdout } = await run('find', [join(rootfs, stdlib), '-name', '*.so*', '-type', 'f'])
      extras.push(
        ...stdout
          .split('\n')
          .filter(Boolean)
          .map((p) => p.slice(rootfs.length))
      )
    }
    for (const d of trustedDirs(62, 64).concat(trustedDirs(183, 64)))
      for (const lib of ['libnss_files.so.2', 'libnss_dns.so.2', 'libnss_compat.so.2'])
        if ((await resolveInRoot(rootfs, `${d}/${lib}`)).real) extras.push(`${d}/${lib}`)
    const env = (await resolveInRoot(rootfs, '/usr/bin/env')).real ? ['/usr/bin/env'] : []
    await this.extract(ctx, rootfs, [pythonExe, ...env, ...extras], [], stdlib ? [stdlib] : [])
    const etc = await mkdirInRoot(rootfs, 'etc')
    for (const [f, text] of [
      ['passwd', 'root:x:0:0:root:/:/bin/sh\n'],
      ['group', 'root:x:0:root\n']
    ] as const) {
      if (!(await stat(join(rootfs, etc, f)).catch(() => null))) await writeFile(join(rootfs, etc, f), text)
    }
  }

  /** Host binaries with their library closure (the HOST's search paths), and [host, aci] file pairs. */
  private async copyHostFiles(
    ctx: BuildContext,
    rootfs: string,
    binaries: string[],
    files: Array<[string, string]>
  ): Promise<void> {
    if (binaries.length) {
      const closure = await dependencyClosure('/', binaries, 'on the build host')
      for (const m of closure.missing)
        ctx.reporter.warn(`${ctx.image.spec.name}: copy_host_files: library not found on the host: ${m}`)
      await copyFromHost(rootfs, [...closure.keep])
    }
    for (const [host, aci] of files) {
      const src = stepPath(ctx, host)
      const parts = aci.split('/').filter(Boolean)
      if (parts.includes('..') || !parts.length)
        throw new Error(`copy_host_files: ${aci} is not a path inside the image`)
      // The destination as the image sees it: its links (the last one too) are followed
      // inside the root, so cp meets none it could follow out to the host.
      let dest = await secureJoin(rootfs, aci)
      // cp's own rule, made explicit: into a directory the file keeps its name.
      if ((await stat(dest).catch(() => null))?.isDirectory())
        dest = await secureJoin(rootfs, `${relative(rootfs, dest)}/${basename(src)}`)
      await mkdir(dirname(dest), { recursive: true, mode: 0o755 })
      await run('cp', ['-PT', '--remove-destination', '--preserve=mode,timestamps', '--', src, dest])
    }
  }
}

export const aciBuilder: Builder = new AciBuilder()

/** What went wrong under fetch()'s own "fetch failed": the socket or DNS error it wraps. */
function networkCause(e: unknown): string {
  // Duck-typed: fetch's errors may come from another realm than this module's Error.
  type Cause = { message?: unknown; code?: unknown; cause?: unknown }
  let c = e as Cause | null
  while (c && typeof c === 'object' && c.cause) c = c.cause as Cause
  if (!c || typeof c !== 'object') return String(c)
  const message = typeof c.message === 'string' ? c.message : ''
  const code = typeof c.code === 'string' ? c.code : ''
  if (!code || message.includes(code)) return message || 'network error'
  return message ? `${code}: ${message}` : code
}

function chrootOptions(s: ChrootFlags, dflt: boolean): ChrootOptions {
  const flag = (k: keyof ChrootFlags): boolean => (typeof s[k] === 'boolean' ? (s[k] as boolean) : dflt)
  const mounts: MountKind[] = []
  if (flag('mount_proc')) mounts.push('proc')
  if (flag('mount_dev')) mounts.push('dev')
  if (flag('mount_sys')) mounts.push('sys')
  return {
    dns: flag('copy_resolvconf'),
    hosts: flag('copy_hosts'),
    mounts,
    policyRcD: s.make_debian_policy_rc === true
  }
}

/** The directory of the node's manifest: aci-packer reads the steps' host paths from there. */
function manifestDir(ctx: BuildContext): string {
  return dirname(resolve(ctx.catalog.root, ctx.image.spec.file ?? '.'))
}

function stepPath(ctx: BuildContext, p: string): string {
  return aciStepPath(ctx.catalog.root, ctx.image.spec.file ?? '.', p)
}

/**
 * A host path a step names (`image` path, `cmd` script, playbook, copied file): relative to
 * the manifest (`manifest`, itself relative to the project root) as in aci-packer and as the
 * input key reads them; refused when it leaves the project root.
 */
export function aciStepPath(root: string, manifest: string, p: string): string {
  const abs = resolve(dirname(resolve(root, manifest)), p)
  if (abs !== root && !abs.startsWith(`${root}/`))
    throw new Error(`${p} lies outside the project root ${root}`)
  return abs
}

export function aciConfig(m: AciManifest, arch: string, name: string): Omit<OciImageConfig, 'rootfs'> {
  const created = createdTime()
  const conf: NonNullable<OciImageConfig['config']> = {}
  if (m.app) {
    conf.Entrypoint = m.app.exec
    if (m.app.environment?.length) conf.Env = m.app.environment.map((e) => `${e.name}=${e.value}`)
    if (m.app.workingDirectory) conf.WorkingDir = m.app.workingDirectory
    if (m.app.user && !['root', '0'].includes(m.app.user)) conf.User = `${m.app.user}:${m.app.group}`
  }
  conf.Labels = Object.fromEntries((m.labels ?? []).map((l) => [`appc.${l.name}`, l.value]))
  return {
    architecture: ociArch(arch),
    os: 'linux',
    created,
    config: conf,
    history: [{ created, created_by: `kiln aci ${name}`, comment: m.name }]
  }
}
