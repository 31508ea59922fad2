export { aciBuilder, AciBuilder, aciConfig } from './builder.js'
export { readElf, type ElfInfo } from './elf.js'
export { dependencyClosure, ldSoConfDirs, type Closure } from './closure.js'
export {
  parseSteps,
  mergeManifest,
  checkManifest,
  appcArch,
  STEPS_KEY,
  AC_VERSION,
  type AciManifest,
  type AciStep
} from './manifest.js'
