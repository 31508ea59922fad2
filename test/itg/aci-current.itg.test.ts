// aci-packer's current format (steps keyed "step") on the minbase fixture, every step of it:
// image (a project tarball), symlink, copy (from the base image, which plays aci-packer's
// host), ld.so.cache, setup_chroot, cmd, shell, write, mkdir and delete. The image is then
// run with `kiln run IMAGE -- …` to show what each step left, and image.aci is opened.
// Then the faults a user meets: an image symlink that points out of the root (nothing
// is written outside), an unreachable URL, a build-host program that is not there.
import { spawn } from 'node:child_process'
import { cp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { aciBuilder } from '../../src/builders/aci/index.js'
import type { BuildResult } from '../../src/builders/types.js'
import type { Store } from '../../src/store/types.js'
import { run } from '../../src/util/exec.js'
import { context, save, spec, storeWithMinbase, tempDir } from './overlay-helpers.js'

let dir: string
let project: string
let store: Store
let result: BuildResult

/** A tarball of `files` (path → content, or `{ link }`) made with numeric root owners. */
async function tarball(dest: string, files: Record<string, string | { link: string }>): Promise<void> {
  const src = join(dir, `tar-src-${Math.random().toString(36).slice(2)}`)
  for (const [p, v] of Object.entries(files)) {
    await mkdir(join(src, p, '..'), { recursive: true })
    if (typeof v === 'string') await writeFile(join(src, p), v)
    else await symlink(v.link, join(src, p))
  }
  await run('tar', ['-C', src, '--numeric-owner', '--owner=0', '--group=0', '-cf', dest, '.'])
}

beforeAll(async () => {
  dir = await tempDir('aci-current')
  project = join(dir, 'project')
  await cp(join(process.cwd(), 'test/fixtures/aci'), project, { recursive: true })
  await tarball(join(project, 'seed.tar'), {
    'etc/seed.txt': 'seeded\n',
    'etc/seed-gone.txt': 'to be deleted\n'
  })
  const { store: s, base } = await storeWithMinbase(dir)
  store = s
  const node = spec('current', { builder: 'aci', file: 'current.json', args: { compression: 'bzip2' } })
  result = await aciBuilder.build(context(store, project, node, base, join(dir, 'work')))
  await save(store, 'current', result)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** `kiln run --store … IMAGE -- argv`, as a user types it. */
async function kilnRun(
  image: string,
  argv: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  const cli = join(process.cwd(), 'src/adapters/cli/index.ts')
  const args = ['--import', 'tsx', cli, 'run', '--store', join(dir, 'store'), image, '--', ...argv]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
  return { code, out, err }
}

describe('aci builder, current format', () => {
  test('kiln run shows what write, cmd, shell, copy, symlink and mkdir made, and that delete removed', async () => {
    const script = [
      'cat /etc/greeting /hello.out /etc/shell.out /opt/tool.txt /etc/seed.txt',
      'stat -c "%a %u:%g %n" /var/lib/app/data /srv /srv/private',
      'echo links: $(cd / && stat -c %N bin usr/bin/sh)',
      'for f in /usr/bin/ls /srv/tmp /etc/seed-gone.txt /usr/bin/apt-get /usr/lib/apt/methods/ftp; do [ -e $f ] && echo "still there: $f"; done',
      '[ -x /usr/lib/apt/methods/http ] && [ -s /etc/ld.so.cache ] && echo "methods and cache"',
      'sh -c "echo dash runs"'
    ].join('; ')
    const r = await kilnRun('current', ['bash', '-c', script])
    expect(r).toEqual({
      code: 0,
      err: '',
      out: [
        'hello from write',
        'hello from-cmd',
        'shell: HOME=unset ROOTFS=set',
        'a project file',
        'seeded',
        '755 0:0 /var/lib/app/data',
        '755 0:0 /srv',
        '700 65534:65534 /srv/private',
        "links: 'bin' -> 'usr/bin' 'usr/bin/sh' -> 'dash'",
        'methods and cache',
        'dash runs',
        ''
      ].join('\n')
    })
  })

  test('image.aci holds manifest and rootfs/ only: no base image beyond what was copied', async () => {
    const aci = result.artifacts?.['image.aci'] as string
    const names = (await run('tar', ['-tjf', aci])).stdout.split('\n').filter(Boolean)
    expect(new Set(names.map((n) => n.split('/')[0]))).toEqual(new Set(['manifest', 'rootfs']))
    expect(names).toEqual(expect.arrayContaining(['manifest', 'rootfs/etc/greeting', 'rootfs/usr/bin/bash']))
    expect(names.filter((n) => /usr\/bin\/(apt-get|ls)$|etc\/passwd$/.test(n))).toEqual([])
    const m = JSON.parse((await run('tar', ['-xjOf', aci, 'manifest'])).stdout) as Record<string, unknown>
    expect(m).toMatchObject({ acKind: 'ImageManifest', name: 'example.com/current' })
    expect(m.labels).toEqual([
      { name: 'os', value: 'linux' },
      { name: 'arch', value: 'amd64' },
      { name: 'version', value: '2.0.0' }
    ])
    // ld.so.cache's cache lists the copied libraries (read by the host's ldconfig).
    const out = join(dir, 'aci-out')
    await mkdir(out)
    await run('tar', ['-xjf', aci, '-C', out, 'rootfs/etc/ld.so.cache'])
    const { stdout } = await run('/sbin/ldconfig', ['-p', '-C', join(out, 'rootfs/etc/ld.so.cache')])
    expect(stdout).toMatch(/libc\.so\.6 .*=> \/(usr\/)?lib\/x86_64-linux-gnu\/libc\.so\.6/)
    expect(stdout).toMatch(/libapt-pkg\.so/)
  })
})

describe('aci builder, faults', () => {
  const build = async (
    name: string,
    steps: unknown[],
    files: Record<string, string> = {}
  ): Promise<unknown> => {
    const p = join(dir, `p-${name}`)
    await mkdir(p, { recursive: true })
    for (const [f, text] of Object.entries(files)) await writeFile(join(p, f), text)
    await writeFile(
      join(p, 'm.json'),
      JSON.stringify({ name: `example.com/${name}`, '-aci-packer-build-steps-': steps })
    )
    const node = spec(name, { builder: 'aci', file: 'm.json', base: { kind: 'scratch' } })
    return aciBuilder.build(context(store, p, node, null, join(dir, `work-${name}`))).then(
      () => 'built',
      (e: unknown) => (e as Error).message
    )
  }

  test('an image symlink pointing out of the root never leads a step outside it', async () => {
    const canary = join(dir, 'canary')
    await mkdir(canary)
    const p = join(dir, 'p-escape')
    await mkdir(p, { recursive: true })
    // Absolute and relative links to the host directory, as a hostile tarball ships them.
    await tarball(join(p, 'evil.tar'), {
      abs: { link: canary },
      rel: { link: `../../../../../../../../..${canary}` },
      'etc/victim': 'in the image\n'
    })
    await mkdir(join(p, 'notes'))
    await writeFile(join(p, 'notes', 'n1'), 'n1\n')
    const r = await build(
      'escape',
      [
        { step: 'image', path: 'evil.tar' },
        { step: 'write', path: '/abs/written', contents: 'x' },
        { step: 'write', path: '/rel/written', contents: 'x' },
        { step: 'mkdir', dirs: ['/abs/made/deep', '/rel/made'] },
        { step: 'symlink', links: [['/etc/victim', '/abs/linked']] },
        { step: 'copy', files: [['note.txt', '/rel/copied']] },
        // A directory copied onto the link itself: merged through it, inside the root.
        { step: 'copy', files: [['notes', '/abs']] },
        { step: 'delete', files: ['/abs/../etc/victim'] }
      ],
      { 'note.txt': 'note\n' }
    )
    expect(r).toBe('built')
    expect(await readdir(canary)).toEqual([])
  })

  test('an unreachable URL names the fetch and the network error', async () => {
    // A port nothing listens on: one a server had, then closed.
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    await new Promise((r) => server.close(r))
    const url = `http://127.0.0.1:${port}/root.tar`
    const r = await build('offline', [{ step: 'image', url }])
    expect(r).toBe(`offline: step 0 (image): fetch ${url}: connect ECONNREFUSED 127.0.0.1:${port}`)
  })

  test('a copy_host_files program missing on the build host is said to be missing there', async () => {
    const r = await build('nohost', [{ type: 'copy_host_files', binaries: ['/nonexistent/kiln-tool'] }])
    expect(r).toBe(
      'nohost: step 0 (copy_host_files): /nonexistent/kiln-tool does not exist on the build host'
    )
  })

  test('copy with no base image says where Kiln reads the host files from', async () => {
    const r = await build('nobase', [{ step: 'copy', binaries: ['/usr/bin/bash'] }])
    expect(r).toBe(
      "nobase: step 0 (copy): copy /usr/bin/bash: the node has no base image, which is where Kiln reads aci-packer's host files"
    )
  })
})
