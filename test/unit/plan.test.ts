import { loadCatalog } from '../../src/model/load.js'
import { makePlan, type Selection } from '../../src/plan/index.js'
import { InvalidInputError } from '../../src/util/errors.js'
import { removeTree, writeTree } from '../fixtures/catalog/tree.js'

const dirs: string[] = []
afterAll(async () => Promise.all(dirs.map(removeTree)))

async function planOf(files: Record<string, string | object>, selection?: Selection) {
  const dir = await writeTree(files)
  dirs.push(dir)
  return makePlan(await loadCatalog(`${dir}/IMAGES.json`), selection)
}

const src = { image: 'debian:12' }
const catalog = (images: object[]) => ({ version: 1, images })

describe('order', () => {
  const cases: Array<[string, Record<string, string | object>, string[]]> = [
    [
      'list order when nothing depends on anything',
      {
        'IMAGES.json': catalog([
          { name: 'c', base: src },
          { name: 'a', base: src },
          { name: 'b', base: src }
        ])
      },
      ['c', 'a', 'b']
    ],
    [
      'a base listed after its child comes first',
      {
        'IMAGES.json': catalog([
          { name: 'child', base: 'parent', run: [['true']] },
          { name: 'other', base: src },
          { name: 'parent', base: src }
        ])
      },
      ['other', 'parent', 'child']
    ],
    [
      'depends_on orders too',
      {
        'IMAGES.json': catalog([
          { name: 'late', base: src, depends_on: ['early'] },
          { name: 'early', base: src }
        ])
      },
      ['early', 'late']
    ],
    [
      'a Dockerfile FROM naming a later image (multi-stage, ARG) makes it an ancestor',
      {
        'IMAGES.json': catalog([
          { name: 'plan', builder: 'dockerfile', file: 'Dockerfile.plan' },
          { name: 'tools', builder: 'dockerfile', file: 'Dockerfile.tools' },
          { name: 'base', base: src }
        ]),
        'Dockerfile.plan':
          'ARG FLAVOUR=tools\nFROM --platform=linux/amd64 base AS b\nFROM ${FLAVOUR}\nCOPY --from=b /x /x\n',
        'Dockerfile.tools': 'FROM base:latest\n'
      },
      ['base', 'tools', 'plan']
    ],
    [
      'FROM matches an image by its tag',
      {
        'IMAGES.json': catalog([
          { name: 'app', builder: 'dockerfile', file: 'Dockerfile' },
          { name: 'base', base: src, tag: 'corp/base:1.0' }
        ]),
        Dockerfile: 'FROM corp/base:1.0\n'
      },
      ['base', 'app']
    ],
    [
      'FROM of an upstream image (and of itself) adds no edge',
      {
        'IMAGES.json': catalog([
          { name: 'debian', builder: 'dockerfile', file: 'Dockerfile' },
          { name: 'x', base: src }
        ]),
        Dockerfile: 'FROM debian:latest\n'
      },
      ['debian', 'x']
    ]
  ]
  test.each(cases)('%s', async (_name, files, want) => {
    const plan = await planOf(files)
    expect(plan.images.map((i) => i.spec.name)).toEqual(want)
  })

  test('deps lists base, depends_on and FROM images', async () => {
    const plan = await planOf({
      'IMAGES.json': catalog([
        { name: 'a', base: src },
        { name: 'b', base: src },
        { name: 'c', base: src },
        { name: 'd', builder: 'dockerfile', file: 'Dockerfile', depends_on: ['b'] }
      ]),
      Dockerfile: 'FROM c\nFROM a\n'
    })
    expect(plan.images.find((i) => i.spec.name === 'd')?.deps).toEqual(['b', 'c', 'a'])
  })

  test('COPY --from a chain image is a dependency; a FROM inside a heredoc is not', async () => {
    const plan = await planOf({
      'IMAGES.json': catalog([
        { name: 'x', base: src },
        { name: 'tools', base: src },
        { name: 'd', builder: 'dockerfile', file: 'Dockerfile' }
      ]),
      Dockerfile: 'FROM debian:12\nRUN <<EOF\nFROM x\nEOF\nCOPY --from=tools /t /t\n'
    })
    const d = plan.images.find((i) => i.spec.name === 'd')
    expect(d?.deps).toEqual(['tools'])
    expect(d?.chainRefs).toEqual([{ ref: 'tools', image: 'tools' }])
  })
})

describe('selection', () => {
  const files = {
    'IMAGES.json': catalog([
      { name: 'd12-base', distro: 'debian_12', base: src },
      { name: 'd12-c3', distro: 'debian_12', plan: 'c3.small', base: 'd12-base', run: [['true']] },
      { name: 'd12-m3', distro: 'debian_12', plan: 'm3.large', base: 'd12-base', run: [['true']] },
      { name: 'u22-base', distro: 'ubuntu_22', base: src },
      { name: 'u22-c3', distro: 'ubuntu_22', plan: 'c3.small', base: 'u22-base', run: [['true']] },
      {
        name: 'u22-arm',
        distro: 'ubuntu_22',
        plan: 'c3.small',
        arch: 'aarch64',
        // Its own base: a chain may not mix architectures.
        base: src,
        run: [['true']]
      }
    ])
  }
  const cases: Array<
    [string, Selection, string[], string[], { distro: string[]; plan: string[]; arch: string[] }]
  > = [
    [
      'everything',
      {},
      ['d12-base', 'd12-c3', 'd12-m3', 'u22-base', 'u22-c3', 'u22-arm'],
      ['d12-base', 'd12-c3', 'd12-m3', 'u22-base', 'u22-c3', 'u22-arm'],
      { distro: ['debian_12', 'ubuntu_22'], plan: ['c3.small', 'm3.large'], arch: ['x86_64', 'aarch64'] }
    ],
    [
      'a target keeps its ancestors; the matrix is the target only',
      { targets: ['d12-m3'] },
      ['d12-base', 'd12-m3'],
      ['d12-m3'],
      { distro: ['debian_12'], plan: ['m3.large'], arch: ['x86_64'] }
    ],
    [
      'a plan across distros',
      { plan: 'c3.small', arch: 'x86_64' },
      ['d12-base', 'd12-c3', 'u22-base', 'u22-c3'],
      ['d12-c3', 'u22-c3'],
      { distro: ['debian_12', 'ubuntu_22'], plan: ['c3.small'], arch: ['x86_64'] }
    ],
    [
      'a distro',
      { distro: 'ubuntu_22' },
      ['u22-base', 'u22-c3', 'u22-arm'],
      ['u22-base', 'u22-c3', 'u22-arm'],
      { distro: ['ubuntu_22'], plan: ['c3.small'], arch: ['x86_64', 'aarch64'] }
    ],
    [
      'targets and axes intersect',
      { targets: ['u22-c3', 'u22-arm'], arch: 'aarch64' },
      ['u22-arm'],
      ['u22-arm'],
      { distro: ['ubuntu_22'], plan: ['c3.small'], arch: ['aarch64'] }
    ],
    [
      "an arch in another spelling (Debian's, OCI's) selects the same images",
      { arch: 'arm64' },
      ['u22-arm'],
      ['u22-arm'],
      { distro: ['ubuntu_22'], plan: ['c3.small'], arch: ['aarch64'] }
    ]
  ]
  test.each(cases)('%s', async (_name, sel, order, selected, matrix) => {
    const plan = await planOf(files, sel)
    expect(plan.images.map((i) => i.spec.name)).toEqual(order)
    expect(plan.images.filter((i) => i.selected).map((i) => i.spec.name)).toEqual(selected)
    expect(plan.matrix).toEqual(matrix)
  })

  test('an unknown target is invalid input with a suggestion', async () => {
    await expect(planOf(files, { targets: ['d12-c4'] })).rejects.toThrow(
      /target "d12-c4" names no image of the catalog; did you mean "d12-c3"\?/
    )
  })

  test('a selection matching nothing is invalid input', async () => {
    await expect(planOf(files, { distro: 'fedora_40' })).rejects.toThrow(
      /the selection \(distro fedora_40\) matches no image/
    )
  })
})

describe('cycles', () => {
  const cases: Array<[string, Record<string, string | object>, string]> = [
    [
      'through base',
      {
        'IMAGES.json': catalog([
          { name: 'a', base: 'b', run: [['x']] },
          { name: 'b', base: 'a', run: [['x']] }
        ])
      },
      'dependency cycle: a -> b -> a'
    ],
    [
      'through Dockerfile FROM and depends_on',
      {
        'IMAGES.json': catalog([
          { name: 'a', builder: 'dockerfile', file: 'Dockerfile.a' },
          { name: 'b', base: src, depends_on: ['c'] },
          { name: 'c', builder: 'dockerfile', file: 'Dockerfile.c' }
        ]),
        'Dockerfile.a': 'FROM b\n',
        'Dockerfile.c': 'FROM base AS x\nFROM a\n'
      },
      'dependency cycle: a -> b -> c -> a'
    ]
  ]
  test.each(cases)('%s', async (_name, files, message) => {
    const err = await planOf(files).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidInputError)
    expect((err as InvalidInputError).problems.map((p) => p.message)).toEqual([message])
    expect((err as InvalidInputError).problems[0]).toMatchObject({
      pointer: '/images/0',
      image: 'a',
      line: 4
    })
  })
})

describe('architectures', () => {
  const refused = async (files: Record<string, string | object>) => {
    const err = await planOf(files).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidInputError)
    return (err as InvalidInputError).problems
  }

  test('an aarch64 image on an x86_64 base is refused at plan time, naming file, image and field', async () => {
    const problems = await refused({
      'IMAGES.json': catalog([
        { name: 'base', base: { bootstrap: { suite: 'bookworm' } } },
        { name: 'arm', arch: 'aarch64', base: 'base', run: [['true']] }
      ])
    })
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/IMAGES\.json$/),
        pointer: '/images/1/arch',
        image: 'arm',
        line: 12,
        message: expect.stringMatching(
          /arch "aarch64", but its base base, which is "x86_64": a chain may not mix architectures/
        )
      })
    ])
  })

  test('a Dockerfile FROM naming an image of another arch is refused, the defaults counting', async () => {
    const problems = await refused({
      'IMAGES.json': {
        version: 1,
        defaults: { arch: 'aarch64' },
        images: [
          { name: 'amd-base', arch: 'x86_64', base: src },
          { name: 'arm-plan', builder: 'dockerfile', file: 'Dockerfile' }
        ]
      },
      Dockerfile: 'FROM amd-base\nRUN true\n'
    })
    expect(problems.map((p) => [p.image, p.pointer, p.message])).toEqual([
      [
        'arm-plan',
        '/images/1/arch',
        expect.stringMatching(/its Dockerfile names amd-base, which is "x86_64"/)
      ]
    ])
  })

  test("a bootstrap arch other than the image's is refused", async () => {
    const problems = await refused({
      'IMAGES.json': catalog([{ name: 'b', base: { bootstrap: { suite: 'bookworm', arch: 'arm64' } } }])
    })
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      [
        '/images/0/base/bootstrap/arch',
        expect.stringMatching(/bootstrap arch "arm64" is not the image's arch "x86_64"/)
      ]
    ])
  })

  test('spellings of one architecture agree; depends_on may cross; keys differ by arch', async () => {
    const plan = await planOf({
      'IMAGES.json': catalog([
        { name: 'base', arch: 'aarch64', base: { bootstrap: { suite: 'bookworm', arch: 'arm64' } } },
        { name: 'plan', arch: 'arm64', base: 'base', run: [['true']] },
        { name: 'amd', base: src, depends_on: ['plan'] }
      ])
    })
    expect(plan.images.map((i) => i.spec.name)).toEqual(['base', 'plan', 'amd'])
    const amd = await planOf({
      'IMAGES.json': catalog([{ name: 'base', base: { bootstrap: { suite: 'bookworm' } } }])
    })
    const arm = await planOf({
      'IMAGES.json': catalog([{ name: 'base', arch: 'aarch64', base: { bootstrap: { suite: 'bookworm' } } }])
    })
    expect(amd.images[0].key).not.toEqual(arm.images[0].key)
  })
})
