// SBOM, provenance and signed checksums of a real image: the minbase fixture imported (root),
// then an overlay step that changes the dpkg database (child), exported with both SBOM formats
// and a signing key. Checks what a user would: the purl and the chain image of real packages,
// the provenance subjects against sha256sum, `sha256sum -c SHA256SUMS` and `gpg --verify`.
import { execFileSync } from 'node:child_process'
import { link, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPlan } from '../../src/pipeline/run.js'
import { openSigner } from '../../src/exporters/sign.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import { SilentReporter } from '../../src/util/log.js'
import { ensureBase } from '../fixtures/bases.js'
import { makeKey, verify } from '../unit/gpg-helpers.js'
import { cyclonedxValidator } from '../unit/sbom-schemas.js'

const id = `ksc${process.pid}`
let dir: string

beforeAll(async () => {
  const tar = await ensureBase('minbase')
  dir = await mkdtemp('/var/tmp/kiln-itg-sbom-')
  await link(tar, join(dir, 'minbase.tar'))
  const fake = 'Package: kiln-fake\\nStatus: install ok installed\\nArchitecture: all\\nVersion: 1.0-1\\n'
  await writeFile(
    join(dir, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [
        { name: `${id}-root`, base: { tar: 'minbase.tar' }, builder: 'import' },
        {
          name: `${id}-child`,
          base: `${id}-root`,
          builder: 'overlay',
          // A package the child adds, as dpkg would record it.
          run: [['sh', '-c', `printf '\\n${fake}' >> /var/lib/dpkg/status`]],
          exports: ['rootfs']
        }
      ]
    })
  )
}, 30 * 60_000)

afterAll(async () => {
  if (dir && !process.env.KILN_KEEP_TMP) await rm(dir, { recursive: true, force: true })
})

const sh = (cmd: string, args: string[], cwd?: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 })

test(
  'a built chain: SBOMs with purls and chain images, provenance of the archives, checksums that check and are signed',
  async () => {
    const catalog = await loadCatalog(join(dir, 'IMAGES.json'))
    const store = await openStore(join(dir, 'store'))
    const plan = await makePlan(catalog, { targets: [`${id}-child`] }, { storedImage: async () => null })
    const key = makeKey('')
    const signer = await openSigner(key.secret)
    try {
      const report = await buildPlan(plan, {
        store,
        outDir: join(dir, 'out'),
        reporter: new SilentReporter(),
        verify: false,
        sbomFormat: 'both',
        signer,
        sourceDateEpoch: 1700000000
      })
      expect(report.images.map((i) => [i.name, i.status, i.error?.message])).toEqual([
        [`${id}-root`, 'built', undefined],
        [`${id}-child`, 'built', undefined]
      ])
    } finally {
      await signer.close()
    }
    const out = join(dir, 'out', `${id}-child`)

    // Every file SHA256SUMS lists checks, and the signature holds for the public key alone.
    const sums = await readFile(join(out, 'SHA256SUMS'), 'utf8')
    expect(sums).toMatch(/ {2}sbom\.spdx\.json\n/)
    expect(sums).toMatch(/ {2}sbom\.cdx\.json\n/)
    expect(sums).toMatch(/ {2}provenance\.intoto\.json\n/)
    expect(sh('sha256sum', ['-c', 'SHA256SUMS'], out)).not.toMatch(/FAILED/)
    expect(verify(key.public, join(out, 'SHA256SUMS.asc'), join(out, 'SHA256SUMS')).ok).toBe(true)

    // dpkg's version as the image's own status file says (read out of the archive by GNU tar).
    const status = sh('tar', ['-xzOf', join(out, 'image.tar.gz'), './var/lib/dpkg/status'])
    const dpkgVersion = /Package: dpkg\n(?:.+\n)*?Version: (.+)/.exec(status)![1]
    const bom = JSON.parse(await readFile(join(out, 'sbom.cdx.json'), 'utf8')) as {
      components: Array<{
        name: string
        purl: string
        licenses?: unknown
        properties: Array<{ name: string; value: string }>
      }>
    }
    const validate = cyclonedxValidator()
    expect(validate(bom)).toBe(true)
    const addedBy = (name: string): string | undefined =>
      bom.components.find((c) => c.name === name)?.properties.find((p) => p.name === 'kiln:added-by')?.value
    expect(bom.components.find((c) => c.name === 'dpkg')?.purl).toBe(
      `pkg:deb/debian/dpkg@${encodeURIComponent(dpkgVersion)}?arch=amd64&distro=debian-12`
    )
    expect(addedBy('dpkg')).toBe(`${id}-root`)
    // dpkg's copyright file is DEP-5: its licence, in Debian's words.
    expect(bom.components.find((c) => c.name === 'dpkg')?.licenses).toEqual([{ license: { name: 'GPL-2+' } }])
    expect(addedBy('kiln-fake')).toBe(`${id}-child`)
    const spdx = JSON.parse(await readFile(join(out, 'sbom.spdx.json'), 'utf8')) as {
      packages: Array<{ name: string; externalRefs?: Array<{ referenceLocator: string }> }>
    }
    expect(spdx.packages.find((p) => p.name === 'dpkg')?.externalRefs?.[0].referenceLocator).toBe(
      bom.components.find((c) => c.name === 'dpkg')?.purl
    )

    // The provenance names the archive by the digest sha256sum gives, and the chain below it.
    const st = JSON.parse(await readFile(join(out, 'provenance.intoto.json'), 'utf8')) as {
      subject: Array<{ name: string; digest: { sha256: string } }>
      predicate: {
        buildDefinition: {
          internalParameters: { key: string }
          resolvedDependencies: Array<{ name: string }>
        }
      }
    }
    const archiveSha = sh('sha256sum', [join(out, 'image.tar.gz')]).split(' ')[0]
    expect(st.subject).toEqual([{ name: `${id}-child/image.tar.gz`, digest: { sha256: archiveSha } }])
    expect(st.predicate.buildDefinition.internalParameters.key).toBe(plan.images[1].key)
    expect(st.predicate.buildDefinition.resolvedDependencies.map((d) => d.name)).toContain(`${id}-root`)
  },
  30 * 60_000
)
