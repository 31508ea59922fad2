// The published CycloneDX JSON schema, for the unit and integration tests of the SBOMs.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

const require = createRequire(import.meta.url)
// ajv-formats is CommonJS: its function is the module or its default, depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv
) => Ajv

/** CycloneDX 1.5 as published (with the SPDX licence-id and JSF schemas it refers to). */
export function cyclonedxValidator(): ValidateFunction {
  const dir = join(require.resolve('@cyclonedx/cyclonedx-library/package.json'), '..', 'res', 'schema')
  const load = (f: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  // CycloneDX uses two formats ajv-formats lacks; Kiln writes no value of either.
  for (const f of ['iri-reference', 'idn-email']) ajv.addFormat(f, true)
  // bom-1.5 refers to them by their file names, relative to its own $id.
  ajv.addSchema({
    ...load('spdx.SNAPSHOT.schema.json'),
    $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json'
  })
  ajv.addSchema({
    ...load('jsf-0.82.SNAPSHOT.schema.json'),
    $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json'
  })
  return ajv.compile(load('bom-1.5.SNAPSHOT.schema.json'))
}
