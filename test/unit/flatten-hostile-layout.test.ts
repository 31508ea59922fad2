// `kiln flatten -i DIR` on an OCI layout whose descriptors carry hostile digests: the digest
// would become a path out of the layout and read host files into the output. The kiln binary
// runs in a child process (through tsx), as a user runs it.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path, { join } from 'node:path'
import { execa } from 'execa'
import { makeTar } from './store-helpers.js'

const repo = path.resolve('.')
const tsx = join(repo, 'node_modules/.bin/tsx')
const cli = join(repo, 'src/adapters/cli/index.ts')
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-hostile-layout-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A layout whose index names a manifest by `manifestDigest`, the manifest a layer by `layerDigest`. */
function layout(
  manifestDigest: (m: string) => string,
  layerDigest: (l: string) => string,
  layer: Buffer
): string {
  const root = join(dir, 'layout')
  mkdirSync(join(root, 'blobs', 'sha256'), { recursive: true })
  writeFileSync(join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(join(root, 'blobs', 'sha256', sha(layer)), layer)
  const manifest = JSON.stringify({
    schemaVersion: 2,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: `sha256:${'0'.repeat(64)}`,
      size: 2
    },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: layerDigest(sha(layer)),
        size: layer.length
      }
    ]
  })
  writeFileSync(join(root, 'blobs', 'sha256', sha(manifest)), manifest)
  writeFileSync(
    join(root, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifestDigest(sha(manifest)),
          size: manifest.length
        }
      ]
    })
  )
  return root
}

async function flatten(input: string, output: string) {
  const r = await execa(tsx, [cli, 'flatten', '-i', input, '-o', output, '--compress', 'none'], {
    reject: false,
    env: { NO_COLOR: '1' }
  })
  return { code: r.exitCode, stderr: String(r.stderr) }
}

test('a layer digest that climbs out of the layout is refused (exit 2), no host file is read', async () => {
  // A host file outside the layout, shaped like a layer, that the digest points at.
  writeFileSync(
    join(dir, 'host-secret.tar'),
    await makeTar([{ name: 'etc/shadow', body: 'HOST-SECRET-CANARY' }])
  )
  const benign = await makeTar([{ name: 'etc/hostname', body: 'image\n' }])
  const root = layout(
    (m) => `sha256:${m}`,
    () => 'sha256:../../../host-secret.tar',
    benign
  )
  const out = join(dir, 'out.tar')
  const r = await flatten(root, out)
  expect(r.code).toBe(2)
  expect(r.stderr).toMatch(/layers\[0\]\.digest: "sha256:\.\.\/\.\.\/\.\.\/host-secret\.tar": not a digest/)
  expect(r.stderr).not.toMatch(/TypeError|\n\s+at /)
  expect(existsSync(out)).toBe(false)
})

test('a manifest digest that climbs out of the layout is refused (exit 2), no host file is read', async () => {
  const secret = await makeTar([{ name: 'etc/shadow', body: 'HOST-SECRET-CANARY' }])
  writeFileSync(join(dir, 'host-secret.tar'), secret)
  // A host "manifest" naming the host tar by its real digest, placed where the climb lands.
  writeFileSync(
    join(dir, 'host-manifest.json'),
    JSON.stringify({
      schemaVersion: 2,
      config: { digest: `sha256:${'0'.repeat(64)}` },
      layers: [{ digest: `sha256:${sha(secret)}`, size: secret.length }]
    })
  )
  mkdirSync(join(dir, 'layout', 'blobs', 'sha256'), { recursive: true })
  writeFileSync(join(dir, 'layout', 'blobs', 'sha256', sha(secret)), secret)
  const root = layout(
    () => 'sha256:../../../host-manifest.json',
    (l) => `sha256:${l}`,
    Buffer.from('unused')
  )
  const out = join(dir, 'out.tar')
  const r = await flatten(root, out)
  expect(r.code).toBe(2)
  expect(r.stderr).toMatch(
    /index\.json: manifests\[0\]\.digest: "sha256:\.\.\/\.\.\/\.\.\/host-manifest\.json": not a digest/
  )
  expect(existsSync(out)).toBe(false)
})

test('a layer that does not hash to its digest fails (exit 1) naming the blob, and writes nothing', async () => {
  const good = await makeTar([{ name: 'etc/hostname', body: 'image\n'.repeat(200) }])
  const root = layout(
    (m) => `sha256:${m}`,
    (l) => `sha256:${l}`,
    good
  )
  const blob = join(root, 'blobs', 'sha256', sha(good))
  const bytes = readFileSync(blob)
  bytes[600] ^= 0x01 // inside the file's data: still a valid tar
  writeFileSync(blob, bytes)
  const out = join(dir, 'out.tar')
  const r = await flatten(root, out)
  expect(r.code).toBe(1)
  expect(r.stderr).toContain(`blob sha256:${sha(good)}`)
  expect(r.stderr).toMatch(/is corrupt: its content hashes to sha256:/)
  expect(existsSync(out)).toBe(false)
})
