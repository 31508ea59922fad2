/**
 * Where the store lives when no --store is given: `.kiln/store` under the current
 * directory, so a checkout keeps its images next to its IMAGES.json.
 */
export const DEFAULT_STORE_DIR = '.kiln/store'

/** Scratch space inside the store root: same filesystem as blobs/, so a finished blob is renamed, never copied. */
export const STORE_TMP_DIR = '.kiln-tmp'
