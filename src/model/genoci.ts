/**
 * genoci's YAML (a map of tag → keys) loaded as a chain of overlay images.
 *
 *   base        `empty` (scratch), another tag of the file, or an image already in the store
 *               (a tag another file built; the plan checks it is there and keys it by digest)
 *   expand      tarballs laid over the root (a space-separated string or a list)
 *   run         a script (run with /bin/sh -ec), a list of scripts, or the path of a host
 *               script file, whose text is then run (with its own #! line if it has one)
 *   copy        "src dest" (dest inside the image), or a list of them
 *   install     .deb / .rpm files (dpkg -i / rpm -Uvh inside)
 *   pre, post   host commands, %ROOT% replaced by the mounted root; post also after a failure
 *   entrypoint  a command line, split like a shell would; it sets the image's **Cmd**
 *               (genoci passed it to `umoci config --config.cmd`), not its Entrypoint
 *   annotations a list; `- env: K=V` items set environment variables, others become
 *               manifest annotations
 *
 * Stages run in genoci's fixed order: pre, copy, install, expand, run, then the config
 * (entrypoint, annotations), then post. Paths are relative to the YAML file's directory, or
 * absolute host paths (genoci's own recipes use them: the user's own files, keyed by content).
 * Where genoci looped forever on a dependency cycle, this reports every problem before
 * anything runs, each with its line and column.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { InvalidInputError } from '../util/errors.js'
import { findCycles, formatCycle } from './cycles.js'
import { parseSource } from './positions.js'
import { Problems } from './problems.js'
import { splitShellWords } from './shell-words.js'
import type { Catalog, ImageSpec, OverlaySpec } from './types.js'
import { displayPath } from './display.js'
import { hostArch } from './arch.js'

const KEYS = ['base', 'expand', 'run', 'copy', 'install', 'pre', 'post', 'entrypoint', 'annotations'] as const
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

export async function loadGenoci(file: string): Promise<Catalog> {
  const abs = resolve(file)
  // The same real root as Kiln's other catalogs, so keys do not depend on a symlinked checkout path.
  const root = await realpath(dirname(abs)).catch(() => dirname(abs))
  const display = displayPath(abs)
  const text = await readFile(abs, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInputError([
      { file: display, pointer: '', message: `cannot read: ${e.code ?? e.message}` }
    ])
  })
  const parsed = parseSource(display, text, false)
  if (Array.isArray(parsed)) throw new InvalidInputError(parsed)
  const doc = parsed.value
  const problems = new Problems(parsed)
  if (!isMap(doc)) {
    problems.add('', 'a genoci file is a map of tag → build steps')
    throw new InvalidInputError(problems.list)
  }

  const problem = (image: string, key: string | null, message: string, opts?: { key: boolean }): void =>
    problems.add(`/${esc(image)}${key ? `/${key}` : ''}`, message, image, opts)

  const lineOf = (pointer: string): { line?: number } => {
    const at = parsed.locate(pointer, { key: true })
    return at ? { line: at.line } : {}
  }
  const baseAt = (pointer: string): { baseLine?: number; baseColumn?: number } => {
    const at = parsed.locate(`${pointer}/base`)
    return at ? { baseLine: at.line, baseColumn: at.column } : {}
  }
  const tags = Object.keys(doc)
  const images: ImageSpec[] = []
  for (const [index, tag] of tags.entries()) {
    const raw = doc[tag]
    if (!NAME.test(tag))
      problem(
        tag,
        null,
        'a tag must start with a letter or digit and hold only letters, digits, "_", "." and "-"'
      )
    if (!isMap(raw)) {
      problem(
        tag,
        null,
        'expected a map of build steps (base, expand, run, copy, install, pre, post, entrypoint, annotations)'
      )
      continue
    }
    for (const k of Object.keys(raw))
      if (!(KEYS as readonly string[]).includes(k))
        problem(tag, k, `unknown key; expected one of ${KEYS.join(', ')}`, { key: true })
    const base = raw.base
    if (typeof base !== 'string' || !base)
      problem(tag, 'base', 'base is required: "empty", another tag of this file or an image of the store')
    else if (base !== 'empty' && !tags.includes(base) && !NAME.test(base))
      problem(tag, 'base', `base "${base}" is neither "empty", a tag of this file nor an image name`)

    const o: OverlaySpec = {}
    const words = (k: string): string[] | undefined => {
      const v = raw[k]
      if (v === undefined || v === null) return undefined
      if (typeof v === 'string') return v.split(/\s+/).filter(Boolean)
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]
      problem(tag, k, 'expected a string or a list of strings')
      return undefined
    }
    const list = (k: string): string[] | undefined => {
      const v = raw[k]
      if (v === undefined || v === null) return undefined
      if (typeof v === 'string') return [v]
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]
      problem(tag, k, 'expected a string or a list of strings')
      return undefined
    }
    /** Relative paths stay inside the file's directory; absolute ones are the user's host files. */
    const files = async (k: string, paths: string[] | undefined): Promise<string[] | undefined> => {
      if (!paths) return undefined
      for (const p of paths) {
        const full = resolve(root, p)
        if (!isAbsolute(p) && full !== root && !full.startsWith(`${root}/`))
          problem(
            tag,
            k,
            `${p}: a relative path must stay inside ${root} (an absolute host path may leave it)`
          )
        else if (!(await stat(full).catch(() => null)))
          problem(tag, k, `${p}: no such file or directory${isAbsolute(p) ? '' : ` (relative to ${root})`}`)
      }
      return paths
    }

    o.expand = await files('expand', words('expand'))
    o.install = await files('install', words('install'))
    o.pre = list('pre')
    o.post = list('post')

    const copies = list('copy')
    if (copies) {
      o.copy = []
      for (const c of copies) {
        const parts = c.trim().split(/\s+/)
        if (parts.length !== 2) {
          problem(tag, 'copy', `"${c}": expected "source destination"`)
          continue
        }
        await files('copy', [parts[0] as string])
        o.copy.push({ src: parts[0] as string, dest: parts[1] as string })
      }
    }

    const runs = list('run')
    if (runs) {
      o.run = []
      for (const r of runs) {
        // A single line naming a host file: genoci copied that script in and ran it.
        const line = r.trim()
        const hostScript = !line.includes('\n') && !isAbsolute(line) && line ? resolve(root, line) : null
        const st =
          hostScript && hostScript.startsWith(`${root}/`) ? await stat(hostScript).catch(() => null) : null
        o.run.push(st?.isFile() && hostScript ? await readFile(hostScript, 'utf8') : r)
      }
    }

    const ep = raw.entrypoint
    if (typeof ep === 'string') {
      const w = splitShellWords(ep)
      if (typeof w === 'string') problem(tag, 'entrypoint', `cannot split "${ep}": ${w}`)
      else o.cmd = w
    } else if (Array.isArray(ep) && ep.every((x) => typeof x === 'string')) o.cmd = ep as string[]
    else if (ep !== undefined && ep !== null)
      problem(tag, 'entrypoint', 'expected a command line or a list of words')

    const ann = raw.annotations
    if (ann !== undefined && ann !== null) {
      if (!Array.isArray(ann)) problem(tag, 'annotations', 'expected a list such as "- env: K=V"')
      else
        for (const [i, a] of ann.entries()) {
          if (!isMap(a)) {
            problem(tag, `annotations/${i}`, 'expected a map such as "env: K=V"')
            continue
          }
          for (const [k, v] of Object.entries(a)) {
            if (k === 'env') {
              const s = String(v)
              const eq = s.indexOf('=')
              if (eq <= 0) problem(tag, `annotations/${i}/env`, `"${s}": expected K=V`)
              else (o.env ??= {})[s.slice(0, eq)] = s.slice(eq + 1)
            } else (o.annotations ??= {})[k] = String(v)
          }
        }
    }
    if (
      !o.expand &&
      !o.run &&
      !o.copy &&
      !o.install &&
      !o.pre &&
      !o.post &&
      !o.cmd &&
      !o.env &&
      !o.annotations
    )
      problem(
        tag,
        null,
        'nothing to do: give at least one of expand, run, copy, install, pre, post, entrypoint, annotations'
      )

    images.push({
      name: tag,
      index,
      pointer: `/${esc(tag)}`,
      builder: 'overlay',
      base:
        base === 'empty' || typeof base !== 'string'
          ? { kind: 'scratch' }
          : tags.includes(base)
            ? { kind: 'image', name: base }
            : { kind: 'stored', name: base },
      dependsOn: [],
      arch: hostArch(),
      workingDir: '.',
      args: {},
      extraArgs: [],
      labels: {},
      overlay: stripUndefined(o),
      exports: ['rootfs'],
      verify: false,
      ...lineOf(`/${esc(tag)}`),
      ...(typeof base === 'string' && base !== 'empty' && !tags.includes(base) ? baseAt(`/${esc(tag)}`) : {})
    })
  }

  const baseOf = (n: string): string[] => {
    const img = images.find((i) => i.name === n)
    return img?.base.kind === 'image' ? [img.base.name] : []
  }
  for (const c of findCycles(
    images.map((i) => i.name),
    baseOf
  ))
    problem(c[0] as string, 'base', formatCycle(c))

  if (problems.list.length) throw new InvalidInputError(problems.list)
  return { file: abs, format: 'genoci', root, images }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function esc(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1')
}

function stripUndefined(o: OverlaySpec): OverlaySpec {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as OverlaySpec
}
