export {
  dockerServerVersion,
  imageExists,
  loadIntoDocker,
  pullImage,
  removeDockerImage,
  saveFromDocker,
  importDockerArchive
} from './docker.js'
export type { SavedImage } from './docker.js'
export {
  BINFMT_DIR,
  EMULATION_PACKAGES,
  EmulationUnavailable,
  ensureEmulation,
  qemuHandler,
  readBinfmt,
  type BinfmtEntry,
  type EmulationOptions
} from './binfmt.js'
