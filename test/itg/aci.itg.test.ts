// aci-packer's bash + busybox example on the minbase fixture: apt-get in a `cmd` step,
// an ansible playbook through the chroot connection, a copied script, then `extract`
// down to the two programs and their libraries (read from the image's own ELF files).
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { aciBuilder } from '../../src/builders/aci/index.js'
import { aciArchiveFromImage } from '../../src/builders/aci/archive.js'
import type { BuildResult } from '../../src/builders/types.js'
import { runInImage } from '../../src/sandbox/run-image.js'
import type { Store } from '../../src/store/types.js'
import { run } from '../../src/util/exec.js'
import { context, save, spec, storeWithMinbase, tempDir } from './overlay-helpers.js'

let dir: string
let store: Store
let result: BuildResult

beforeAll(async () => {
  dir = await tempDir('aci')
  const { store: s, base } = await storeWithMinbase(dir)
  store = s
  const root = join(process.cwd(), 'test/fixtures/aci')
  const node = spec('bash-busybox', {
    builder: 'aci',
    file: 'bash-busybox.json',
    args: { compression: 'zstd' }
  })
  result = await aciBuilder.build(context(store, root, node, base, join(dir, 'work')))
  await save(store, 'bash-busybox', result)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const inImage = async (argv: string[]): Promise<{ code: number; lines: string[] }> => {
  const lines: string[] = []
  const r = await runInImage(store, 'bash-busybox', argv, { stdio: 'pipe', onLine: (l) => lines.push(l) })
  return { code: r.exitCode, lines }
}

describe('aci builder', () => {
  test('image.aci holds manifest and rootfs/, with the manifest merged onto the defaults', async () => {
    const aci = result.artifacts?.['image.aci'] as string
    const { stdout } = await run('tar', ['--zstd', '-tf', aci])
    const names = stdout.split('\n')
    expect(names).toContain('manifest')
    expect(names).toContain('rootfs/usr/bin/bash')
    expect(names.length).toBeLessThan(80)
    await run('tar', ['--zstd', '-xf', aci, '-C', dir, 'manifest'])
    const m = JSON.parse(await readFile(join(dir, 'manifest'), 'utf8')) as Record<string, unknown>
    expect(m).toMatchObject({
      acKind: 'ImageManifest',
      acVersion: '0.8.11',
      name: 'example.com/bash-busybox'
    })
    expect(m.labels).toEqual([
      { name: 'os', value: 'linux' },
      { name: 'arch', value: 'amd64' },
      { name: 'version', value: '1.0.0' }
    ])
    expect(m['-aci-packer-build-steps-']).toBeUndefined()
  })

  test('the extracted programs still run, and only they (and what was kept) are left', async () => {
    expect(await inImage(['bash', '-c', 'echo ok'])).toEqual({ code: 0, lines: ['ok'] })
    const ls = await inImage(['busybox', 'ls', '/'])
    expect(ls.code).toBe(0)
    expect(ls.lines.join(' ')).toMatch(/\busr\b/)
    expect(
      await inImage([
        'bash',
        '-c',
        'for f in /usr/bin/apt-get /usr/bin/dpkg /usr/bin/python3 /usr/sbin/policy-rc.d; do [ -e $f ] && echo $f; done; echo $ACI'
      ])
    ).toEqual({
      code: 0,
      lines: ['yes']
    })
  })

  test('the ansible playbook and the copied script did their work', async () => {
    expect(await inImage(['busybox', 'cat', '/etc/kiln-aci.conf', '/hello.out'])).toEqual({
      code: 0,
      lines: ['greeting=hello', 'managed=ansible', 'hello from-cmd']
    })
  })

  test('kiln run passes stdio and the exit status through', async () => {
    const cli = join(process.cwd(), 'src/adapters/cli/index.ts')
    const argv = [
      '--import',
      'tsx',
      cli,
      'run',
      '--store',
      join(dir, 'store'),
      '--mount',
      'proc',
      'bash-busybox',
      '--',
      'bash',
      '-c',
      'echo "ok $ACI"; busybox cat /proc/1/comm; exit 7'
    ]
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
    // PID 1 of the command's PID namespace is the command itself (runc starts it as the
    // container's init), neither the host's init nor a driver outside the image.
    expect({ code, out }).toEqual({ code: 7, out: 'ok yes\nbash\n' })
  })

  test('the store image is one layer with the app as its entrypoint', async () => {
    const img = await store.getImage('bash-busybox')
    expect(img?.layers).toHaveLength(1)
    expect(img?.config.config?.Entrypoint).toEqual(['/bin/bash'])
    expect(img?.config.config?.Env).toEqual(['ACI=yes'])
  })

  test('image.aci made again from the stored image (a reused build) holds what the build wrote', async () => {
    const img = await store.getImage('bash-busybox')
    const again = join(dir, 'again.aci')
    const root = join(process.cwd(), 'test/fixtures/aci')
    const node = spec('bash-busybox', {
      builder: 'aci',
      file: 'bash-busybox.json',
      args: { compression: 'zstd' }
    })
    await aciArchiveFromImage(root, node, img!, dir, again)
    const list = async (f: string): Promise<string[]> =>
      (await run('tar', ['--zstd', '-tvf', f, '--numeric-owner'])).stdout
        .split('\n')
        .filter(Boolean)
        // mode, owner, size and name; not the times of the directories the build created
        .map((l) => {
          const w = l.split(/\s+/)
          return [w[0], w[1], w[2], ...w.slice(5)].join(' ')
        })
        .sort()
    expect(await list(again)).toEqual(await list(result.artifacts?.['image.aci'] as string))
    const manifest = async (f: string): Promise<string> =>
      (await run('tar', ['--zstd', '-xOf', f, 'manifest'])).stdout
    expect(await manifest(again)).toBe(await manifest(result.artifacts?.['image.aci'] as string))
  })
})
