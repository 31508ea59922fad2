import path from 'node:path'
import { stringify } from 'yaml'
import { loadCatalog } from '../../src/model/load.js'
import type { ImageSpec } from '../../src/model/types.js'
import { InvalidInputError } from '../../src/util/errors.js'
import { fixturesDir, removeTree, writeTree } from '../fixtures/catalog/tree.js'

const dirs: string[] = []
afterAll(async () => Promise.all(dirs.map(removeTree)))
async function tree(files: Record<string, string | object>): Promise<string> {
  const dir = await writeTree(files)
  dirs.push(dir)
  return dir
}

const doc = {
  $schema: 'https://example.invalid/images-v1.schema.json',
  version: 1,
  defaults: { arch: 'aarch64', distro: 'debian_12', exports: ['rootfs', 'kernel'] },
  images: [
    {
      name: 'debian_12-base',
      base: { bootstrap: { suite: 'bookworm', variant: 'minbase', include: ['systemd-sysv'] } }
    },
    {
      name: 'debian_12-c3',
      plan: 'c3.small.x86',
      arch: 'x86_64',
      builder: 'dockerfile',
      file: 'plans/c3/Dockerfile',
      working_dir: 'plans/c3/',
      args: { A: '1' },
      extra_args: "--label 'a b=c'",
      exports: []
    },
    {
      name: 'tools',
      base: 'debian_12-base',
      packs: ['packs/ipmi'],
      run: [['apt-get', 'install', '-y', 'ipmitool'], 'echo hi'],
      verify: false
    },
    { name: 'pk', base: 'empty', builder: 'packer', file: 'packer/t.pkr.hcl', vars: { motd: 'hello' } }
  ]
}
const files = {
  'plans/c3/Dockerfile': 'FROM debian_12-base\n',
  'packs/ipmi/etc/x': 'x',
  'packer/t.pkr.hcl': 'source "docker" "x" {}\n'
}

describe('IMAGES.json v1', () => {
  let images: ImageSpec[]
  let root: string
  beforeAll(async () => {
    root = await tree({ ...files, 'IMAGES.json': doc })
    const c = await loadCatalog(path.join(root, 'IMAGES.json'))
    expect(c.format).toBe('kiln-v1')
    expect(c.file).toBe(path.join(root, 'IMAGES.json'))
    images = c.images
  })

  test('a bootstrap base without a builder is imported as is, with the defaults', () => {
    expect(images[0]).toEqual({
      name: 'debian_12-base',
      index: 0,
      pointer: '/images/0',
      line: 13,
      builder: 'import',
      base: {
        kind: 'bootstrap',
        bootstrap: { suite: 'bookworm', variant: 'minbase', include: ['systemd-sysv'] }
      },
      dependsOn: [],
      distro: 'debian_12',
      arch: 'aarch64',
      workingDir: '.',
      args: {},
      extraArgs: [],
      labels: {},
      exports: ['rootfs', 'kernel'],
      verify: true
    })
  })

  test('a dockerfile image: paths normalised, extra_args split, network host', () => {
    expect(images[1]).toMatchObject({
      builder: 'dockerfile',
      base: { kind: 'scratch' },
      file: 'plans/c3/Dockerfile',
      workingDir: 'plans/c3',
      plan: 'c3.small.x86',
      arch: 'x86_64',
      args: { A: '1' },
      extraArgs: ['--label=a b=c'],
      exports: [],
      network: 'host'
    })
  })

  test('overlay steps make an overlay image', () => {
    expect(images[2]).toMatchObject({
      builder: 'overlay',
      base: { kind: 'image', name: 'debian_12-base' },
      overlay: { packs: ['packs/ipmi'], run: [['apt-get', 'install', '-y', 'ipmitool'], 'echo hi'] },
      verify: false
    })
    expect(images[2].network).toBeUndefined()
  })

  test('packer vars become args; "empty" is scratch', () => {
    expect(images[3]).toMatchObject({ builder: 'packer', base: { kind: 'scratch' }, args: { motd: 'hello' } })
  })

  test('YAML loads into the same catalog', async () => {
    const yamlRoot = await tree({ ...files, 'IMAGES.yaml': `# a comment\n${stringify(doc)}` })
    const c = await loadCatalog(path.join(yamlRoot, 'IMAGES.yaml'))
    const strip = (i: ImageSpec) => ({ ...i, line: undefined })
    expect(c.images.map(strip)).toEqual(images.map(strip))
  })

  test('root can be given; paths then resolve against it', async () => {
    const r = await tree({ ...files, 'conf/IMAGES.json': doc })
    const c = await loadCatalog(path.join(r, 'conf/IMAGES.json'), { root: r })
    expect(c.images[1].file).toBe('plans/c3/Dockerfile')
    await expect(loadCatalog(path.join(r, 'conf/IMAGES.json'))).rejects.toThrow(
      /file "plans\/c3\/Dockerfile" does not exist/
    )
  })
})

describe('bootstrap values that reach mmdebstrap', () => {
  // The forms mmdebstrap documents for a mirror and the package specs apt takes all load;
  // what would start with "-" is refused (test/fixtures/invalid/argv-injection).
  test.each([
    [{ suite: 'bookworm', mirror: 'http://deb.example/debian' }],
    [{ suite: 'bookworm-backports', mirror: 'https://deb.example/debian/' }],
    [{ suite: 'bookworm', mirror: 'mirror+file:///etc/apt/mirrors.txt' }],
    [{ suite: 'bookworm', mirror: 'file:///srv/mirror' }],
    [{ suite: 'bookworm', mirror: 'deb [trusted=yes] http://deb.example/debian bookworm main' }],
    [{ suite: 'stable', variant: 'minbase', components: ['main', 'non-free-firmware'] }],
    [
      {
        suite: 'bookworm',
        include: ['linux-image-amd64', 'libc6:i386', 'curl=7.88.1-10', 'systemd/bookworm-backports']
      }
    ],
    [{ suite: 'bookworm', snapshot: '2025-05-20', mirror: 'http://snapshot.example/' }]
  ])('%j', async (bootstrap) => {
    const r = await tree({ 'IMAGES.json': { version: 1, images: [{ name: 'b', base: { bootstrap } }] } })
    expect((await loadCatalog(path.join(r, 'IMAGES.json'))).images[0].base).toEqual({
      kind: 'bootstrap',
      bootstrap
    })
  })
})

describe('corpusops IMAGES.json', () => {
  const project = path.join(fixturesDir, 'corpusops/setups.myapp')
  test('loads as it is, with corpusops defaults', async () => {
    const c = await loadCatalog(path.join(project, '.docker/IMAGES.json'))
    expect(c.format).toBe('corpusops')
    expect(path.basename(c.root)).toBe('setups.myapp')
    expect(c.images.map((i) => [i.name, i.builder, i.file, i.workingDir, i.tag, i.version])).toEqual([
      ['myapp-1.0', 'packer', '.docker/packer/myapp-1.0.json', '.', undefined, 'myapp-1.0'],
      ['corpusops-myapp-1.0-app', 'dockerfile', 'Dockerfile', '.', 'corpusops/myapp:1.0-app', '1.0-app'],
      [
        'corpusops-docker-matrix-v0.25.1',
        'dockerfile',
        'Dockerfile.docker-matrix',
        '.',
        'registry.example:5000/corpusops/docker-matrix:v0.25.1',
        'v0.25.1'
      ]
    ])
    // Checked against the allowlist and written in one --flag=value form (model/extra-args.ts).
    expect(c.images[1].extraArgs).toEqual([
      '--build-arg=BASE_TAG=1.0-app',
      '--label=note=built by myapp 1.0-app'
    ])
    expect(c.images[2].extraArgs).toEqual(['--build-arg=BV_SYN=v0.25.1'])
    expect(c.images.every((i) => i.network === undefined && i.exports.length === 0)).toBe(true)
  })

  test('defaults: packer file from name, name from the project directory, version from the file', async () => {
    const r = await tree({
      'setups.web/.docker/IMAGES.json': {
        images: [{ builder_type: 'packer' }, { builder_type: 'packer', version: '2.0' }]
      },
      'setups.web/.docker/packer/web.json': '{}',
      'setups.web/.docker/packer/web-2.0.json': '{}'
    })
    const c = await loadCatalog(path.join(r, 'setups.web/.docker/IMAGES.json'))
    expect(c.images.map((i) => [i.name, i.file, i.version])).toEqual([
      ['web', '.docker/packer/web.json', 'web'],
      ['web-2.0', '.docker/packer/web-2.0.json', '2.0']
    ])
  })

  test('an identical duplicate entry is dropped with a warning naming both places, as corpusops drops it', async () => {
    const r = await tree({
      '.docker/IMAGES.json':
        '{"images": [\n  {"builder_type": "docker", "tag": "corp/app:1"},\n  {"builder_type": "packer", "file": "p.json"},\n  {"builder_type": "docker", "tag": "corp/app:1"}\n]}\n',
      '.docker/packer/p.json': '{}',
      Dockerfile: 'FROM debian\n'
    })
    const c = await loadCatalog(path.join(r, '.docker/IMAGES.json'))
    expect(c.images.map((i) => i.name)).toEqual(['corp-app-1', 'p'])
    expect(c.warnings?.map((w) => [w.line, w.pointer, w.message])).toEqual([
      [
        4,
        '/images/2/tag',
        "repeats /images/0 (line 2) (corpusops' dockerfile__corp/app:1) exactly: dropped, as corpusops drops it"
      ]
    ])
  })

  test('duplicates that differ are refused naming both, at keys the entries have', async () => {
    const r = await tree({
      '.docker/IMAGES.json':
        '{"images": [\n  {"builder_type": "docker", "tag": "corp/app:1"},\n  {"builder_type": "docker", "tag": "corp/app:1", "file": "Dockerfile.b"},\n  {"builder_type": "docker", "tag": "corp-app:1"}\n]}\n',
      Dockerfile: 'FROM debian\n',
      'Dockerfile.b': 'FROM debian\n'
    })
    const err = (await loadCatalog(path.join(r, '.docker/IMAGES.json')).catch(
      (e: unknown) => e
    )) as InvalidInputError
    expect(err).toBeInstanceOf(InvalidInputError)
    expect(err.problems.map((p) => [p.line, p.pointer, p.message])).toEqual([
      [
        3,
        '/images/1/tag',
        "/images/0 (line 2) is corpusops' dockerfile__corp/app:1 too, with other settings: corpusops would keep only one; remove one or give it another tag"
      ],
      [4, '/images/2/tag', 'duplicate image name "corp-app-1" (first at /images/0, line 2)']
    ])
  })

  test('build order: a Dockerfile FROM an earlier tag (or a tag the Packer template gives) depends on it', async () => {
    const { makePlan } = await import('../../src/plan/index.js')
    const plan = await makePlan(await loadCatalog(path.join(project, '.docker/IMAGES.json')))
    expect(plan.images.map((i) => [i.spec.name, i.deps])).toEqual([
      ['myapp-1.0', []],
      ['corpusops-myapp-1.0-app', ['myapp-1.0']],
      ['corpusops-docker-matrix-v0.25.1', ['corpusops-myapp-1.0-app']]
    ])
  })
})

test('every problem of a file comes at once, in file order, located', async () => {
  const r = await tree({
    'IMAGES.json':
      '{\n  "version": 1,\n  "images": [\n    { "name": "a", "bas": "b" },\n    { "name": "c", "base": { "tar": "no.tar" } },\n    { "name": "c", "base": { "image": "x" } }\n  ]\n}\n'
  })
  const err = await loadCatalog(path.join(r, 'IMAGES.json')).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(InvalidInputError)
  expect(
    (err as InvalidInputError).problems.map((p) => [p.line, p.column, p.pointer, p.image, p.message])
  ).toEqual([
    [4, 20, '/images/0/bas', 'a', 'unknown key "bas"; did you mean "base"?'],
    [5, 37, '/images/1/base/tar', 'c', 'file "no.tar" does not exist'],
    [6, 15, '/images/2/name', 'c', 'duplicate image name "c" (first at /images/1, line 5)']
  ])
})

test('a genoci YAML map of tag → steps goes to the genoci loader', async () => {
  const r = await tree({
    'layers.yaml': 'base:\n  base: empty\n  run: echo base\napp:\n  base: base\n  run: echo app\n'
  })
  const c = await loadCatalog(path.join(r, 'layers.yaml'))
  expect(c.format).toBe('genoci')
  expect(c.images.map((i) => [i.name, i.builder])).toEqual([
    ['base', 'overlay'],
    ['app', 'overlay']
  ])
})

test('findCatalog looks for IMAGES.json, IMAGES.yaml, then the corpusops places', async () => {
  const { findCatalog } = await import('../../src/model/load.js')
  const r = await tree({ '.docker/IMAGES.json': '{}', 'IMAGES.yaml': 'version: 1\n' })
  expect(await findCatalog(r)).toBe(path.join(r, 'IMAGES.yaml'))
  const c = await tree({ '.docker/IMAGES.json': '{}' })
  expect(await findCatalog(c)).toBe(path.join(c, '.docker/IMAGES.json'))
  const none = await tree({})
  expect(await findCatalog(none)).toBe(path.join(none, 'IMAGES.json'))
})

test.each<[object, string]>([
  [{ dir: '/' }, 'path "/" must be relative to the project root, not absolute'],
  [{ dir: '//' }, 'path "//" must be relative to the project root, not absolute'],
  [{ dir: '/etc' }, 'path "/etc" must be relative to the project root, not absolute'],
  [{ dir: '../..' }, 'path "../.." leaves the project root'],
  [{ dir: 'sub/../../x' }, 'path "sub/../../x" leaves the project root'],
  [{ tar: '/' }, 'path "/" must be relative to the project root, not absolute']
])('a base source %j is refused at plan time, with file, image and field', async (base, message) => {
  const r = await tree({ 'sub/x': 'x', 'IMAGES.json': { version: 1, images: [{ name: 'host', base }] } })
  const err = await loadCatalog(path.join(r, 'IMAGES.json')).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(InvalidInputError)
  const field = Object.keys(base)[0]
  expect((err as InvalidInputError).problems.map((p) => [p.file, p.pointer, p.image, p.message])).toEqual([
    [path.join(r, 'IMAGES.json'), `/images/0/base/${field}`, 'host', message]
  ])
})

test('a dir base source "." (the project itself) is still a directory inside the project', async () => {
  const r = await tree({ 'IMAGES.json': { version: 1, images: [{ name: 'self', base: { dir: '.' } }] } })
  const c = await loadCatalog(path.join(r, 'IMAGES.json'))
  expect(c.images[0].base).toEqual({ kind: 'dir', path: '.' })
})

test('verify: true/false as before, or the gates one by one; raw and qcow2 exports', async () => {
  const r = await tree({
    Dockerfile: 'FROM scratch\n',
    'IMAGES.json': {
      version: 1,
      defaults: { verify: { install: true } },
      images: [
        {
          name: 'a',
          base: 'scratch',
          builder: 'dockerfile',
          file: 'Dockerfile',
          exports: ['rootfs', 'raw', 'qcow2']
        },
        { name: 'b', base: 'scratch', builder: 'dockerfile', file: 'Dockerfile', verify: false },
        {
          name: 'c',
          base: 'scratch',
          builder: 'dockerfile',
          file: 'Dockerfile',
          verify: { boot: false, netboot: true }
        }
      ]
    }
  })
  const c = await loadCatalog(path.join(r, 'IMAGES.json'))
  expect(c.images.map((i) => [i.name, i.verify, i.gates])).toEqual([
    ['a', true, { install: true, netboot: false }],
    ['b', false, undefined],
    ['c', false, { install: false, netboot: true }]
  ])
  expect(c.images[0].exports).toEqual(['rootfs', 'raw', 'qcow2'])

  const bad = await tree({
    Dockerfile: 'FROM scratch\n',
    'IMAGES.json': {
      version: 1,
      images: [
        {
          name: 'a',
          base: 'scratch',
          builder: 'dockerfile',
          file: 'Dockerfile',
          verify: { install: 'yes', pxe: true }
        }
      ]
    }
  })
  const err = await loadCatalog(path.join(bad, 'IMAGES.json')).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(InvalidInputError)
  expect((err as InvalidInputError).problems.map((p) => p.pointer).join(' ')).toMatch(/\/images\/0\/verify/)
})
