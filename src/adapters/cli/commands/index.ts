// Every command is registered at start-up, so these modules and what they import statically
// stay light: commander, node:*, util/errors, util/log and the small */defaults.ts modules.
// What a command runs (the builders, store, exporters, catalog parser, qemu driver, with ajv,
// yaml and node-tar) is loaded in its .action() with `await import(...)`, which ncc turns into
// chunks read on demand: `kiln flatten` then never loads the builders, nor `kiln plan` the
// exporters, and start-up RSS stays ~15 MB lower. `import type` is erased and stays static.
import type { RegisterCommand } from '../context.js'
import { registerPlan } from './plan.js'
import { registerBuild } from './build.js'
import { registerFlatten } from './flatten.js'
import { registerExport } from './export.js'
import { registerCompare } from './compare.js'
import { registerImages } from './images.js'
import { registerGc } from './gc.js'
import { registerFsck } from './fsck.js'
import { registerVerify } from './verify.js'
import { registerRun } from './run.js'

// One line per command module; each adds its subcommand to the program.
export const commands: RegisterCommand[] = [
  registerPlan,
  registerBuild,
  registerFlatten,
  registerExport,
  registerCompare,
  registerImages,
  registerGc,
  registerFsck,
  registerVerify,
  registerRun
]
