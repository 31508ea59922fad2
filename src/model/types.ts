/**
 * The normalised model of an IMAGES.json catalog. Every input shape (IMAGES.json v1,
 * the corpusops list, genoci's YAML) loads into these types; nothing past the model
 * looks at the raw documents again.
 */

import type { Problem } from '../util/errors.js'

/** `import`: no build step, the image is its base source as imported (e.g. a bootstrap). */
export type BuilderKind = 'dockerfile' | 'packer' | 'overlay' | 'aci' | 'import'

export interface BootstrapSource {
  suite: string
  variant?: string
  include?: string[]
  components?: string[]
  /** Mirror URL; defaults to the host's apt sources. */
  mirror?: string
  /** Pin to a snapshot date (YYYYMMDDTHHMMSSZ or YYYY-MM-DD). */
  snapshot?: string
  arch?: string
}

/**
 * Where an image starts from. `image` names another image of the chain; `stored` an image
 * already in the store under that name (genoci's `base:` naming a tag another file built).
 */
export type BaseSource =
  | { kind: 'scratch' }
  | { kind: 'image'; name: string }
  | { kind: 'stored'; name: string }
  | { kind: 'docker'; ref: string }
  | { kind: 'tar'; path: string }
  | { kind: 'dir'; path: string }
  | { kind: 'squashfs'; path: string }
  | { kind: 'bootstrap'; bootstrap: BootstrapSource }

export type ExportKind =
  'rootfs' | 'kernel' | 'initrd' | 'modules' | 'netboot' | 'squashfs' | 'oci' | 'aci' | 'raw' | 'qcow2'

/** Overlay builder steps (also what genoci entries load into). */
export interface OverlaySpec {
  packs?: string[]
  run?: Array<string[] | string>
  copy?: Array<{ src: string; dest: string }>
  env?: Record<string, string>
  entrypoint?: string[]
  cmd?: string[]
  /** genoci: tarballs expanded into the root. */
  expand?: string[]
  /** genoci: .deb/.rpm installed inside. */
  install?: string[]
  /** genoci: host commands before/after, %ROOT% replaced by the root path. */
  pre?: string[]
  post?: string[]
  annotations?: Record<string, string>
  /** Sandbox options. */
  mounts?: Array<'proc' | 'dev' | 'sys'>
  policyRcD?: boolean
}

export interface ImageSpec {
  /** Unique in the catalog; usable as a docker tag and a file name. */
  name: string
  /** Index in the catalog's image list (list order is kept as a tie-break). */
  index: number
  /** JSON pointer to this image in its file, for messages. */
  pointer: string
  builder: BuilderKind
  base: BaseSource
  /** Explicit extra dependencies by name. */
  dependsOn: string[]
  distro?: string
  plan?: string
  arch: string
  /** Builder's main file (Dockerfile, Packer template, ACI manifest), relative to the project root. */
  file?: string
  /** Build context / working directory, relative to the project root. */
  workingDir: string
  /** Build args (dockerfile) or vars (packer). */
  args: Record<string, string>
  /** corpusops' extra_args, already placeholder-expanded, as an argument array. */
  extraArgs: string[]
  /** Docker tag to give the built image in the engine (corpusops' `tag`). */
  tag?: string
  version?: string
  target?: string
  labels: Record<string, string>
  network?: string
  overlay?: OverlaySpec
  exports: ExportKind[]
  /** Pin a kernel version for the boot archives. */
  kernel?: string
  /** Boot gate for images with boot archives (default true). */
  verify: boolean
  /**
   * The gates beyond the boot gate, from an object `verify` (absent: off). `install` is also
   * implied by a `raw` or `qcow2` export, which writes the disk it installs.
   */
  gates?: { install: boolean; netboot: boolean }
  /** 1-based line of the image entry in its file, for messages (absent when built in code). */
  line?: number
  /** Where its `base` value sits, when known (for a store image the plan cannot find). */
  baseLine?: number
  baseColumn?: number
}

/** Which document shape a catalog was loaded from. */
export type CatalogFormat = 'kiln-v1' | 'corpusops' | 'genoci'

export interface Catalog {
  /** Absolute path of the file that was loaded. */
  file: string
  /** The shape the file was written in (absent when built in code: kiln-v1). */
  format?: CatalogFormat
  /** Absolute project root: every relative path resolves against it and may not leave it. */
  root: string
  images: ImageSpec[]
  /** What the loader let through but the user should know (e.g. a corpusops entry dropped as a duplicate). */
  warnings?: Problem[]
}
