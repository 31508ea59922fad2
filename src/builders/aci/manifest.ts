/**
 * aci-packer's manifest as the builder reads it. The formats, the step schema and the appc
 * checks live in the model (src/model/aci.ts), which checks every manifest when the catalog
 * loads; the builder reads the file again at build time and takes its steps from there.
 */
import { checkSteps, STEPS_KEY, type AciStep } from '../../model/aci.js'

export {
  AC_VERSION,
  STEPS_KEY,
  acIdentifier,
  appcArch,
  checkManifest,
  mergeManifest,
  modeNumber,
  type AciManifest,
  type AciStep,
  type Label
} from '../../model/aci.js'

/** The steps of a manifest document; throws a message naming the bad step and field. */
export function parseSteps(doc: Record<string, unknown>): AciStep[] {
  const { steps, problems } = checkSteps(doc)
  if (problems.length)
    throw new Error(
      problems.map((p) => `${p.pointer.replace(`/${STEPS_KEY}/`, 'steps/')}: ${p.message}`).join('; ')
    )
  return steps
}
