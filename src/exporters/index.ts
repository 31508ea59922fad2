// Public API of the exporters: inputs → flattened rootfs and boot archives, manifests, changelogs.
export { resolveInput, resolveLayers, InputError, type LayerSource, type ResolvedInput } from './inputs.js'
export { flatten, planLayers, type FlattenOptions, type FlattenResult } from './flatten.js'
export {
  planFlatten,
  indexLayer,
  LinkTargets,
  FlattenError,
  type FlattenPlan,
  type PlannedEntry,
  type LayerIndex
} from './plan.js'
export {
  compressor,
  suffixFor,
  gzipEngine,
  ParallelGzipSink,
  FileSink,
  type Compression,
  type ByteSink
} from './compress.js'
export { selectBoot, listKernels, compareVersions, NoKernelError, type BootSelection } from './boot.js'
export {
  exportImage,
  EXPORT_KINDS,
  type ExportKind,
  type ExportOptions,
  type ExportResult
} from './export.js'
export { formatSums, type ArchiveInfo, type ExportManifest } from './manifest.js'
export { parseDpkgStatus, parseApkInstalled, queryRpm, type Package, type PackageList } from './packages.js'
export { compareManifests, changelogMarkdown, type Changelog } from './compare.js'
