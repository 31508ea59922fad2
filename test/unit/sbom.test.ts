import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { exportImage } from '../../src/exporters/export.js'
import { parseApkInstalled, parseDpkgStatus, type Package } from '../../src/exporters/packages.js'
import { dep5License, parseOsRelease } from '../../src/exporters/origin.js'
import { githubRunUrl, provenanceStatement, type ProvenanceContext } from '../../src/exporters/provenance.js'
import { cyclonedxDocument, purlOf, spdxDocument, type SbomInput } from '../../src/exporters/sbom.js'
import { Scratch, type Member } from './flatten-fixtures.js'
import { cyclonedxValidator } from './sbom-schemas.js'

/**
 * The SPDX 2.3 rules a consumer relies on (no npm package ships the SPDX 2.3 JSON schema, so the
 * spec's mandatory fields are checked here): document fields, unique well-formed element ids,
 * mandatory package fields, relationships between known elements.
 */
function spdxProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = []
  const need = (cond: boolean, what: string): void => void (cond || problems.push(what))
  need(doc.spdxVersion === 'SPDX-2.3', 'spdxVersion')
  need(doc.dataLicense === 'CC0-1.0', 'dataLicense')
  need(doc.SPDXID === 'SPDXRef-DOCUMENT', 'SPDXID')
  need(typeof doc.name === 'string' && doc.name !== '', 'name')
  need(/^[a-z]+:\/\/[^#\s]+$/.test(String(doc.documentNamespace)), 'documentNamespace is a URI without #')
  const ci = doc.creationInfo as { created?: string; creators?: string[] }
  need(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(ci?.created ?? ''), 'creationInfo.created')
  need(
    (ci?.creators ?? []).every((c) => /^(Tool|Person|Organization): .+/.test(c)),
    'creators'
  )
  const ids = new Set(['SPDXRef-DOCUMENT'])
  for (const p of doc.packages as Array<Record<string, unknown>>) {
    const id = String(p.SPDXID)
    need(/^SPDXRef-[A-Za-z0-9.-]+$/.test(id), `package id ${id}`)
    need(!ids.has(id), `unique id ${id}`)
    ids.add(id)
    need(typeof p.name === 'string' && typeof p.downloadLocation === 'string', `${id} name/downloadLocation`)
    for (const r of (p.externalRefs as Array<Record<string, string>> | undefined) ?? [])
      need(r.referenceCategory === 'PACKAGE-MANAGER' && r.referenceType === 'purl', `${id} externalRef`)
  }
  for (const r of doc.relationships as Array<Record<string, string>>)
    need(ids.has(r.spdxElementId) && ids.has(r.relatedSpdxElement), `relationship ${JSON.stringify(r)}`)
  return problems
}

const dpkg: Package[] = [
  { name: 'dpkg', version: '1.21.22', arch: 'amd64' },
  { name: 'libc6', version: '2.36-9+deb12u4', arch: 'amd64', source: 'glibc' },
  { name: 'login', version: '1:4.13+dfsg1-1+b1', arch: 'amd64', source: 'shadow' }
]
const bookworm = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n')

function sbomInput(over: Partial<SbomInput> = {}): SbomInput {
  return {
    image: 'web',
    key: 'ab'.repeat(32),
    packageFormat: 'dpkg',
    packages: dpkg,
    os: bookworm,
    addedBy: new Map([
      ['dpkg@1.21.22:amd64', 'minbase'],
      ['libc6@2.36-9+deb12u4:amd64', 'minbase'],
      ['login@1:4.13+dfsg1-1+b1:amd64', 'web']
    ]),
    archives: [{ file: 'image.tar.gz', sha256: 'cd'.repeat(32) }],
    sourceDateEpoch: 1700000000,
    toolVersion: '0.1.0',
    ...over
  }
}

describe('package URLs', () => {
  test('deb: namespace and distro from os-release, epoch kept, + encoded, source as upstream', () => {
    expect(purlOf(dpkg[0], 'dpkg', bookworm)).toBe('pkg:deb/debian/dpkg@1.21.22?arch=amd64&distro=debian-12')
    expect(purlOf(dpkg[2], 'dpkg', bookworm)).toBe(
      'pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12&upstream=shadow'
    )
  })
  test('apk and rpm', () => {
    const alpine = parseOsRelease('ID=alpine\nVERSION_ID=3.19.1\n')
    expect(purlOf({ name: 'musl', version: '1.2.4-r2', arch: 'x86_64' }, 'apk', alpine)).toBe(
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1'
    )
    const rocky = parseOsRelease('ID="rocky"\nVERSION_ID="9.3"\n')
    expect(purlOf({ name: 'bash', version: '5.1.8-6.el9', arch: 'x86_64' }, 'rpm', rocky)).toBe(
      'pkg:rpm/rocky/bash@5.1.8-6.el9?arch=x86_64&distro=rocky-9.3'
    )
  })
  test('the databases give source packages and licences', () => {
    const status =
      'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc (2.36-9)\nVersion: 2.36-9+deb12u4\n'
    expect(parseDpkgStatus(status)).toEqual([
      { name: 'libc6', version: '2.36-9+deb12u4', arch: 'amd64', source: 'glibc' }
    ])
    expect(parseApkInstalled('P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nL:MIT\n')).toEqual([
      { name: 'musl', version: '1.2.4-r2', arch: 'x86_64', source: 'musl', license: 'MIT' }
    ])
  })
})

describe('Debian copyright files', () => {
  const dep5 = (filesStar: string): string =>
    `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: x\n\nFiles: debian/*\nLicense: public-domain\n\n${filesStar}`
  test('the License of the Files: * paragraph of a DEP-5 file; nothing from free text', () => {
    expect(dep5License(dep5('Files: *\nCopyright:\n 1994 Someone\nLicense: GPL-2+\n'))).toBe('GPL-2+')
    expect(dep5License(dep5('Files: *\nLicense: GPL-2+ or Artistic\n With text.\n'))).toBe(
      'GPL-2+ or Artistic'
    )
    expect(dep5License('This is Debian GNU/Linux, licensed under the GPL.\nLicense: GPL\n')).toBeUndefined()
    expect(dep5License(dep5('Files: src/*\nLicense: MIT\n'))).toBeUndefined()
  })
})

describe('SBOM documents', () => {
  const validateCdx = cyclonedxValidator()

  test('CycloneDX 1.5 validates against the published schema, with purls and the chain image of each package', () => {
    const bom = cyclonedxDocument(
      sbomInput({ packages: [...dpkg, { name: 'zlib', version: '1', license: 'GPLv2+' }] })
    )
    expect(validateCdx(bom)).toBe(true)
    expect(validateCdx.errors ?? []).toEqual([])
    const components = bom.components as Array<{ name: string; purl?: string; properties: unknown[] }>
    const dpkgComponent = components.find((c) => c.name === 'dpkg')!
    expect(dpkgComponent.purl).toBe('pkg:deb/debian/dpkg@1.21.22?arch=amd64&distro=debian-12')
    expect(dpkgComponent.properties).toContainEqual({ name: 'kiln:added-by', value: 'minbase' })
    expect(components.find((c) => c.name === 'login')!.properties).toContainEqual({
      name: 'kiln:added-by',
      value: 'web'
    })
    // An origin that could not be told is left out, not guessed.
    expect(components.find((c) => c.name === 'zlib')!.properties).toEqual([])
    expect((bom.metadata as { timestamp: string }).timestamp).toBe('2023-11-14T22:13:20Z')
  })

  test('a document that breaks the schema is caught (the validator is not a no-op)', () => {
    const bom = cyclonedxDocument(sbomInput())
    expect(validateCdx({ ...bom, serialNumber: 'not-a-urn' })).toBe(false)
    expect(validateCdx({ ...bom, components: [{ type: 'library' }] })).toBe(false)
  })

  test('SPDX 2.3: mandatory fields, purl references, DESCRIBES/CONTAINS, the chain image as an annotation', () => {
    const doc = spdxDocument(sbomInput())
    expect(spdxProblems(doc)).toEqual([])
    const pkgs = doc.packages as Array<Record<string, unknown>>
    const libc = pkgs.find((p) => p.name === 'libc6')!
    expect(libc.externalRefs).toEqual([
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc'
      }
    ])
    expect(libc.licenseDeclared).toBe('NOASSERTION')
    expect((libc.annotations as Array<{ comment: string }>)[0].comment).toBe('kiln:added-by=minbase')
    expect((doc.creationInfo as { created: string }).created).toBe('2023-11-14T22:13:20Z')
    expect(pkgs.find((p) => p.name === 'image.tar.gz')!.checksums).toEqual([
      { algorithm: 'SHA256', checksumValue: 'cd'.repeat(32) }
    ])
    // The checker itself catches a bad document.
    expect(
      spdxProblems({ ...doc, relationships: [{ spdxElementId: 'SPDXRef-x', relatedSpdxElement: 'y' }] })
    ).not.toEqual([])
  })

  test('deterministic: the same input gives the same bytes, in any package order', () => {
    const a = JSON.stringify(spdxDocument(sbomInput()))
    const b = JSON.stringify(spdxDocument(sbomInput({ packages: [...dpkg].reverse() })))
    expect(b).toBe(a)
    expect(JSON.stringify(cyclonedxDocument(sbomInput({ packages: [...dpkg].reverse() })))).toBe(
      JSON.stringify(cyclonedxDocument(sbomInput()))
    )
  })
})

describe('provenance', () => {
  const ctx: ProvenanceContext = {
    spec: { name: 'web', builder: 'dockerfile', base: { kind: 'image', name: 'minbase' } },
    key: 'ab'.repeat(32),
    inputs: [
      { kind: 'builder', name: 'dockerfile@2', digest: `sha256:${'01'.repeat(32)}` },
      { kind: 'file', name: 'web/Dockerfile', digest: `sha256:${'02'.repeat(32)}` },
      { kind: 'context', name: 'web', digest: `sha256:${'03'.repeat(32)}` },
      { kind: 'base', name: 'minbase', digest: `sha256:${'04'.repeat(32)}` }
    ],
    ancestors: [{ name: 'minbase', key: '04'.repeat(32), manifestDigest: `sha256:${'05'.repeat(32)}` }],
    baseSources: [{ name: 'bootstrap', uri: 'mmdebstrap:bookworm', annotations: { suite: 'bookworm' } }],
    kilnVersion: '0.1.0',
    toolVersions: { docker: '24.0.7' },
    invocationId: 'run-1',
    startedOn: '2026-01-01T00:00:00.000Z'
  }

  test('an in-toto v1 statement with a SLSA v1 predicate: subjects, parameters, dependencies, run details', () => {
    const st = provenanceStatement(
      'web',
      [
        { file: 'kernel.tar.gz', sha256: 'ee'.repeat(32) },
        { file: 'image.tar.gz', sha256: 'ff'.repeat(32) }
      ],
      ctx,
      '2026-01-01T00:01:00.000Z'
    ) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(st._type).toBe('https://in-toto.io/Statement/v1')
    expect(st.predicateType).toBe('https://slsa.dev/provenance/v1')
    expect(st.subject).toEqual([
      { name: 'web/image.tar.gz', digest: { sha256: 'ff'.repeat(32) } },
      { name: 'web/kernel.tar.gz', digest: { sha256: 'ee'.repeat(32) } }
    ])
    const bd = st.predicate.buildDefinition
    expect(Object.keys(bd).sort()).toEqual([
      'buildType',
      'externalParameters',
      'internalParameters',
      'resolvedDependencies'
    ])
    expect(bd.externalParameters.image).toEqual(ctx.spec)
    expect(bd.internalParameters.key).toBe(ctx.key)
    const deps = bd.resolvedDependencies as Array<{
      name: string
      uri?: string
      digest?: Record<string, string>
    }>
    // Every dependency can be told apart: a uri or a digest (the ResourceDescriptor rule).
    for (const d of deps) expect(d.uri ?? d.digest).toBeDefined()
    expect(deps.find((d) => d.name === 'web/Dockerfile')!.digest).toEqual({ sha256: '02'.repeat(32) })
    expect(deps.find((d) => d.name === 'web')!.digest).toEqual({ kilnInputSha256: '03'.repeat(32) })
    // The base image appears once, as a chain image with its manifest digest and key.
    expect(deps.filter((d) => d.name === 'minbase')).toEqual([
      {
        name: 'minbase',
        uri: 'kiln-image:minbase',
        digest: { sha256: '05'.repeat(32) },
        annotations: { kind: 'chain-image', key: '04'.repeat(32) }
      }
    ])
    expect(deps.find((d) => d.name === 'bootstrap')!.uri).toBe('mmdebstrap:bookworm')
    const rd = st.predicate.runDetails
    expect(rd.builder.version).toEqual({ kiln: '0.1.0', docker: '24.0.7' })
    expect(rd.metadata).toEqual({
      invocationId: 'run-1',
      startedOn: '2026-01-01T00:00:00.000Z',
      finishedOn: '2026-01-01T00:01:00.000Z'
    })
  })

  test('the GitHub run URL only when the runner says where it runs', () => {
    expect(githubRunUrl({})).toBeUndefined()
    expect(
      githubRunUrl({
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '2'
      })
    ).toBe('https://github.com/o/r/actions/runs/42/attempts/2')
  })
})

describe('export writes the documents', () => {
  let s: Scratch
  beforeEach(() => {
    s = new Scratch()
  })
  afterEach(() => s.cleanup())

  const status = (pkgs: Array<[string, string]>): string =>
    pkgs
      .map(([n, v]) => `Package: ${n}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${v}\n`)
      .join('\n')
  const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex')

  async function chain(): Promise<Awaited<ReturnType<Scratch['layers']>>> {
    const base: Member[] = [
      { name: 'etc/' },
      { name: 'usr/' },
      { name: 'usr/lib/' },
      { name: 'usr/lib/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
      // Absolute: resolved inside the image, never on the host.
      { name: 'etc/os-release', type: 'symlink', linkname: '/usr/lib/os-release' },
      { name: 'var/' },
      { name: 'var/lib/' },
      { name: 'var/lib/dpkg/' },
      {
        name: 'var/lib/dpkg/status',
        content: status([
          ['base-files', '12.4'],
          ['dpkg', '1.21.22'],
          ['old', '1']
        ])
      }
    ]
    const child: Member[] = [
      {
        name: 'var/lib/dpkg/status',
        content: status([
          ['base-files', '12.4'],
          ['dpkg', '1.21.23'],
          ['curl', '7.88']
        ])
      }
    ]
    const layers = await s.layers(base, child)
    layers[0].digest = `sha256:${'10'.repeat(32)}`
    layers[1].digest = `sha256:${'11'.repeat(32)}`
    return layers
  }

  test('SBOMs and provenance next to the archives, in SHA256SUMS and manifest.json, packages attributed along the chain', async () => {
    const layers = await chain()
    const r = await exportImage({
      layers,
      outDir: s.dir,
      name: 'web',
      key: 'ab'.repeat(32),
      exports: ['rootfs'],
      compression: 'gzip',
      sourceDateEpoch: 1700000000,
      sbomFormat: 'both',
      ancestors: [{ name: 'minbase', key: '0'.repeat(64), layers: [layers[0].digest!] }],
      provenance: {
        spec: { name: 'web' },
        key: 'ab'.repeat(32),
        inputs: [],
        ancestors: [{ name: 'minbase', key: '0'.repeat(64) }],
        baseSources: [],
        kilnVersion: '0.1.0',
        toolVersions: {},
        invocationId: 'i',
        startedOn: '2026-01-01T00:00:00.000Z'
      }
    })
    const dir = join(s.dir, 'web')
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
    for (const f of [
      'image.tar.gz',
      'manifest.json',
      'sbom.spdx.json',
      'sbom.cdx.json',
      'provenance.intoto.json'
    ])
      expect(sums).toContain(`${sha(join(dir, f))}  ${f}\n`)
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { documents: unknown[] }
    expect(manifest.documents).toEqual(r.documents)
    expect(r.documents.map((d) => d.file).sort()).toEqual([
      'provenance.intoto.json',
      'sbom.cdx.json',
      'sbom.spdx.json'
    ])

    const bom = JSON.parse(readFileSync(join(dir, 'sbom.cdx.json'), 'utf8')) as {
      components: Array<{ name: string; purl: string; properties: Array<{ name: string; value: string }> }>
    }
    const addedBy = Object.fromEntries(
      bom.components.map((c) => [c.name, c.properties.find((p) => p.name === 'kiln:added-by')!.value])
    )
    // base-files is unchanged since minbase; dpkg was upgraded and curl added by web; old was removed.
    expect(addedBy).toEqual({ 'base-files': 'minbase', dpkg: 'web', curl: 'web' })
    expect(bom.components.find((c) => c.name === 'dpkg')!.purl).toBe(
      'pkg:deb/debian/dpkg@1.21.23?arch=amd64&distro=debian-12'
    )
    // Between minbase and web, an image whose layers are not the bottom of web's (a Packer commit,
    // say): what minbase had is still minbase's; what came after it may be that image's or web's.
    await exportImage({
      layers,
      outDir: s.dir,
      name: 'web2',
      exports: ['rootfs'],
      compression: 'gzip',
      sbomFormat: 'cyclonedx',
      ancestors: [
        { name: 'repacked', layers: [`sha256:${'99'.repeat(32)}`] },
        { name: 'minbase', layers: [layers[0].digest!] }
      ]
    })
    const bom2 = JSON.parse(readFileSync(join(s.dir, 'web2', 'sbom.cdx.json'), 'utf8')) as typeof bom
    expect(
      Object.fromEntries(
        bom2.components.map((c) => [
          c.name,
          c.properties.find((p) => p.name === 'kiln:added-by')?.value ?? null
        ])
      )
    ).toEqual({ 'base-files': 'minbase', dpkg: null, curl: null })
    const st = JSON.parse(readFileSync(join(dir, 'provenance.intoto.json'), 'utf8')) as {
      subject: Array<{ name: string; digest: { sha256: string } }>
    }
    expect(st.subject).toEqual([
      { name: 'web/image.tar.gz', digest: { sha256: sha(join(dir, 'image.tar.gz')) } }
    ])
  })

  test('a later export with another format leaves no stale SBOM nor a signature of the old SHA256SUMS', async () => {
    const layers = await chain()
    const base = {
      layers,
      outDir: s.dir,
      name: 'web',
      exports: ['rootfs' as const],
      compression: 'gzip' as const
    }
    await exportImage({ ...base, sbomFormat: 'cyclonedx' })
    const dir = join(s.dir, 'web')
    expect(existsSync(join(dir, 'sbom.cdx.json'))).toBe(true)
    writeFileSync(join(dir, 'SHA256SUMS.asc'), 'old signature')
    await exportImage({ ...base, sbomFormat: 'spdx' })
    expect(existsSync(join(dir, 'sbom.cdx.json'))).toBe(false)
    expect(existsSync(join(dir, 'SHA256SUMS.asc'))).toBe(false)
    expect(existsSync(join(dir, 'sbom.spdx.json'))).toBe(true)
    // No build context: no provenance claimed.
    expect(existsSync(join(dir, 'provenance.intoto.json'))).toBe(false)
    await exportImage({ ...base, sbomFormat: 'none' })
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).not.toContain('sbom')
  })

  test('os-release is read inside the image: a symlink out of it reaches nothing of the host, a loop ends', async () => {
    const dpkgOnly: Member[] = [
      { name: 'var/' },
      { name: 'var/lib/' },
      { name: 'var/lib/dpkg/' },
      { name: 'var/lib/dpkg/status', content: status([['dpkg', '1.21.22']]) },
      { name: 'etc/' }
    ]
    for (const linkname of ['/../../../../etc/os-release', '../../../../usr/lib/os-release', 'os-release']) {
      const layers = await s.layers([...dpkgOnly, { name: 'etc/os-release', type: 'symlink', linkname }])
      const name = `x${createHash('sha256').update(linkname).digest('hex').slice(0, 8)}`
      await exportImage({
        layers,
        outDir: s.dir,
        name,
        exports: ['rootfs'],
        compression: 'gzip',
        sbomFormat: 'cyclonedx'
      })
      const bom = JSON.parse(readFileSync(join(s.dir, name, 'sbom.cdx.json'), 'utf8')) as {
        components: Array<{ purl: string }>
      }
      // The host's /etc/os-release (Debian here) would have given a namespace and a distro.
      expect(bom.components.map((c) => c.purl)).toEqual(['pkg:deb/dpkg@1.21.22?arch=amd64'])
    }
  })
})
