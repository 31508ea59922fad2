import type { RegisterCommand } from '../context.js'
import { registerPlan } from './plan.js'
import { registerBuild } from './build.js'
import { registerFlatten } from './flatten.js'
import { registerExport } from './export.js'
import { registerCompare } from './compare.js'
import { registerImages } from './images.js'
import { registerGc } from './gc.js'
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
  registerVerify,
  registerRun
]
