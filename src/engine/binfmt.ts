/**
 * Emulation for images of another architecture: an aarch64 image builds on an x86_64 runner
 * because the kernel's binfmt_misc hands every aarch64 ELF binary to qemu-user (mmdebstrap's
 * maintainer scripts, `docker build`'s RUN steps, the sandbox's steps all just exec them). This
 * checks the handler is there before anything is built, registers it through the distribution's
 * own tools when Kiln runs as root and it is missing, and otherwise says what to install.
 *
 * The `F` (fix-binary) flag matters: with it the kernel opened the interpreter when the handler
 * was registered, so it works inside containers and chroots that do not hold qemu themselves;
 * without it a RUN step fails with "exec format error" or "no such file". Debian's
 * qemu-user-static registers with F.
 */
import { constants } from 'node:fs'
import { access, readFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { canonicalArch, hostArch } from '../model/arch.js'
import { errorMessage } from '../util/errors.js'
import { ExecError, run } from '../util/exec.js'
import type { Reporter } from '../util/log.js'

export const BINFMT_DIR = '/proc/sys/fs/binfmt_misc'

/** The Debian packages that provide emulation, as the message names them. */
export const EMULATION_PACKAGES = ['qemu-user-static', 'binfmt-support']

/** qemu-user's binfmt handler name for an architecture (Debian's /usr/share/binfmts names). */
export function qemuHandler(arch: string): string {
  const a = canonicalArch(arch)
  const names: Record<string, string> = {
    aarch64: 'qemu-aarch64',
    armv7l: 'qemu-arm',
    x86_64: 'qemu-x86_64',
    i686: 'qemu-i386',
    ppc64le: 'qemu-ppc64le',
    riscv64: 'qemu-riscv64',
    s390x: 'qemu-s390x'
  }
  return names[a] ?? `qemu-${a}`
}

export interface BinfmtEntry {
  enabled: boolean
  interpreter?: string
  flags: string
}

/** The handler's entry (`<dir>/<name>`), null when there is none; throws when binfmt_misc itself is not there. */
export async function readBinfmt(name: string, dir = BINFMT_DIR): Promise<BinfmtEntry | null> {
  let text: string
  try {
    text = await readFile(join(dir, name), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  const lines = text.split('\n')
  return {
    enabled: lines[0]?.trim() === 'enabled',
    interpreter: /^interpreter (.+)$/m.exec(text)?.[1],
    flags: /^flags: ?(\S*)$/m.exec(text)?.[1] ?? ''
  }
}

/** Emulation is not available and Kiln could not set it up: the message says what to do. */
export class EmulationUnavailable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EmulationUnavailable'
  }
}

export interface EmulationOptions {
  reporter: Reporter
  /** Where binfmt_misc is mounted: KILN_BINFMT_DIR (a container's own mount, tests), else /proc/sys/fs/binfmt_misc. */
  dir?: string
  /** Where update-binfmts and systemd-binfmt are looked for (default $PATH plus the sbin directories). */
  searchPath?: string
  /** Whether Kiln may mount and register (default: running as root). */
  root?: boolean
  host?: string
}

/**
 * Makes sure the host runs `arch`'s programs, through qemu-user when it is not the host's own
 * architecture. Resolves with nothing to do for native ones; throws EmulationUnavailable, with
 * one line naming the packages and the command, when emulation is missing and cannot be set up.
 */
export async function ensureEmulation(arch: string, opts: EmulationOptions): Promise<void> {
  const host = opts.host ?? hostArch()
  const a = canonicalArch(arch)
  if (a === host || (host === 'x86_64' && a === 'i686')) return
  const dir = opts.dir ?? (process.env.KILN_BINFMT_DIR || BINFMT_DIR)
  const root = opts.root ?? process.getuid?.() === 0
  const name = qemuHandler(a)
  const what = `${a} images on this ${host} host need qemu-user emulation`
  const install = `install ${EMULATION_PACKAGES.join(' and ')} (apt-get install ${EMULATION_PACKAGES.join(' ')})`
  const tools = {
    updateBinfmts: await findTool('update-binfmts', opts.searchPath),
    systemdBinfmt: await findTool('systemd-binfmt', opts.searchPath, ['/lib/systemd', '/usr/lib/systemd'])
  }

  const mounted = await exists(join(dir, 'status'))
  if (!mounted) {
    if (!root || dir !== BINFMT_DIR)
      throw new EmulationUnavailable(
        `${what}, but binfmt_misc is not mounted at ${dir}: as root, mount -t binfmt_misc binfmt_misc ${BINFMT_DIR} and ${install}`
      )
    opts.reporter.info(`mounting binfmt_misc at ${dir} (emulation for ${a} images)`)
    await run('mount', ['-t', 'binfmt_misc', 'binfmt_misc', dir], { reporter: opts.reporter }).catch(
      (e: unknown) => {
        throw new EmulationUnavailable(
          `${what}, but binfmt_misc could not be mounted at ${dir}: ${briefly(e)}`
        )
      }
    )
  }

  let entry = await readBinfmt(name, dir)
  if (!entry?.enabled) {
    // Registering acts on the kernel's own binfmt_misc: only when that is the one read.
    const tool = tools.updateBinfmts ?? tools.systemdBinfmt
    if (!root || dir !== BINFMT_DIR || !tool) {
      const asRoot = root ? '' : ', as root'
      throw new EmulationUnavailable(
        entry
          ? `${what}, but the binfmt handler ${name} is disabled: run update-binfmts --enable ${name}${asRoot}`
          : `${what}, but binfmt_misc has no ${name} handler${tool || dir !== BINFMT_DIR ? '' : ' and neither update-binfmts nor systemd-binfmt is installed'}: ${install}${asRoot}`
      )
    }
    const complaint = await register(name, tools, opts.reporter)
    entry = await readBinfmt(name, dir)
    if (!entry?.enabled)
      throw new EmulationUnavailable(
        `${what}, but binfmt_misc has no enabled ${name} handler and registering it failed${complaint ? ` (${complaint})` : ''}: ${install}`
      )
    opts.reporter.info(`registered the binfmt handler ${name} (${entry.interpreter ?? 'qemu-user'})`)
  }
  if (!entry.flags.includes('F'))
    opts.reporter.warn(
      `the binfmt handler ${name} is registered without the F (fix-binary) flag: steps in containers and chroots may fail with "exec format error"; Debian's qemu-user-static registers it with F`
    )
}

/** Registers the handler with the distribution's tool; returns the tool's complaint, or '' when it ran. */
async function register(
  name: string,
  tools: { updateBinfmts?: string; systemdBinfmt?: string },
  reporter: Reporter
): Promise<string> {
  if (tools.updateBinfmts) {
    try {
      // binfmt-support's database holds the entry qemu-user-static installed (/usr/share/binfmts).
      await run(tools.updateBinfmts, ['--enable', name], { reporter })
      return ''
    } catch (e) {
      if (!tools.systemdBinfmt) return briefly(e)
    }
  }
  if (tools.systemdBinfmt) {
    for (const d of ['/usr/lib/binfmt.d', '/lib/binfmt.d', '/etc/binfmt.d']) {
      const conf = join(d, `${name}.conf`)
      if (!(await exists(conf))) continue
      try {
        await run(tools.systemdBinfmt, [conf], { reporter })
        return ''
      } catch (e) {
        return briefly(e)
      }
    }
    return `no ${name}.conf in /usr/lib/binfmt.d`
  }
  return ''
}

async function findTool(
  name: string,
  searchPath?: string,
  extra: string[] = []
): Promise<string | undefined> {
  const path = searchPath ?? [process.env.PATH ?? '', '/usr/local/sbin:/usr/sbin:/sbin'].join(delimiter)
  const dirs = [...path.split(delimiter).filter(Boolean), ...(searchPath === undefined ? extra : [])]
  for (const d of dirs) {
    const file = join(d, name)
    try {
      await access(file, constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  return undefined
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false
  )
}

function briefly(e: unknown): string {
  const tail = e instanceof ExecError ? e.tail.slice(-2).join(' | ') : ''
  return tail || errorMessage(e)
}
