import type { RegisterCommand } from '../context.js'

// One line per command module; each adds its subcommand to the program.
export const commands: RegisterCommand[] = []
