/**
 * genoci's YAML (a map of tag → keys) loaded as a chain of overlay images.
 *
 *   base        `empty` (scratch) or another tag of the file
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
 * (entrypoint, annotations), then post. Paths are relative to the YAML file's directory.
 * Where genoci looped forever on a dependency cycle or stopped on an unknown base, this
 * reports every such problem before anything runs.
 */
import { readFile, stat } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { parse } from 'yaml'
import { InvalidInputError, type Problem } from '../util/errors.js'
import { findCycles, formatCycle } from './cycles.js'
import { splitShellWords } from './shell-words.js'
import type { Catalog, ImageSpec, OverlaySpec } from './types.js'

const KEYS = ['base', 'expand', 'run', 'copy', 'install', 'pre', 'post', 'entrypoint', 'annotations'] as const
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

export async function loadGenoci(file: string): Promise<Catalog> {
  const abs = resolve(file)
  const root = dirname(abs)
  const problems: Problem[] = []
  const text = await readFile(abs, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInputError([{ file: abs, pointer: '', message: `cannot read: ${e.code ?? e.message}` }])
  })
  let doc: unknown
  try {
    doc = parse(text)
  } catch (e) {
    throw new InvalidInputError([
      { file: abs, pointer: '', message: `not valid YAML: ${e instanceof Error ? e.message : String(e)}` }
    ])
  }
  if (!isMap(doc))
    throw new InvalidInputError([
      { file: abs, pointer: '', message: 'a genoci file is a map of tag → build steps' }
    ])

  const problem = (image: string, key: string | null, message: string): void =>
    void problems.push({ file: abs, pointer: `/${esc(image)}${key ? `/${key}` : ''}`, image, message })

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
        problem(tag, k, `unknown key; expected one of ${KEYS.join(', ')}`)
    const base = raw.base
    if (typeof base !== 'string' || !base)
      problem(tag, 'base', 'base is required: "empty" or another tag of this file')
    else if (base !== 'empty' && !tags.includes(base))
      problem(tag, 'base', `unknown base "${base}": it is neither "empty" nor a tag of this file`)

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
    const files = async (k: string, paths: string[] | undefined): Promise<string[] | undefined> => {
      if (!paths) return undefined
      for (const p of paths) {
        if (isAbsolute(p) || resolve(root, p).startsWith(`${root}/`) === false)
          problem(tag, k, `${p}: paths must be relative to ${root} and stay inside it`)
        else if (!(await stat(resolve(root, p)).catch(() => null)))
          problem(tag, k, `${p}: no such file or directory (relative to ${root})`)
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
        base === 'empty' || typeof base !== 'string' ? { kind: 'scratch' } : { kind: 'image', name: base },
      dependsOn: [],
      arch: hostArch(),
      workingDir: '.',
      args: {},
      extraArgs: [],
      labels: {},
      overlay: stripUndefined(o),
      exports: ['rootfs'],
      verify: false
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

  if (problems.length) throw new InvalidInputError(problems)
  return { file: abs, root, images }
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

function hostArch(): string {
  return process.arch === 'arm64' ? 'aarch64' : process.arch === 'x64' ? 'x86_64' : process.arch
}
