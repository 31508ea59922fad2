export { materializeBase, describeSource, baseRefName } from './materialize.js'
export type { MaterializeOptions } from './materialize.js'
export {
  TarGuard,
  TarSafetyError,
  checkTar,
  checkedTar,
  extractTar,
  isTarRefusal,
  normaliseEntryName,
  resolveInRoot
} from './safe-tar.js'
export { archiveLimits, DEFAULT_ARCHIVE_LIMITS } from './safe-tar.js'
export type { ArchiveLimits, ExtractOptions, EntryType, GuardOptions } from './safe-tar.js'
export { decompressStream, detectCompression, detectFileCompression } from './compression.js'
export type { Compression } from './compression.js'
export { storeCheckedLayer } from './layer.js'
export { dirTarArgs, tarDirectory } from './dir.js'
export { squashfsToTar } from './squashfs.js'
export {
  bootstrapCommand,
  debianArch,
  snapshotMirror,
  snapshotTimestamp,
  startBootstrap,
  snapshotRoot
} from './bootstrap.js'
export { hostAptSources, parseDeb822, parseSourcesList, pickMirror } from './apt-sources.js'
export type { AptSource } from './apt-sources.js'
