import type { Catalog } from '../model/types.js'
import type { PlannedImage } from '../plan/types.js'
import type { LayerRef, OciImageConfig, Store, StoredImage } from '../store/types.js'
import type { Reporter } from '../util/log.js'

/** Everything a builder gets: its node, its base already in the store, a private work area. */
export interface BuildContext {
  store: Store
  catalog: Catalog
  image: PlannedImage
  /** The base image in the store (null for scratch). */
  base: StoredImage | null
  /**
   * The stored images of the chain images this one depends on (base, depends_on, those its
   * file names), by name: what a FROM naming one of them must get (see chain-refs.ts).
   */
  chain?: ReadonlyMap<string, StoredImage>
  /** A fresh directory for this build only, removed afterwards by the caller. */
  workDir: string
  reporter: Reporter
  signal?: AbortSignal
}

/** What a builder produces: the full layer list (the base's layers then the new ones) and the config. */
export interface BuildResult {
  layers: LayerRef[]
  config: Omit<OciImageConfig, 'rootfs'>
  annotations?: Record<string, string>
  /** Extra files produced next to the image (e.g. image.aci), absolute paths in workDir; the caller moves them to out/. */
  artifacts?: Record<string, string>
}

export interface Builder {
  build(ctx: BuildContext): Promise<BuildResult>
}
