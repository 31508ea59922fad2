/**
 * The oracle: real multi-layer images built by the Docker engine (deletes, opaque
 * directories, hardlinks across layers with replaced and deleted targets, symlinks,
 * devices, setuid, file capabilities, type swaps), `docker save`d and flattened by Kiln,
 * must match `docker export` of a container of the same image member for member.
 */
import { createHash } from 'node:crypto'
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import tarStream from 'tar-stream'
import { exportImage } from '../../src/exporters/export.js'
import { flatten, planLayers } from '../../src/exporters/flatten.js'
import { resolveInput } from '../../src/exporters/inputs.js'
import { run, tryRun } from '../../src/util/exec.js'
import { baseImage, ensureBase } from '../fixtures/bases.js'

const ID = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`
const images: string[] = []
let work: string

/**
 * What docker export adds or changes and a pure flatten does not, so left out of the
 * comparison: /.dockerenv (marker file), /etc/hosts, /etc/hostname, /etc/resolv.conf (the
 * engine's bind-mount targets, created empty in the container layer), /etc/mtab (a
 * symlink the engine adds), /dev/console (turned into an empty file), /dev/pts and
 * /dev/shm (mount points the engine creates). The root directory itself is compared by
 * the unit tests: docker export does not write a member for it.
 */
const IGNORED = new Set([
  '',
  '.dockerenv',
  'etc/hosts',
  'etc/hostname',
  'etc/resolv.conf',
  'etc/mtab',
  'dev/console',
  'dev/pts',
  'dev/shm'
])
/** Directories whose metadata the engine touches when it prepares the container (mount points). */
const TOUCHED_DIRS = new Set(['dev', 'etc', 'proc', 'sys'])

interface Member {
  type: string
  mode: number
  uid: number
  gid: number
  link?: string
  sha?: string
  cap?: string
}

/** Every member of a tar (plain or gzip) with a digest of its content; hardlinks take their target's digest. */
async function inventory(
  path: string
): Promise<{ members: Map<string, Member>; groups: Set<string>; order: string[] }> {
  const members = new Map<string, Member>()
  const linkOf = new Map<string, string>()
  const order: string[] = []
  const ex = tarStream.extract()
  const norm = (n: string): string => n.replace(/^\.?\/+/, '').replace(/\/+$/, '')
  ex.on('entry', (h, stream, next) => {
    const name = norm(h.name)
    order.push(name)
    const hash = createHash('sha256')
    stream.on('data', (c: unknown) => void hash.update(c as Buffer))
    stream.on('end', () => {
      const pax = (h as { pax?: Record<string, string> }).pax ?? {}
      const cap = pax['SCHILY.xattr.security.capability']
      // tar-stream leaves PAX uid/gid (ids above 2097151) to the caller.
      const uid = pax.uid !== undefined ? Number(pax.uid) : (h.uid ?? 0)
      const gid = pax.gid !== undefined ? Number(pax.gid) : (h.gid ?? 0)
      const m: Member = { type: String(h.type), mode: (h.mode ?? 0) & 0o7777, uid, gid }
      if (h.type === 'symlink') m.link = h.linkname ?? ''
      if (h.type === 'file' || h.type === 'contiguous-file') m.sha = hash.digest('hex')
      if (cap !== undefined) m.cap = Buffer.from(cap, 'latin1').toString('hex')
      if (h.type === 'link') linkOf.set(name, norm(h.linkname ?? ''))
      members.set(name, m)
      next()
    })
    stream.resume()
  })
  const src = createReadStream(path, { highWaterMark: 1 << 20 })
  if (path.endsWith('.gz')) await pipeline(src, createGunzip(), ex)
  else await pipeline(src, ex)
  // A hardlink is a file with its target's content; the sets of names sharing an inode must match too.
  const root = (n: string): string => (linkOf.has(n) ? root(linkOf.get(n)!) : n)
  const byRoot = new Map<string, string[]>()
  for (const [n, t] of linkOf) {
    const r = root(t)
    const target = members.get(r)!
    members.set(n, {
      ...members.get(n)!,
      type: 'file',
      sha: target.sha,
      mode: target.mode,
      uid: target.uid,
      gid: target.gid,
      cap: target.cap
    })
    byRoot.set(r, [...(byRoot.get(r) ?? [r]), n])
  }
  const groups = new Set([...byRoot.values()].map((g) => g.sort().join(' ')))
  return { members, groups, order }
}

function diff(ours: Map<string, Member>, theirs: Map<string, Member>): string[] {
  const out: string[] = []
  for (const n of new Set([...ours.keys(), ...theirs.keys()])) {
    if (IGNORED.has(n)) continue
    const a = ours.get(n)
    const b = theirs.get(n)
    if (!a || !b) {
      out.push(`${n}: ${a ? 'only in kiln' : 'only in docker export'}`)
      continue
    }
    const x = TOUCHED_DIRS.has(n) ? { ...a, mode: 0, uid: 0, gid: 0 } : a
    const y = TOUCHED_DIRS.has(n) ? { ...b, mode: 0, uid: 0, gid: 0 } : b
    if (JSON.stringify(x) !== JSON.stringify(y))
      out.push(`${n}: kiln ${JSON.stringify(a)} docker ${JSON.stringify(b)}`)
  }
  return out
}

async function build(name: string, dockerfile: string): Promise<string> {
  const tag = `kiln-test/flatten-${name}:${ID}`
  const ctx = mkdtempSync(join(work, `ctx-${name}-`))
  writeFileSync(join(ctx, 'Dockerfile'), dockerfile)
  images.push(tag)
  try {
    await run('docker', ['build', '--network', 'host', '-q', '-t', tag, ctx], { timeoutMs: 10 * 60_000 })
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${((e as { tail?: string[] }).tail ?? []).join('\n')}`)
  }
  return tag
}

/** docker save of the image, and docker export of a container made from it (never started). */
async function saveAndExport(tag: string, name: string): Promise<{ save: string; exported: string }> {
  const save = join(work, `${name}-save.tar`)
  const exported = join(work, `${name}-export.tar`)
  const container = `kiln-test-flatten-${name}-${ID}`
  await run('docker', ['save', '-o', save, tag])
  await run('docker', ['create', '--name', container, tag, '/bin/true'])
  try {
    await run('docker', ['export', '-o', exported, container])
  } finally {
    await tryRun('docker', ['rm', '-f', container])
  }
  return { save, exported }
}

async function flattenSave(save: string, out: string, compression: 'gzip' | 'none' = 'none'): Promise<void> {
  const input = await resolveInput(save)
  try {
    await flatten({ layers: input.layers, output: out, compression, sourceDateEpoch: 1_700_000_000 })
  } finally {
    await input.cleanup()
  }
}

// The value of `setcap cap_net_raw+ep`: VFS_CAP_REVISION_2 with the effective bit, permitted = 1<<13.
const CAP_NET_RAW = '0100000200200000000000000000000000000000'
// setxattr(2) is syscall 188 on x86_64; perl is in minbase, libcap2-bin is not.
const SETCAP = `perl -e 'my ($p, $n, $v) = ($ARGV[0], "security.capability", pack("H*", "${CAP_NET_RAW}")); syscall(188, $p, $n, $v, 20, 0) == 0 or die "setxattr: $!"'`

const EDITS = `
FROM ${baseImage('minbase')}
RUN mkdir -p /opt/d/sub /opt/swap && echo old > /opt/d/old && echo deep > /opt/d/sub/deep \\
 && echo orig > /opt/t && ln /opt/t /opt/l1 && ln /opt/t /opt/l2 \\
 && echo gone > /opt/u && ln /opt/u /opt/lu \\
 && echo c > /opt/swap/child && echo f > /opt/f2d && echo a > /opt/over \\
 && ln -s /etc/os-release /opt/abs-link && ln -s ../etc/os-release /opt/rel-link \\
 && mknod /opt/null c 1 3 && mkfifo /opt/fifo
RUN rm -rf /opt/d && mkdir -p /opt/d && echo new > /opt/d/new \\
 && echo replaced > /opt/t \\
 && rm /opt/u \\
 && rm -rf /opt/swap && echo now-a-file > /opt/swap \\
 && rm /opt/f2d && mkdir /opt/f2d && echo in > /opt/f2d/x \\
 && echo b > /opt/over && chown 1234:5678 /opt/over && chmod 4755 /opt/over \\
 && rm -rf /usr/share/doc /usr/share/man && rm /usr/bin/dpkg-split \\
 && ln /opt/l2 /opt/l3
RUN cp /bin/true /opt/ping && chmod 2755 /opt/ping && ${SETCAP} /opt/ping \\
 && mkdir -m 1777 /opt/sticky && rm /opt/l1
`

const LAYOUT = `
FROM ${baseImage('minbase')}
RUN mkdir -p /srv/${'long-directory-name-'.repeat(6)}/${'and-a-long-file-name-'.repeat(6)} \\
 && echo deep > /srv/${'long-directory-name-'.repeat(6)}/${'and-a-long-file-name-'.repeat(6)}/file-${'x'.repeat(120)} \\
 && echo big-ids > /srv/ids && chown 3000000:4000000 /srv/ids \\
 && rm -rf /etc/apt && mkdir /etc/apt && echo 'opaque' > /etc/apt/only \\
 && rm -rf /var/lib/apt && ln -s /tmp /var/lib/apt
RUN head -c 3000000 /dev/urandom > /srv/random && ln /srv/random /srv/random-link \\
 && rm -rf /etc/apt && mkdir /etc/apt && echo 'again' > /etc/apt/again \\
 && rm /var/lib/apt && mkdir /var/lib/apt && echo back > /var/lib/apt/dir
`

beforeAll(async () => {
  await ensureBase('minbase')
  await ensureBase('kernel')
  work = mkdtempSync(join(process.env.KILN_TMPDIR ?? tmpdir(), 'kiln-oracle-'))
})

afterAll(async () => {
  for (const tag of images) await tryRun('docker', ['rmi', '-f', tag])
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('flatten matches docker export', () => {
  test('deletes, opaque dirs, hardlinks across layers, symlinks, devices, setuid, capabilities, type swaps', async () => {
    const tag = await build('edits', EDITS)
    const { save, exported } = await saveAndExport(tag, 'edits')
    const out = join(work, 'edits-flat.tar')
    await flattenSave(save, out)
    // The engine really wrote the cases under test: an opaque directory and whiteouts.
    const input = await resolveInput(save)
    const plan = await planLayers(input.layers).finally(() => input.cleanup())
    expect(plan.layers.flatMap((l) => l.opaques)).toContain('opt/d')
    expect(plan.layers.flatMap((l) => l.whiteouts)).toEqual(
      expect.arrayContaining(['opt/u', 'opt/l1', 'usr/bin/dpkg-split'])
    )
    const ours = await inventory(out)
    const theirs = await inventory(exported)
    expect(diff(ours.members, theirs.members)).toEqual([])
    expect([...ours.groups].sort()).toEqual([...theirs.groups].sort())
    // The cases this image exists for, spelled out.
    const m = ours.members
    expect(m.get('opt/d/old')).toBeUndefined()
    expect(m.get('opt/t')?.sha).toBe(createHash('sha256').update('replaced\n').digest('hex'))
    expect(m.get('opt/l2')?.sha).toBe(createHash('sha256').update('orig\n').digest('hex'))
    expect(m.get('opt/lu')?.sha).toBe(createHash('sha256').update('gone\n').digest('hex'))
    expect(m.get('opt/ping')).toMatchObject({ mode: 0o2755, cap: CAP_NET_RAW })
    expect(m.get('opt/over')).toMatchObject({ mode: 0o4755, uid: 1234, gid: 5678 })
    expect(m.get('opt/sticky')?.mode).toBe(0o1777)
    expect(m.get('opt/null')?.type).toBe('character-device')
    expect(m.get('opt/swap')?.type).toBe('file')
    expect(m.get('opt/f2d')?.type).toBe('directory')
    // Deterministic: flattening again gives the same bytes (gzip too).
    await flattenSave(save, join(work, 'a.tar.gz'), 'gzip')
    await flattenSave(save, join(work, 'b.tar.gz'), 'gzip')
    expect(readFileSync(join(work, 'a.tar.gz')).equals(readFileSync(join(work, 'b.tar.gz')))).toBe(true)
    // Real tar can list and extract the order we write (hardlinks after their targets).
    await run('tar', ['-tzf', join(work, 'a.tar.gz')])
  })

  test('long names, big ids, opaque directories twice over, symlink ↔ directory swaps', async () => {
    const tag = await build('layout', LAYOUT)
    const { save, exported } = await saveAndExport(tag, 'layout')
    const out = join(work, 'layout-flat.tar')
    await flattenSave(save, out)
    const ours = await inventory(out)
    const theirs = await inventory(exported)
    expect(diff(ours.members, theirs.members)).toEqual([])
    expect([...ours.groups].sort()).toEqual([...theirs.groups].sort())
    expect([...ours.members.keys()].filter((k) => k.startsWith('etc/apt/'))).toEqual(['etc/apt/again'])
    expect(ours.members.get('srv/ids')).toMatchObject({ uid: 3000000, gid: 4000000 })
    expect(ours.members.get('var/lib/apt')?.type).toBe('directory')
  })

  test('the kernel image: rootfs matches, and the boot archives hold exactly ./vmlinuz, ./initrd, lib/modules/V/…', async () => {
    const tag = await build(
      'kernel',
      `FROM ${baseImage('kernel')}\nRUN echo kiln > /etc/motd && rm -rf /usr/share/doc\n`
    )
    const { save, exported } = await saveAndExport(tag, 'kernel')
    // Boot archives gzip (as provisioners want them); the rootfs for the comparison left plain,
    // which keeps this test's compression work to the modules.
    const input = await resolveInput(save)
    let r
    try {
      r = await exportImage({
        layers: input.layers,
        outDir: work,
        name: 'kernel-img',
        exports: ['kernel', 'initrd', 'modules'],
        compression: 'gzip',
        sourceDateEpoch: 1_700_000_000
      })
      await flatten({ layers: input.layers, output: join(work, 'kernel-flat.tar'), compression: 'none' })
    } finally {
      await input.cleanup()
    }
    const ours = await inventory(join(work, 'kernel-flat.tar'))
    const theirs = await inventory(exported)
    expect(diff(ours.members, theirs.members)).toEqual([])
    const v = r.kernel!
    expect(v).toMatch(/^\d+\.\d+\.\d+-\d+-amd64$/)
    const list = async (f: string): Promise<string[]> =>
      (await run('tar', ['-tzf', join(r.dir, f)])).stdout.trim().split('\n')
    expect(await list('kernel.tar.gz')).toEqual(['./vmlinuz'])
    expect(await list('initrd.tar.gz')).toEqual(['./initrd'])
    const mods = await list('modules.tar.gz')
    expect(mods[0]).toBe(`lib/modules/${v}/`)
    expect(mods.every((n) => n.startsWith(`lib/modules/${v}/`))).toBe(true)
    expect(mods.some((n) => n.endsWith('.ko') || n.endsWith('.ko.xz'))).toBe(true)
    expect(mods.length).toBe(
      [...ours.members.keys()].filter(
        (k) => k === `usr/lib/modules/${v}` || k.startsWith(`usr/lib/modules/${v}/`)
      ).length
    )
    // The kernel is the image's own, byte for byte.
    const vmlinuzSha = ours.members.get(`boot/vmlinuz-${v}`)?.sha
    const k = join(work, 'k')
    await run('sh', ['-c', 'mkdir -p "$1" && tar -xzf "$2" -C "$1"', 'sh', k, join(r.dir, 'kernel.tar.gz')])
    expect(
      createHash('sha256')
        .update(readFileSync(join(k, 'vmlinuz')))
        .digest('hex')
    ).toBe(vmlinuzSha)
    await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: r.dir })
    const manifest = JSON.parse(readFileSync(r.manifestPath, 'utf8'))
    expect(manifest.kernel).toBe(v)
    expect(manifest.packages.some((p: { name: string }) => p.name === `linux-image-${v}`)).toBe(true)
  })
})
