/** out/index.json: one record per image of the run. Written by build/, read by the Action's summary. */
export interface ImageReport {
  name: string
  key: string
  builder: string
  base?: string
  distro?: string
  plan?: string
  arch: string
  /**
   * built: made in this run; reused: found in the store; restored: brought from the cache;
   * failed; interrupted: a signal stopped the run while this image was being made; skipped: an
   * ancestor did not build, or the run was stopped before this image started.
   */
  status: 'built' | 'reused' | 'restored' | 'failed' | 'interrupted' | 'skipped'
  seconds: number
  manifestDigest?: string
  layers: string[]
  /** Sum of layer sizes, bytes. */
  size: number
  /** Dated tag given to this build. */
  tag?: string
  /** refused: the step refused its input (a hostile or oversized archive): exit status 2. */
  error?: { step: string; message: string; tail: string[]; refused?: boolean }
  /** Why it was rebuilt: inputs changed since the last build of this image (from the cache record). */
  changed?: Array<{ kind: string; name: string }>
  exports?: {
    dir: string
    files: Array<{ name: string; size: number; sha256: string }>
    kernel?: string
    /** Files that describe the archives: SBOMs, provenance.intoto.json, SHA256SUMS.asc when signed. */
    documents?: string[]
  }
  verify?: { status: 'passed' | 'failed' | 'skipped'; seconds: number; accel?: string; message?: string }
  /** The provisioning gate (verify.install, or a raw/qcow2 export): installed on a blank disk, booted from it. */
  install?: {
    status: 'passed' | 'failed' | 'skipped'
    seconds: number
    accel?: string
    /** The stage that failed: an install stage (bootloader-package, grub-install-bios, …) or boot-bios:root, … */
    stage?: string
    message?: string
    /** Seconds per stage (install stages, then boot-bios, boot-uefi). */
    stages?: Array<{ stage: string; seconds: number }>
  }
  /** The netboot gate (verify.netboot): netboot/ booted by iPXE over qemu's user network. */
  netboot?: {
    status: 'passed' | 'failed' | 'skipped'
    seconds: number
    accel?: string
    /** The stage that failed: script, kernel download, initrd download, root, check, timeout, … */
    stage?: string
    message?: string
    /** Bytes the guest fetched over HTTP. */
    downloadedBytes?: number
  }
}

/** An image that failed a gate (boot, install, netboot): built, but not published. */
export function gateFailed(i: ImageReport): boolean {
  return i.verify?.status === 'failed' || i.install?.status === 'failed' || i.netboot?.status === 'failed'
}

export interface RunReport {
  version: 1
  startedAt: string
  seconds: number
  images: ImageReport[]
}
