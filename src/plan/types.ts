import type { Catalog, ImageSpec } from '../model/types.js'

/** One input that went into an image's key: shown by `kiln plan --explain`, kept by the cache to explain misses. */
export interface KeyInput {
  /** What it is: "file", "spec", "builder", "arg", "base", "context" ... */
  kind: string
  /** Path relative to the project root, or a name. */
  name: string
  /** sha256:<hex> of its content. */
  digest: string
}

/** A reference in an image's main file (Dockerfile FROM / COPY --from, Packer `image`) that names a chain image. */
export interface ChainRef {
  /** The reference as written (after ARG substitution), in canonicalRef form. */
  ref: string
  /** The chain image it names. */
  image: string
}

export interface PlannedImage {
  spec: ImageSpec
  /** sha256 hex of all inputs, chained through the base's key. */
  key: string
  inputs: KeyInput[]
  /** Names of images of the chain this one needs built first (base, depends_on, Dockerfile FROM). */
  deps: string[]
  /** The references of its Dockerfile or Packer template that name chain images: the builder gives each the stored image. */
  chainRefs?: ChainRef[]
  /** True when the selection asked for this image; false when it is here only as an ancestor of one. */
  selected?: boolean
}

export interface Plan {
  catalog: Catalog
  /** Topological order, ancestors first, deterministic. Only the selected images and their ancestors. */
  images: PlannedImage[]
  /** The fan-out axes of the selected images. */
  matrix: { distro: string[]; plan: string[]; arch: string[] }
}
