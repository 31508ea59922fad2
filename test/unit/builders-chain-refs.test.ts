// The copies of a Dockerfile or Packer template a build reads: every reference to a chain image
// names the tag its stored image got, and nothing else changes. The engine is a stub here (the
// integration test chain-by-content drives the real one).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dockerfileForBuild, packerTemplateForBuild } from '../../src/builders/chain-refs.js'
import type { EngineSession } from '../../src/builders/engine-session.js'
import type { BuildContext } from '../../src/builders/types.js'
import type { ChainRef } from '../../src/plan/types.js'
import type { StoredImage } from '../../src/store/types.js'
import { BuildError } from '../../src/util/errors.js'
import { SilentReporter } from '../../src/util/log.js'
import { imageSpec } from '../fixtures/image-spec.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-chain-refs-'))
})
afterEach(async () => rm(dir, { recursive: true, force: true }))

/** Records what was provided; each chain image gets the tag kiln-base/<name>:t. */
function stubSession(): EngineSession & { provided: string[] } {
  const provided: string[] = []
  return {
    provided,
    uniqueTag: (name: string) => `kiln-base/${name}:t`,
    provide: async (_s: unknown, image: StoredImage) => {
      provided.push(image.refs[0])
      return 'sha256:id'
    }
  } as unknown as EngineSession & { provided: string[] }
}

function context(file: string, chainRefs: ChainRef[], args: Record<string, string> = {}): BuildContext {
  const stored = (name: string) =>
    ({
      refs: [name],
      manifestDigest: `sha256:${'1'.repeat(64)}`,
      key: 'k'.repeat(64)
    }) as unknown as StoredImage
  return {
    store: {} as BuildContext['store'],
    catalog: { file: join(dir, 'IMAGES.json'), root: dir, images: [] },
    image: { spec: imageSpec('plan', { file, args }), key: 'x', inputs: [], deps: [], chainRefs },
    base: null,
    chain: new Map(chainRefs.map((r) => [r.image, stored(r.image)])),
    workDir: join(dir, 'work'),
    reporter: new SilentReporter()
  }
}

test('FROM, COPY --from and a BASE_IMAGE build arg naming chain images get their tags; the rest stays', async () => {
  const text = [
    '# escape=\\',
    'ARG BASE_IMAGE',
    'FROM ${BASE_IMAGE} AS one',
    'FROM debian_9-base AS two',
    'RUN <<EOF',
    'FROM debian_9-base',
    'EOF',
    'COPY --from=tools /t /t',
    'COPY --from=one /o /o',
    'FROM debian:12',
    ''
  ].join('\n')
  await writeFile(join(dir, 'Dockerfile'), text)
  await writeFile(join(dir, 'Dockerfile.dockerignore'), 'secret\n')
  await mkdir(join(dir, 'work'))
  const ctx = context(
    'Dockerfile',
    [
      { ref: 'debian_9-base', image: 'debian_9-base' },
      { ref: 'tools', image: 'tools' }
    ],
    { BASE_IMAGE: 'debian_9-base' }
  )
  const session = stubSession()
  const file = await dockerfileForBuild(ctx, session, join(dir, 'Dockerfile'), undefined, 'buildx')
  expect(file).toBe(join(dir, 'work', 'Dockerfile'))
  expect(await readFile(file, 'utf8')).toBe(
    text
      .replace('${BASE_IMAGE} AS one', 'kiln-base/debian_9-base:t AS one')
      .replace('FROM debian_9-base AS two', 'FROM kiln-base/debian_9-base:t AS two')
      .replace('--from=tools', '--from=kiln-base/tools:t')
  )
  expect(await readFile(`${file}.dockerignore`, 'utf8')).toBe('secret\n')
  // Loaded once per chain image, whatever the number of references.
  expect(session.provided).toEqual(['debian_9-base', 'tools'])
})

test('a Dockerfile naming no chain image is built as it is', async () => {
  await writeFile(join(dir, 'Dockerfile'), 'FROM debian:12\n')
  const ctx = context('Dockerfile', [])
  expect(
    await dockerfileForBuild(ctx, stubSession(), join(dir, 'Dockerfile'), 'kiln-base/x:1', 'classic')
  ).toBe(join(dir, 'Dockerfile'))
})

test('a heredoc under the classic builder is refused with its line', async () => {
  await writeFile(join(dir, 'Dockerfile'), 'FROM debian:12\n\nRUN <<EOF\necho hi\nEOF\n')
  const err = await dockerfileForBuild(
    context('Dockerfile', []),
    stubSession(),
    join(dir, 'Dockerfile'),
    undefined,
    'classic'
  ).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(BuildError)
  expect((err as Error).message).toBe(
    'plan: docker build: Dockerfile:3: RUN <<EOF is a heredoc, which only BuildKit reads, and this engine has no docker buildx (the classic builder would run its lines as instructions)'
  )
})

test('Packer JSON: the docker image is replaced and {{template_dir}} written out', async () => {
  await mkdir(join(dir, 'packer'))
  await mkdir(join(dir, 'work'))
  await writeFile(
    join(dir, 'packer/t.json'),
    JSON.stringify({
      builders: [{ type: 'docker', image: 'debian_9-base', commit: true }],
      provisioners: [{ type: 'file', source: '{{ template_dir }}/motd', destination: '/etc/motd' }]
    })
  )
  const ctx = context('packer/t.json', [{ ref: 'debian_9-base', image: 'debian_9-base' }])
  const copy = await packerTemplateForBuild(ctx, stubSession(), join(dir, 'packer/t.json'))
  expect(JSON.parse(await readFile(copy, 'utf8'))).toEqual({
    builders: [{ type: 'docker', image: 'kiln-base/debian_9-base:t', commit: true }],
    provisioners: [{ type: 'file', source: `${dir}/packer/motd`, destination: '/etc/motd' }]
  })
})

test('Packer HCL: the image literal is replaced and path.root becomes a quoted string', async () => {
  await mkdir(join(dir, 'packer'))
  await mkdir(join(dir, 'work'))
  const hcl =
    'source "docker" "b" {\n  image = "debian_9-base"\n}\nbuild {\n  description = "reads path.root"\n  provisioner "file" {\n    source = "${path.root}/motd"\n    destination = abspath(path.root)\n  }\n}\n'
  await writeFile(join(dir, 'packer/t.pkr.hcl'), hcl)
  const ctx = context('packer/t.pkr.hcl', [{ ref: 'debian_9-base', image: 'debian_9-base' }])
  const copy = await packerTemplateForBuild(ctx, stubSession(), join(dir, 'packer/t.pkr.hcl'))
  expect(await readFile(copy, 'utf8')).toBe(
    hcl
      .replace('"debian_9-base"', '"kiln-base/debian_9-base:t"')
      .replace('${path.root}', `\${"${dir}/packer"}`)
      .replace('abspath(path.root)', `abspath("${dir}/packer")`)
  )
})
