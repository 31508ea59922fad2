import { Command, CommanderError } from 'commander'
import {
  BuildError,
  EXIT_BUILD_FAILED,
  EXIT_INVALID_INPUT,
  EXIT_OK,
  InvalidInputError,
  errorMessage
} from '../../util/errors.js'
import { interruptExitStatus, interruptedBy } from '../../util/lifecycle.js'
import { ConsoleReporter, plural } from '../../util/log.js'
import { KILN_VERSION } from '../../util/version.js'
import type { CliContext } from './context.js'
import { commands } from './commands/index.js'

/**
 * Runs the CLI with argv (as process.argv) and returns the exit status; never calls process.exit
 * itself (util/lifecycle.ts does, when a second signal or the cleanup deadline comes). A run
 * stopped by a signal returns 128 + its number (130 for SIGINT, 143 for SIGTERM), whatever
 * the command made of the abort: an interrupted run must not look like a success.
 */
export async function main(argv: string[]): Promise<number> {
  const code = await runCommand(argv)
  const sig = interruptedBy()
  if (!sig) return code
  process.stderr.write(`kiln: interrupted by ${sig}\n`)
  return interruptExitStatus(sig)
}

async function runCommand(argv: string[]): Promise<number> {
  const ctx: CliContext = { reporter: new ConsoleReporter(), exitCode: EXIT_OK }
  const program = new Command()
    .name('kiln')
    .version(KILN_VERSION, '-V, --version', "print kiln's version")
    .description(
      'Build chains of operating-system images for bare metal, and the archives a provisioner boots.'
    )
    // Lets `kiln run IMAGE -- cmd --flags` pass the command's own options through untouched.
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
  for (const register of commands) register(program, ctx)
  try {
    await program.parseAsync(argv)
    return ctx.exitCode
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors are invalid input.
      return e.exitCode === 0 ? EXIT_OK : EXIT_INVALID_INPUT
    }
    if (e instanceof InvalidInputError) {
      for (const line of e.message.split('\n')) process.stderr.write(`error: ${line}\n`)
      process.stderr.write(`${plural(e.problems.length, 'problem')}; nothing was built.\n`)
      return EXIT_INVALID_INPUT
    }
    // The command's own error after an interrupt is its way of stopping: main() reports the signal.
    if (interruptedBy()) return EXIT_BUILD_FAILED
    if (e instanceof BuildError) {
      process.stderr.write(`error: ${e.message}\n`)
      return EXIT_BUILD_FAILED
    }
    process.stderr.write(`error: ${errorMessage(e)}\n`)
    return EXIT_BUILD_FAILED
  }
}
