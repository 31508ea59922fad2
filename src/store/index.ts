export * from './types.js'
export { DEFAULT_STORE_DIR, STORE_TMP_DIR } from './defaults.js'
export { openStore, nextDatedTag, ociArch, OCI_LAYOUT_VERSION } from './layout.js'
export type { LayoutStore, OciIndex, RefEntry } from './layout.js'
