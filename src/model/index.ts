// The catalog model: load, validate and normalise IMAGES.json.
export * from './types.js'
export {
  DEFAULT_CATALOG_FILES,
  displayPath,
  explicitDeps,
  findCatalog,
  loadCatalog,
  type LoadOptions
} from './load.js'
export { findCycles, formatCycle } from './cycles.js'
export { parseTag, sanitizeName, type TagParts } from './corpusops.js'
export { splitShellWords } from './shell-words.js'
export { closest, didYouMean, levenshtein } from './suggest.js'
export { loadGenoci } from './genoci.js'
export { canonicalArch, hostArch, runsNatively } from './arch.js'
