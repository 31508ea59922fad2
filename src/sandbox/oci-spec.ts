/**
 * The OCI runtime config (runc's config.json) of a step that runs inside an image: what
 * `docker run --network host` gives a container by default, and nothing more.
 *
 * - root: the overlay the driver mounted (root.path), entered with pivot_root in new PID,
 *   mount, IPC and UTS namespaces; the host's network namespace (apt reaches the mirror).
 * - uid 0 with Docker's default capabilities only, no new privileges, Docker's seccomp
 *   filter, and /proc entries masked or read-only as Docker does.
 * - /proc: always a new proc of the step's PID namespace (never the host's): runc itself
 *   needs it to start the step (it closes inherited descriptors through /proc/self/fd).
 * - /dev: always a fresh tmpfs with the standard device nodes (runc makes them), devpts,
 *   shm and mqueue: never the host's devices. runc needs /dev/null there to mask /proc
 *   entries, and a tmpfs keeps it from writing device nodes into the image's own /dev.
 * - /sys (sysfs, read-only) when asked for.
 */
import type { MountKind } from './driver.js'
import { dockerDefaultSeccomp, type OciSeccomp } from './seccomp.js'

/** Docker's default capability set (moby's oci/caps/defaults.go). */
export const DOCKER_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE'
]

/** Docker's masked paths (moby's oci/defaults.go). */
export const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap'
]

/** Docker's read-only paths. */
export const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']

export interface StepSpec {
  /** The mounted image root, an absolute path in the driver's mount namespace. */
  root: string
  args: string[]
  env: Record<string, string>
  mounts: MountKind[]
  /** A terminal of its own (runc proxies ours to it): `kiln run` in a terminal. */
  terminal?: boolean
}

/** The parts of runc's config.json that Kiln writes. */
export interface StepConfig {
  ociVersion: string
  process: {
    terminal: boolean
    user: { uid: number; gid: number }
    args: string[]
    env: string[]
    cwd: string
    capabilities: { bounding: string[]; effective: string[]; permitted: string[] }
    noNewPrivileges: boolean
  }
  root: { path: string; readonly: boolean }
  mounts: OciMount[]
  linux: {
    namespaces: Array<{ type: string }>
    maskedPaths: string[]
    readonlyPaths: string[]
    seccomp: OciSeccomp
  }
}

export interface OciMount {
  destination: string
  type: string
  source: string
  options: string[]
}

const DEV_MOUNTS: OciMount[] = [
  {
    destination: '/dev',
    type: 'tmpfs',
    source: 'tmpfs',
    options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k']
  },
  {
    destination: '/dev/pts',
    type: 'devpts',
    source: 'devpts',
    options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5']
  },
  {
    destination: '/dev/shm',
    type: 'tmpfs',
    source: 'shm',
    options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k']
  },
  { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] }
]

const PROC_MOUNT: OciMount = {
  destination: '/proc',
  type: 'proc',
  source: 'proc',
  options: ['nosuid', 'noexec', 'nodev']
}
const SYS_MOUNT: OciMount = {
  destination: '/sys',
  type: 'sysfs',
  source: 'sysfs',
  options: ['nosuid', 'noexec', 'nodev', 'ro']
}

export function stepConfig(
  s: StepSpec,
  seccomp: OciSeccomp = dockerDefaultSeccomp(DOCKER_CAPABILITIES)
): StepConfig {
  const mounts: OciMount[] = []
  mounts.push(PROC_MOUNT, ...DEV_MOUNTS)
  if (s.mounts.includes('sys')) mounts.push(SYS_MOUNT)
  const caps = [...DOCKER_CAPABILITIES]
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: s.terminal ?? false,
      // Root in /: no spec field of a step chooses otherwise (ACI's app.user is for the image).
      user: { uid: 0, gid: 0 },
      args: s.args,
      env: Object.entries(s.env).map(([k, v]) => `${k}=${v}`),
      cwd: '/',
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: true
    },
    root: { path: s.root, readonly: false },
    mounts,
    linux: {
      // No network namespace: the host's, as `docker run --network host`.
      namespaces: [{ type: 'pid' }, { type: 'mount' }, { type: 'ipc' }, { type: 'uts' }],
      maskedPaths: MASKED_PATHS,
      readonlyPaths: READONLY_PATHS,
      seccomp
    }
  }
}
