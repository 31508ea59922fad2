export {
  Sandbox,
  baseEnv,
  envFromList,
  DEFAULT_PATH,
  type SandboxOptions,
  type CommandOptions
} from './sandbox.js'
export { runInImage, ImageNotFoundError, type RunInImageOptions } from './run-image.js'
export { unpackLayer, unpackLayers, toOverlayForm, DEFAULT_CACHE_DIR } from './unpacked.js'
export { upperToLayer, putDirAsLayer, toOciForm } from './layer.js'
export type { MountKind, DriverResult } from './driver.js'
export { POLICY_RC_D, type PatchFile } from './patch.js'
