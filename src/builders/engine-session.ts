/**
 * What one run of builds holds in the Docker engine: the tags it created (removed when the
 * run ends), and which store images are already loaded, so a base shared by several images
 * is loaded once per run and a just-built image serves its children without a reload.
 */
import { randomBytes } from 'node:crypto'
import { loadIntoDocker } from '../engine/index.js'
import type { StoredImage, Store } from '../store/types.js'
import { run, tryRun } from '../util/exec.js'
import { errorMessage } from '../util/errors.js'
import { OWNER } from '../util/lifecycle.js'
import type { Reporter } from '../util/log.js'
import { dockerSafeName, type DockerBuildMode } from './docker-build-args.js'

let buildModeProbe: Promise<DockerBuildMode> | undefined

/**
 * BuildKit through buildx when the plugin is there and answers; otherwise the classic
 * builder (DOCKER_BUILDKIT=0), which works with any engine. Probed once per process.
 */
export function dockerBuildMode(reporter: Reporter): Promise<DockerBuildMode> {
  if (process.env.KILN_DOCKER_BUILDER === 'classic' || process.env.KILN_DOCKER_BUILDER === 'buildx') {
    return Promise.resolve(process.env.KILN_DOCKER_BUILDER)
  }
  buildModeProbe ??= tryRun('docker', ['buildx', 'version']).then((r) => {
    if (r) return 'buildx'
    reporter.warn('docker buildx is not installed; Dockerfiles are built with the classic builder')
    return 'classic'
  })
  return buildModeProbe
}

export class EngineSession {
  /** In every tag this run makes: the owner token lets a later run remove them if this one is killed. */
  readonly id = `${OWNER}-${randomBytes(3).toString('hex')}`
  private readonly tags = new Set<string>()
  /** Input key → engine image id, for images present in the engine during this run. */
  private readonly byKey = new Map<string, string>()
  private readonly loading = new Map<string, Promise<string>>()
  /** Images a failed classic build left behind (its finished steps), removed by close(). */
  private readonly leftovers = new Set<string>()
  private counter = 0

  constructor(private readonly reporter: Reporter) {}

  /** A tag no other run or image uses; removed by close(). */
  uniqueTag(name: string, role: 'base' | 'out'): string {
    const t = `kiln-${role}/${dockerSafeName(name)}:${this.id}-${++this.counter}`
    this.tags.add(t)
    return t
  }

  /** Records that an image of the store with this key is in the engine (e.g. just built there). */
  remember(key: string, imageId: string): void {
    this.byKey.set(key, imageId)
  }

  /**
   * Makes `image` available in the engine under every tag of `tags`: a tag of an image this
   * run already has, an image the engine still holds (its id is the config digest when it came
   * from `docker save`), or else a `docker load` from the store.
   */
  async provide(
    store: Store,
    image: StoredImage,
    tags: string[],
    reporter: Reporter,
    signal?: AbortSignal
  ): Promise<string> {
    const id = await this.imageId(store, image, reporter, signal)
    for (const t of tags) {
      if (!t.startsWith('kiln-')) this.tags.add(t)
      await run('docker', ['tag', '--', id, t], { reporter })
    }
    return id
  }

  private imageId(
    store: Store,
    image: StoredImage,
    reporter: Reporter,
    signal?: AbortSignal
  ): Promise<string> {
    const known = image.key ? this.byKey.get(image.key) : undefined
    if (known) return Promise.resolve(known)
    const k = image.manifestDigest
    let p = this.loading.get(k)
    if (!p) {
      p = this.load(store, image, reporter, signal)
      this.loading.set(k, p)
      p.catch(() => this.loading.delete(k))
    }
    return p
  }

  private async load(
    store: Store,
    image: StoredImage,
    reporter: Reporter,
    signal?: AbortSignal
  ): Promise<string> {
    const configId = image.manifest.config.digest
    const present = await tryRun('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', configId])
    if (present) {
      reporter.info(`base already in the engine as ${configId.slice(0, 19)}`)
      return present.stdout.trim()
    }
    const tag = this.uniqueTag(image.refs[0] ?? 'image', 'base')
    const t0 = Date.now()
    await loadIntoDocker(store, image, tag, reporter, signal)
    reporter.info(`loaded the base into the engine in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    const r = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', tag], { reporter })
    const id = r.stdout.trim()
    if (image.key) this.byKey.set(image.key, id)
    return id
  }

  /** Step images of a failed build: dangling once the build is gone, removed at close. */
  forget(imageIds: string[]): void {
    for (const i of imageIds) this.leftovers.add(i)
  }

  /** Id of an engine image by reference. */
  async inspectId(ref: string): Promise<string> {
    const r = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', ref], {
      reporter: this.reporter
    })
    return r.stdout.trim()
  }

  /** Adds a tag this session owns to an engine image. */
  async tag(id: string, tag: string): Promise<void> {
    this.tags.add(tag)
    await run('docker', ['tag', '--', id, tag], { reporter: this.reporter })
  }

  /**
   * Untags everything this run tagged; the engine then deletes the images no other tag holds.
   * Cleanup only warns: the images are safe in the store whatever happens here.
   */
  async close(): Promise<void> {
    const tags = [...this.tags]
    const leftovers = [...this.leftovers].filter((i) => ![...this.byKey.values()].some((k) => k.includes(i)))
    this.tags.clear()
    this.byKey.clear()
    this.loading.clear()
    this.leftovers.clear()
    await this.removeTags(tags)
    // After the tags: an image still used by anyone (a tag, a child, a container) is refused by
    // the engine without --force, which is what we want.
    for (const i of leftovers.reverse())
      await tryRun('docker', ['image', 'rm', '--', i], { reporter: this.reporter, cleanup: true })
  }

  private async removeTags(tags: string[]): Promise<void> {
    if (!tags.length) return
    try {
      await run('docker', ['image', 'rm', '--', ...tags], { reporter: this.reporter, cleanup: true })
    } catch (e) {
      const tail = (e as { tail?: string[] }).tail ?? []
      // "No such image" for a tag that was never made (a build failed before it) is expected.
      const real = tail.filter((l) => /^Error/i.test(l) && !/No such image/i.test(l))
      if (real.length)
        this.reporter.warn(`could not remove engine tags: ${errorMessage(e)}\n${real.join('\n')}`)
    }
  }
}
