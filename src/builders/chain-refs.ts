/**
 * Chain images reach the engine by content, never by a name the engine may already hold.
 *
 * A Dockerfile that says `FROM debian_9-base` (Packet's plan images) or a Packer template whose
 * docker builder says `"image": "debian_9-base"` names an image of the chain. Docker would
 * resolve that name against whatever the engine holds (an image an earlier tool left there,
 * with other content) or a registry. So the builder loads the stored image of the current key
 * into the engine under a tag only this run uses, and builds from a copy of the file in which
 * the name is replaced by that tag. The engine's own image of that name is never used, and
 * never touched.
 *
 * Why a rewritten copy: the engine here (docker.io 20.10 on Debian bookworm) has no buildx,
 * so BuildKit's named contexts (`--build-context name=docker-image://…`) do not exist, and a
 * build arg cannot replace a literal name; a copy of the file works with the classic builder
 * and with BuildKit alike.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { canonicalRef } from '../plan/graph.js'
import { dockerfileBuildArgs, dockerfileImageRefs, replaceSpans } from '../plan/dockerfile-from.js'
import { parseDockerfile } from '../plan/dockerfile-parse.js'
import { BuildError, errorMessage } from '../util/errors.js'
import type { StoredImage } from '../store/types.js'
import type { DockerBuildMode } from './docker-build-args.js'
import type { EngineSession } from './engine-session.js'
import type { BuildContext } from './types.js'

/** Engine tags of the chain images one build uses, by chain image name. */
export class ChainImages {
  private readonly tags = new Map<string, Promise<string>>()
  private readonly byRef: Map<string, string>

  constructor(
    private readonly ctx: BuildContext,
    private readonly session: EngineSession,
    private readonly step: string
  ) {
    this.byRef = new Map((ctx.image.chainRefs ?? []).map((r) => [r.ref, r.image]))
  }

  /** The chain image a reference names, if it names one. */
  imageOf(ref: string): string | undefined {
    return this.byRef.get(canonicalRef(ref))
  }

  /**
   * A tag of this run for the stored image of chain image `name`, loaded into the engine the
   * first time; `where` (the reference in the file) and what it got go to the log.
   */
  async tagFor(name: string, where: string): Promise<string> {
    const stored = this.ctx.chain?.get(name)
    const { spec } = this.ctx.image
    if (!stored)
      throw new BuildError(
        spec.name,
        this.step,
        `${where} names chain image ${name}, which is not in the store`
      )
    let tag = this.tags.get(name)
    if (!tag) {
      tag = this.provide(name, stored)
      this.tags.set(name, tag)
    }
    const t = await tag
    this.ctx.reporter.info(
      `${where}: chain image ${name}, stored ${stored.manifestDigest.slice(0, 19)}` +
        `${stored.key ? ` (key ${stored.key.slice(0, 12)})` : ''}, given to the engine as ${t}`
    )
    return t
  }

  private async provide(name: string, stored: StoredImage): Promise<string> {
    const tag = this.session.uniqueTag(name, 'base')
    try {
      await this.session.provide(this.ctx.store, stored, [tag], this.ctx.reporter, this.ctx.signal)
    } catch (e) {
      throw new BuildError(
        this.ctx.image.spec.name,
        this.step,
        `loading chain image ${name}: ${errorMessage(e)}`
      )
    }
    return tag
  }
}

/** Copies `<file>.dockerignore` (BuildKit reads it next to the Dockerfile) beside the copy, if there is one. */
async function copyDockerignore(file: string, copy: string): Promise<void> {
  try {
    await copyFile(`${file}.dockerignore`, `${copy}.dockerignore`)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
}

/**
 * The Dockerfile to build: the image's own, or a copy in the work area in which every FROM and
 * COPY --from naming a chain image names the stored image instead. `baseRef` is what BASE_IMAGE
 * will be. Refuses, before the engine misreads it, a heredoc the classic builder cannot read.
 */
export async function dockerfileForBuild(
  ctx: BuildContext,
  session: EngineSession,
  file: string,
  baseRef: string | undefined,
  mode: DockerBuildMode
): Promise<string> {
  const { spec } = ctx.image
  const step = 'docker build'
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new BuildError(spec.name, step, `cannot read ${spec.file}: ${(e as Error).message}`)
  }
  if (mode === 'classic') {
    const withHeredoc = parseDockerfile(text).instructions.find((i) => i.heredocs.length)
    if (withHeredoc)
      throw new BuildError(
        spec.name,
        step,
        `${spec.file}:${withHeredoc.line}: ${withHeredoc.keyword} <<${withHeredoc.heredocs[0].name} is a heredoc, ` +
          'which only BuildKit reads, and this engine has no docker buildx (the classic builder would run its lines as instructions)'
      )
  }
  const chain = new ChainImages(ctx, session, step)
  const args = { ...(baseRef ? { BASE_IMAGE: baseRef } : {}), ...dockerfileBuildArgs(spec) }
  const edits: Array<{ start: number; end: number; with: string }> = []
  for (const r of dockerfileImageRefs(text, args)) {
    const image = chain.imageOf(r.ref)
    if (!image) continue
    const where = `${r.kind} ${r.ref} (${spec.file}:${r.line})`
    edits.push({ start: r.start, end: r.end, with: await chain.tagFor(image, where) })
  }
  if (!edits.length) return file
  const copy = join(ctx.workDir, basename(file))
  await writeFile(copy, replaceSpans(text, edits))
  await copyDockerignore(file, copy)
  return copy
}

/** A string as an HCL quoted literal (no interpolation). */
function hclString(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{')}"`
}

/**
 * The Packer template to build: the image's own, or a copy in the work area in which a docker
 * builder's `image` naming a chain image names the stored image instead. The copy lives
 * elsewhere, so what meant the template's directory (`{{template_dir}}`, `path.root`) is
 * written out; paths relative to packer's working directory are unchanged.
 */
export async function packerTemplateForBuild(
  ctx: BuildContext,
  session: EngineSession,
  template: string
): Promise<string> {
  const { spec } = ctx.image
  const step = 'packer build'
  if (!(ctx.image.chainRefs ?? []).length) return template
  const chain = new ChainImages(ctx, session, step)
  const text = await readFile(template, 'utf8')
  const dir = dirname(template)
  let out: string
  if (/\.json$/i.test(template)) {
    const doc = JSON.parse(text, (_k, v: unknown) =>
      typeof v === 'string' ? v.replace(/\{\{\s*template_dir\s*\}\}/g, dir) : v
    ) as { builders?: Array<Record<string, unknown>> }
    for (const b of Array.isArray(doc.builders) ? doc.builders : []) {
      const image = b?.type === 'docker' && typeof b.image === 'string' ? chain.imageOf(b.image) : undefined
      if (image) b.image = await chain.tagFor(image, `image ${String(b.image)} (${spec.file})`)
    }
    out = JSON.stringify(doc, null, 2)
  } else {
    const edits: Array<{ start: number; end: number; with: string }> = []
    for (const m of text.matchAll(/^(\s*image\s*=\s*)"([^"$]+)"/gm)) {
      const image = chain.imageOf(m[2])
      if (!image) continue
      const line = text.slice(0, m.index).split('\n').length
      const start = (m.index ?? 0) + m[1].length
      const tag = await chain.tagFor(image, `image ${m[2]} (${spec.file}:${line})`)
      edits.push({ start, end: start + m[2].length + 2, with: hclString(tag) })
    }
    // path.root where it is an expression (after `${`, `=`, `(`, `,` or `[`), not the words in a description.
    for (const m of text.matchAll(/(\$\{\s*|[=(,[]\s*)path\.root\b/g)) {
      const start = (m.index ?? 0) + m[1].length
      edits.push({ start, end: start + 'path.root'.length, with: hclString(dir) })
    }
    out = replaceSpans(text, edits)
  }
  const copy = join(ctx.workDir, basename(template))
  await writeFile(copy, out)
  return copy
}
