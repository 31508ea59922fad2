// The boundary between a step and the host: root inside a `run` step of an overlay image
// must not reach the host's files, neither with the classic double-chroot trick nor through
// /proc/1/root; it holds Docker's capabilities only, and cannot mount.
import { randomBytes } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { aciBuilder } from '../../src/builders/aci/index.js'
import { overlayBuilder } from '../../src/builders/overlay.js'
import { runInImage } from '../../src/sandbox/run-image.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import { context, save, spec, storeWithMinbase, tempDir } from './overlay-helpers.js'

let dir: string
let store: Store
let base: StoredImage
const canaries: string[] = []

beforeAll(async () => {
  dir = await tempDir('boundary')
  ;({ store, base } = await storeWithMinbase(dir))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  for (const c of canaries) await rm(c, { recursive: true, force: true })
})

/** A host path in /tmp that no one else uses: one that exists (with known content), one that does not. */
async function hostCanaries(): Promise<{ existing: string; absent: string }> {
  const tag = randomBytes(6).toString('hex')
  const existing = `/tmp/kiln-canary-${tag}-existing`
  const absent = `/tmp/kiln-canary-${tag}-absent`
  canaries.push(existing, absent)
  await writeFile(existing, 'untouched\n')
  return { existing, absent }
}

/** Builds `name` with these run steps; returns the image or null when the build failed. */
async function build(
  name: string,
  mounts: Array<'proc' | 'dev' | 'sys'>,
  run: string[]
): Promise<StoredImage | null> {
  const s = spec(name, { overlay: { mounts, run } })
  try {
    return await save(
      store,
      name,
      await overlayBuilder.build(context(store, dir, s, base, join(dir, `work-${name}`)))
    )
  } catch {
    return null
  }
}

/** What `cat FILE` prints inside the image (null when the file is not there). */
async function catInImage(name: string, file: string): Promise<string | null> {
  const lines: string[] = []
  const r = await runInImage(store, name, ['cat', file], { stdio: 'pipe', onLine: (l) => lines.push(l) })
  return r.exitCode === 0 ? lines.join('\n') : null
}

// Root inside a chroot makes a deeper one, climbs out of it with "..", and chroots to where
// it ended up. With only chroot around the step, that is the host's /.
const DOUBLE_CHROOT = (target: string): string =>
  `mkdir "x"; chroot "x" or die "chroot: $!"; chdir ".." for 1..30; chroot "." or die "chroot .: $!";` +
  ` open(my $f, ">", "${target}") or die "open: $!"; print $f "escaped\\n"; close $f`
const escape = (target: string): string => `perl -e '${DOUBLE_CHROOT(target)}'`

test('the double-chroot escape stays inside the image', async () => {
  const { existing, absent } = await hostCanaries()
  const image = await build('double-chroot', [], [`cd /tmp; ${escape(existing)}; ${escape(absent)}`])
  expect(await readFile(existing, 'utf8')).toBe('untouched\n')
  await expect(readFile(absent)).rejects.toThrow(/ENOENT/)
  // It landed in the image, where a step may write what it likes.
  if (image) {
    expect(await catInImage('double-chroot', existing)).toBe('escaped')
    expect(await catInImage('double-chroot', absent)).toBe('escaped')
  }
})

test('/proc/1/root is the image root, not the host', async () => {
  const { existing, absent } = await hostCanaries()
  const image = await build(
    'proc-root',
    ['proc'],
    [
      `echo escaped > /proc/1/root${existing}; mkdir /proc/1/root${absent} && echo escaped > /proc/1/root${absent}/f`
    ]
  )
  expect(await readFile(existing, 'utf8')).toBe('untouched\n')
  await expect(readFile(absent)).rejects.toThrow(/ENOENT/)
  if (image) {
    expect(await catInImage('proc-root', existing)).toBe('escaped')
    expect(await catInImage('proc-root', `${absent}/f`)).toBe('escaped')
  }
})

test("a step holds Docker's default capabilities only, and cannot mount", async () => {
  // The host's first disk (from its /proc/partitions): a step must not be able to read it.
  const [major, minor] = (await readFile('/proc/partitions', 'utf8'))
    .split('\n')
    .slice(2)
    .find(Boolean)
    ?.trim()
    .split(/\s+/) ?? ['8', '0']
  const image = await build(
    'privileges',
    ['proc', 'dev', 'sys'],
    [
      'grep -E "^Cap(Eff|Prm|Bnd):" /proc/self/status > /caps',
      'if mount -t tmpfs kiln-test /mnt 2>/mount.err; then echo mounted; else echo refused; fi > /mount',
      'if unshare --mount true 2>/dev/null; then echo unshared; else echo refused; fi > /unshare',
      // The host's disks are not there, and cannot be made: the device cgroup refuses them.
      `ls /dev > /devices; if mknod /tmp/disk b ${major} ${minor} 2>/dev/null && head -c1 /tmp/disk >/dev/null 2>&1; then echo opened; else echo refused; fi > /disk`
    ]
  )
  expect(image).not.toBeNull()
  // CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW
  // SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP: bits 0 1 3 4 5 6 7 8 10 13 18 27 29 31.
  const docker = [0, 1, 3, 4, 5, 6, 7, 8, 10, 13, 18, 27, 29, 31].reduce((m, b) => m | (1n << BigInt(b)), 0n)
  const hex = docker.toString(16).padStart(16, '0')
  expect(await catInImage('privileges', '/caps')).toBe(`CapPrm:\t${hex}\nCapEff:\t${hex}\nCapBnd:\t${hex}`)
  expect(await catInImage('privileges', '/mount')).toBe('refused')
  expect(await catInImage('privileges', '/unshare')).toBe('refused')
  expect(await catInImage('privileges', '/disk')).toBe('refused')
  expect((await catInImage('privileges', '/devices'))?.split('\n')).toEqual(
    expect.arrayContaining(['null', 'zero', 'full', 'random', 'urandom', 'tty', 'pts', 'shm'])
  )
})

test('other users of the host cannot reach unpacked layers (setuid binaries, devices)', async () => {
  const { chmod, mkdir } = await import('node:fs/promises')
  const { spawnSync } = await import('node:child_process')
  const { unpackLayers } = await import('../../src/sandbox/unpacked.js')
  const cache = join(dir, 'cache')
  // A cache an older Kiln made world-readable (in a directory others can go through).
  await chmod(dir, 0o755)
  await mkdir(join(cache, 'layers'), { recursive: true })
  await chmod(cache, 0o755)
  await chmod(join(cache, 'layers'), 0o755)
  const [layer] = await unpackLayers(base.layers, cache)
  const asNobody = spawnSync(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', 'stat', join(layer as string, 'etc/passwd')],
    {
      encoding: 'utf8'
    }
  )
  expect(asNobody.status).not.toBe(0)
  expect(asNobody.stderr).toMatch(/Permission denied/)
})

test('ACI cmd and ansible steps: the double-chroot escape stays inside the image', async () => {
  const cmd = await hostCanaries()
  const ansible = await hostCanaries()
  await writeFile(
    join(dir, 'playbook.yml'),
    `- hosts: aci
  gather_facts: false
  tasks:
    - ansible.builtin.raw: ${JSON.stringify(`cd /tmp && ${escape(ansible.existing)}`)}
    - ansible.builtin.raw: "grep ^CapEff /proc/self/status > /ansible-caps"
`
  )
  await writeFile(
    join(dir, 'escape.json'),
    JSON.stringify({
      name: 'example.com/escape',
      app: { exec: ['/bin/sh'], user: 'root', group: 'root' },
      '-aci-packer-build-steps-': [
        { step: 'image', from: 'base' },
        {
          step: 'cmd',
          copy: false,
          path: '/usr/bin/perl',
          args: ['-e', `chdir "/tmp"; ${DOUBLE_CHROOT(cmd.existing)}`]
        },
        { step: 'ansible', playbook: 'playbook.yml' }
      ]
    })
  )
  const node = spec('aci-escape', { builder: 'aci', file: 'escape.json', args: { compression: 'none' } })
  const built = await aciBuilder
    .build(context(store, dir, node, base, join(dir, 'work-aci')))
    .then((r) => save(store, 'aci-escape', r))
    .catch(() => null)
  for (const c of [cmd, ansible]) {
    expect(await readFile(c.existing, 'utf8')).toBe('untouched\n')
    await expect(readFile(c.absent)).rejects.toThrow(/ENOENT/)
  }
  expect(built).not.toBeNull()
  expect(await catInImage('aci-escape', cmd.existing)).toBe('escaped')
  expect(await catInImage('aci-escape', ansible.existing)).toBe('escaped')
  expect(await catInImage('aci-escape', '/ansible-caps')).toBe('CapEff:\t00000000a80425fb')
})
