/**
 * Checks an IMAGES.json v1 document against schema/images-v1.schema.json (the same schema
 * editors use through "$schema") and turns ajv's errors into one plain message per problem.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { imagesV1Schema } from './schema.js'
import type { Problems } from './problems.js'
import { didYouMean } from './suggest.js'

// Compiled on first use, not at load: every command loads this module, few validate a catalog,
// and the generated validator costs memory the flattener would rather have.
let compiled: ValidateFunction | undefined
const validateV1Schema = (): ValidateFunction =>
  (compiled ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true }).compile(
    imagesV1Schema
  ))

/** Validates `doc`; adds a problem per error and returns the JSON pointers that had errors. */
export function checkV1Schema(doc: unknown, problems: Problems): Set<string> {
  const bad = new Set<string>()
  const validate = validateV1Schema()
  if (validate(doc)) return bad
  const seen = new Set<string>()
  for (const e of validate.errors ?? []) {
    // A oneOf reports each branch's mismatch and then itself: keep only its own summary.
    if (/\/oneOf\/\d+\//.test(e.schemaPath)) continue
    // propertyNames repeats its inner error (which names the key) as a vague summary.
    if (e.keyword === 'propertyNames') continue
    const { pointer, message, key } = describe(e)
    const id = `${pointer}\0${message}`
    if (seen.has(id)) continue
    seen.add(id)
    bad.add(pointer)
    problems.add(pointer, message, imageNameAt(doc, pointer), { key })
  }
  return bad
}

/** The name of the image a pointer falls in (/images/<i>/...), when it has one. */
export function imageNameAt(doc: unknown, pointer: string): string | undefined {
  const m = /^\/images\/(\d+)(\/|$)/.exec(pointer)
  if (!m) return undefined
  const images = (doc as { images?: unknown[] } | null)?.images
  const entry = Array.isArray(images) ? images[Number(m[1])] : undefined
  const name = (entry as { name?: unknown } | undefined)?.name
  return typeof name === 'string' && name ? name : undefined
}

function lastKey(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1)
}

/** One ajv error as a plain message at a JSON pointer (`key`: the problem is the member's key). */
export function describe(e: ErrorObject): { pointer: string; message: string; key?: boolean } {
  const at = e.instancePath
  const field = lastKey(at)
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty)
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {})
      return { pointer: `${at}/${key}`, message: `unknown key "${key}"${didYouMean(key, known)}`, key: true }
    }
    case 'required':
      return { pointer: at, message: `missing key "${String(p.missingProperty)}"` }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String)
      // An item of a list (exports/1) is named by the list, in the singular.
      const what = /^\d+$/.test(field) ? lastKey(parent(at)).replace(/s$/, '') : field
      return {
        pointer: at,
        message: `unknown ${what} ${JSON.stringify(e.data)}; expected one of ${allowed.join(', ')}${typeof e.data === 'string' ? didYouMean(e.data, allowed) : ''}`
      }
    }
    case 'const':
      return { pointer: at, message: `must be ${JSON.stringify(p.allowedValue)}` }
    case 'pattern':
      if (field === 'name' && /^\/images\/\d+\/name$/.test(at))
        return {
          pointer: at,
          message: `name ${JSON.stringify(e.data)} is not usable as a docker tag and file name: use lowercase letters, digits, "_", "." and "-", starting with a letter or digit, at most 128 characters`
        }
      if (field === 'snapshot')
        return {
          pointer: at,
          message: `snapshot ${JSON.stringify(e.data)} is not a date: YYYYMMDDTHHMMSSZ or YYYY-MM-DD`
        }
      return (
        patternMessage(e, at, field) ?? {
          pointer: at,
          message: `${JSON.stringify(e.data)} does not match ${String(p.pattern)}`
        }
      )
    case 'type':
      if (field === 'base') return { pointer: at, message: baseMessage }
      return { pointer: at, message: `must be ${article(String(p.type))}` }
    case 'minProperties':
    case 'maxProperties':
      if (field === 'base') return { pointer: at, message: baseMessage }
      return { pointer: at, message: e.message ?? e.keyword }
    case 'minLength':
      return { pointer: at, message: 'must not be empty' }
    case 'minItems':
      return { pointer: at, message: 'must not be empty' }
    case 'uniqueItems':
      return { pointer: at, message: `lists ${JSON.stringify((e.data as unknown[])[Number(p.i)])} twice` }
    case 'oneOf':
      return {
        pointer: at,
        message:
          field === 'extra_args'
            ? 'must be a string or an array of strings'
            : field === 'verify'
              ? 'must be true, false or an object {"boot", "install", "netboot"} of booleans'
              : 'must be a non-empty string or a non-empty array of strings'
      }
    default:
      return { pointer: at, message: e.message ?? e.keyword }
  }
}

/**
 * Values that reach a tool's command line are held to a plain form (schema patterns); say what
 * that form is, and why a leading "-" is refused, rather than show the pattern.
 */
const EXPECTED: Record<string, string> = {
  suite: 'a release name such as bookworm',
  include: 'a package name, optionally with :arch, =version or /release',
  components: 'a component name such as main',
  mirror: 'a mirror URL (http, https, file, copy, mirror, mirror+…, tor+…) or a one-line "deb …" source',
  arch: 'a Debian architecture name such as amd64',
  image: 'a docker reference such as debian:12',
  tag: 'a docker reference such as registry/app:1.0',
  target: 'a stage name',
  network: 'a network name such as host or none',
  kernel: 'a kernel release such as 6.1.0-18-amd64',
  args: 'a variable name (letters, digits, "_" and "-", starting with a letter or "_")',
  vars: 'a variable name (letters, digits, "_" and "-", starting with a letter or "_")',
  labels: 'a label key (not starting with "-", without "=")'
}

function patternMessage(
  e: ErrorObject,
  at: string,
  field: string
): { pointer: string; message: string; key?: boolean } | undefined {
  // A key of a map (propertyNames) is reported at the map: point at the key itself.
  const keyName = (e as ErrorObject & { propertyName?: string }).propertyName
  const name = keyName !== undefined ? field : /^\d+$/.test(field) ? lastKey(parent(at)) : field
  const expected = EXPECTED[name]
  if (!expected) return undefined
  const value = keyName ?? String(e.data)
  const option = value.startsWith('-') ? ' (a value starting with "-" would be read as an option)' : ''
  const what = keyName !== undefined ? `key ${JSON.stringify(value)}` : JSON.stringify(value)
  return {
    pointer: keyName !== undefined ? `${at}/${keyName.replace(/~/g, '~0').replace(/\//g, '~1')}` : at,
    message: `${what} is not ${expected}${option}`,
    key: keyName !== undefined
  }
}

const baseMessage =
  'base must be an image name, "scratch", or exactly one of {"image": ref}, {"tar": path}, {"dir": path}, {"squashfs": path}, {"bootstrap": {...}}'

function parent(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'))
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ')
  return /^(array|object|integer)/.test(t) ? `an ${t}` : `a ${t}`
}
