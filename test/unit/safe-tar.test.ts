import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { lstat, mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { gzipSync } from 'node:zlib'
import {
  DEFAULT_ARCHIVE_LIMITS,
  TarGuard,
  TarSafetyError,
  archiveLimits,
  checkTar,
  isTarRefusal,
  checkedTar,
  extractTar,
  normaliseEntryName
} from '../../src/sources/safe-tar.js'
import { detectCompression, decompressStream } from '../../src/sources/compression.js'
import { paxRecords, rawHeader, rawTar, type RawMember } from './raw-tar.js'
import { makeTar, streamOf, type TestEntry } from './store-helpers.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-safetar-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('normaliseEntryName', () => {
  it.each([
    ['./etc/passwd', 'etc/passwd'],
    ['etc//x/', 'etc/x'],
    ['./', ''],
    ['.', ''],
    ['a/./b', 'a/b']
  ])('%s → %s', (name, out) => {
    expect(normaliseEntryName(name)).toBe(out)
  })
  it.each(['../x', 'a/../../x', 'a/..', '/etc/x', '//x'])('refuses %s', (name) => {
    expect(() => normaliseEntryName(name)).toThrow()
  })
})

describe('TarGuard', () => {
  const run = (entries: TestEntry[]): string | null => {
    const g = new TarGuard('test.tar')
    try {
      for (const e of entries) g.check({ name: e.name, type: e.type ?? 'file', linkname: e.linkname })
      return null
    } catch (e) {
      expect(e).toBeInstanceOf(TarSafetyError)
      return (e as Error).message
    }
  }

  it('passes a rootfs-like archive (merged /usr symlinks, absolute symlink targets, hardlinks)', () => {
    expect(
      run([
        { name: './', type: 'directory' },
        { name: './bin', type: 'symlink', linkname: 'usr/bin' },
        { name: './usr/', type: 'directory' },
        { name: './usr/bin/', type: 'directory' },
        { name: './usr/bin/ls' },
        { name: './usr/bin/dir', type: 'link', linkname: './usr/bin/ls' },
        { name: './etc/alternatives/pager', type: 'symlink', linkname: '/usr/bin/less' },
        { name: './etc/mtab', type: 'symlink', linkname: '../proc/self/mounts' }
      ])
    ).toBeNull()
  })

  it.each<[string, TestEntry[], RegExp]>([
    ['a .. entry', [{ name: '../x' }], /"\.\.\/x".*"\.\." component/],
    ['an absolute name', [{ name: '/etc/x' }], /"\/etc\/x".*absolute/],
    [
      'a file through a symlink pointing out',
      [{ name: 'evil', type: 'symlink', linkname: '/tmp/elsewhere' }, { name: 'evil/file' }],
      /"evil\/file".*through the symlink "evil"/
    ],
    [
      'a file through a relative symlink',
      [
        { name: 'a/', type: 'directory' },
        { name: 'a/up', type: 'symlink', linkname: '../..' },
        { name: 'a/up/etc/passwd' }
      ],
      /through the symlink "a\/up"/
    ],
    [
      'a hardlink leaving the root',
      [{ name: 'x', type: 'link', linkname: '../../etc/passwd' }],
      /hardlink target.*"\.\." component/
    ],
    [
      'a hardlink to an absolute path',
      [{ name: 'x', type: 'link', linkname: '/etc/shadow' }],
      /hardlink target.*absolute/
    ],
    [
      'a hardlink through a symlink',
      [
        { name: 'l', type: 'symlink', linkname: '/etc' },
        { name: 'x', type: 'link', linkname: 'l/shadow' }
      ],
      /hardlink target "l\/shadow" goes through the symlink "l"/
    ],
    [
      'a directory over a symlink',
      [
        { name: 'd', type: 'symlink', linkname: '/etc' },
        { name: 'd/', type: 'directory' }
      ],
      /directory over a symlink/
    ]
  ])('refuses %s', (_what, entries, message) => {
    const m = run(entries)
    expect(m).toMatch(/^test\.tar: entry /)
    expect(m).toMatch(message)
  })

  it('lets a file replace a symlink, after which the path is no longer a link', () => {
    expect(
      run([
        { name: 'p', type: 'symlink', linkname: '/etc' },
        { name: 'p' },
        { name: 'q', type: 'directory' },
        { name: 'q/x' }
      ])
    ).toBeNull()
  })
})

describe('checkedTar', () => {
  it('passes the bytes through unchanged', async () => {
    const tar = await makeTar([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/hostname', body: 'h\n' },
      { name: 'bin', type: 'symlink', linkname: 'usr/bin' }
    ])
    const chunks: Buffer[] = []
    const check = checkedTar('ok.tar')
    await pipeline(streamOf(tar), check, async (src: AsyncIterable<Buffer>) => {
      for await (const c of src) chunks.push(c)
    })
    expect(Buffer.concat(chunks)).toEqual(tar)
    expect(check.guard.entries).toBe(3)
  })

  it('fails on a hostile entry, naming the archive and the entry', async () => {
    const tar = await makeTar([
      { name: 'ok' },
      { name: 'evil', type: 'symlink', linkname: '/etc' },
      { name: 'evil/passwd', body: 'x' }
    ])
    await expect(checkTar(streamOf(tar), 'base.tar')).rejects.toThrow(
      /^base\.tar: entry "evil\/passwd": its path goes through the symlink "evil"/
    )
  })

  it('fails on something that is not a tar', async () => {
    await expect(checkTar(streamOf(randomBytes(2048)), 'noise.bin')).rejects.toThrow(
      /noise\.bin: not a valid tar archive/
    )
  })

  it('fails on a truncated tar', async () => {
    const tar = await makeTar([{ name: 'big', body: 'x'.repeat(5000) }])
    await expect(checkTar(streamOf(tar.subarray(0, 1536)), 'cut.tar')).rejects.toThrow(/cut\.tar/)
  })
})

describe('decompressStream', () => {
  const data = Buffer.from('hello kiln '.repeat(1000))
  const collect = async (r: Readable): Promise<Buffer> => {
    const out: Buffer[] = []
    for await (const c of r) out.push(c as Buffer)
    return Buffer.concat(out)
  }

  it.each([
    ['gzip', (b: Buffer) => gzipSync(b)],
    ['xz', (b: Buffer) => execFileSync('xz', ['-c'], { input: b })],
    ['zstd', (b: Buffer) => execFileSync('zstd', ['-c', '-q'], { input: b })],
    ['bzip2', (b: Buffer) => execFileSync('bzip2', ['-c'], { input: b })],
    ['none', (b: Buffer) => b]
  ])('detects and decompresses %s by magic bytes', async (kind, compress) => {
    const packed = compress(data)
    expect(detectCompression(packed.subarray(0, 6))).toBe(kind)
    expect(await collect(decompressStream(Readable.from([packed]), 'x'))).toEqual(data)
  })

  it('names the data when it is corrupt', async () => {
    const bad = Buffer.concat([gzipSync(data).subarray(0, 20), Buffer.alloc(50, 7)])
    await expect(collect(decompressStream(Readable.from([bad]), 'broken.tar.gz'))).rejects.toThrow(
      /decompress broken\.tar\.gz/
    )
  })
})

describe('extractTar', () => {
  it('extracts a good archive (gzip) with links and modes', async () => {
    const tar = await makeTar([
      { name: './etc/', type: 'directory' },
      { name: './etc/hostname', body: 'box\n', mode: 0o600 },
      { name: './etc/link', type: 'symlink', linkname: '/etc/hostname' },
      { name: './etc/hard', type: 'link', linkname: './etc/hostname' }
    ])
    const dest = join(dir, 'root')
    await extractTar(streamOf(gzipSync(tar)), dest, { archive: 'good.tar.gz' })
    expect(await readFile(join(dest, 'etc/hostname'), 'utf8')).toBe('box\n')
    expect((await lstat(join(dest, 'etc/hostname'))).mode & 0o777).toBe(0o600)
    expect(await readlink(join(dest, 'etc/link'))).toBe('/etc/hostname')
    expect((await lstat(join(dest, 'etc/hard'))).ino).toBe((await lstat(join(dest, 'etc/hostname'))).ino)
    expect(await readdir(dir)).toEqual(['root'])
  })

  it.each<[string, (outside: string) => TestEntry[]]>([
    [
      '../x',
      () => [
        { name: 'fine', body: 'ok' },
        { name: '../x', body: 'pwned' }
      ]
    ],
    [
      '/etc/x',
      (outside) => [
        { name: 'fine', body: 'ok' },
        { name: `${outside}/abs`, body: 'pwned' }
      ]
    ],
    [
      'symlink evil -> outside, then evil/file',
      (outside) => [
        { name: 'evil', type: 'symlink', linkname: outside },
        { name: 'evil/file', body: 'pwned' }
      ]
    ],
    [
      'hardlink to ../../etc/passwd',
      () => [
        { name: 'fine', body: 'ok' },
        { name: 'pw', type: 'link', linkname: '../../etc/passwd' }
      ]
    ]
  ])('refuses %s and writes nothing anywhere', async (_what, entries) => {
    const outside = join(dir, 'outside')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(outside)
    await writeFile(join(outside, 'keep'), 'untouched')
    const work = join(dir, 'work')
    await mkdir(work)
    const dest = join(work, 'root')
    await expect(
      extractTar(streamOf(await makeTar(entries(outside))), dest, { archive: 'hostile.tar' })
    ).rejects.toThrow(/^hostile\.tar: entry ".*": .*refused/)
    expect(existsSync(dest)).toBe(false)
    expect(await readdir(work)).toEqual([])
    expect((await readdir(outside)).sort()).toEqual(['keep'])
    expect(await readFile(join(outside, 'keep'), 'utf8')).toBe('untouched')
    expect((await readdir(dir)).sort()).toEqual(['outside', 'work'])
  })

  it('refuses to extract over an existing directory', async () => {
    await expect(
      extractTar(streamOf(await makeTar([{ name: 'a' }])), dir, { archive: 'a.tar' })
    ).rejects.toThrow(/already exists/)
  })
})

describe('checkTar over an existing root', () => {
  it('refuses entries through absolute or escaping symlinks already in the root, allows links that stay inside', async () => {
    const { mkdir, symlink } = await import('node:fs/promises')
    const root = join(dir, 'root')
    await mkdir(join(root, 'usr/lib'), { recursive: true })
    await mkdir(join(root, 'etc'), { recursive: true })
    await symlink('usr/lib', join(root, 'lib'))
    await symlink('/tmp', join(root, 'etc/abs'))
    await symlink('../../..', join(root, 'etc/up'))
    await writeFile(join(root, 'etc/file'), 'x')
    const check = async (entries: TestEntry[]): Promise<number> =>
      checkTar(streamOf(await makeTar(entries)), 'over.tar', undefined, { root })

    expect(
      await check([{ name: 'lib/modules/6.1/x.ko' }, { name: './new/dir/file' }, { name: 'etc/abs' }])
    ).toBe(3)
    await expect(check([{ name: 'etc/abs/evil' }])).rejects.toThrow(
      /"etc\/abs\/evil": its path goes through the existing symlink "etc\/abs" -> \/tmp/
    )
    await expect(check([{ name: 'etc/up/evil' }])).rejects.toThrow(
      /existing symlinks under the root lead out of it/
    )
    await expect(check([{ name: 'etc/file/x' }])).rejects.toThrow(/not a directory/)
    await expect(check([{ name: 'x', type: 'link', linkname: 'etc/abs/shadow' }])).rejects.toThrow(
      /hardlink target "etc\/abs\/shadow"/
    )
    // Without a root, only the archive itself is judged.
    expect(await checkTar(streamOf(await makeTar([{ name: 'etc/abs/evil' }])), 'over.tar')).toBe(1)
  })
})

describe('archives read one way by the check and another by an extractor', () => {
  const outsideName = '../outside/pwned'
  // Each would be judged on one name and written under another by some reader.
  const cases: Array<[string, RawMember[], RegExp]> = [
    [
      'a pax global header with a path',
      [
        { name: 'pax_global_header', typeflag: 'g', data: paxRecords({ path: outsideName }) },
        { name: 'innocent', typeflag: '0', data: 'pwned' }
      ],
      /entry "\(pax global header\)": a pax global header sets path/
    ],
    [
      'a GNU long name, then a pax path, for one entry',
      [
        { name: '././@LongLink', typeflag: 'L', data: 'innocent\0' },
        { name: 'PaxHeaders/x', typeflag: 'x', data: paxRecords({ path: outsideName }) },
        { name: 'short', typeflag: '0', data: 'pwned' }
      ],
      /both a GNU long name and a pax path for one entry/
    ],
    [
      'a pax path, then a GNU long name, for one entry',
      [
        { name: 'PaxHeaders/x', typeflag: 'x', data: paxRecords({ path: 'innocent' }) },
        { name: '././@LongLink', typeflag: 'L', data: `${outsideName}\0` },
        { name: 'short', typeflag: '0', data: 'pwned' }
      ],
      /both a pax path and a GNU long name for one entry/
    ],
    [
      'two GNU long names for one entry',
      [
        { name: '././@LongLink', typeflag: 'L', data: 'innocent\0' },
        { name: '././@LongLink', typeflag: 'L', data: `${outsideName}\0` },
        { name: 'short', typeflag: '0', data: 'pwned' }
      ],
      /two GNU long names for one entry/
    ],
    [
      'a hardlink to a symlink, then written through',
      [
        { name: 'sym', typeflag: '2', linkname: '../outside/pwned' },
        { name: 'hard', typeflag: '1', linkname: 'sym' },
        { name: 'hard', typeflag: '0', data: 'pwned' }
      ],
      /entry "hard": hardlink to the symlink "sym"/
    ],
    [
      'a hardlink to an entry the archive never wrote',
      [{ name: 'hard', typeflag: '1', linkname: 'etc/shadow' }],
      /entry "hard": hardlink target "etc\/shadow" is not a file written earlier in the archive/
    ],
    [
      'a directory that carries data (other readers take it for headers)',
      [{ name: 'd/', typeflag: '5', data: rawHeader({ name: outsideName, typeflag: '0' }) }],
      /entry "d\/": a directory that carries 512 bytes of data/
    ],
    [
      'a regular entry named like a directory (GNU tar makes a directory of it)',
      [{ name: 'etc/', typeflag: '0', data: 'x' }],
      /entry "etc\/": a file whose name ends with "\/"/
    ],
    [
      'an empty pax path (tar-stream keeps the ustar name, GNU tar and Go do not)',
      [
        { name: 'PaxHeaders/x', typeflag: 'x', data: paxRecords({ path: '' }) },
        { name: 'innocent', typeflag: '0', data: 'x' }
      ],
      /an empty pax path/
    ],
    [
      'a GNU sparse entry (type S)',
      [{ name: 'huge', typeflag: 'S', data: '' }],
      /entry "huge": an entry type Kiln does not accept \(a GNU sparse file, type S/
    ],
    [
      'a pax GNU.sparse entry',
      [
        {
          name: 'PaxHeaders/huge',
          typeflag: 'x',
          data: paxRecords({
            'GNU.sparse.major': '1',
            'GNU.sparse.minor': '0',
            'GNU.sparse.realsize': '1099511627776'
          })
        },
        { name: 'GNUSparseFile.0/huge', typeflag: '0', data: '' }
      ],
      /a GNU sparse file \(pax GNU\.sparse\.major\)/
    ]
  ]

  it.each(cases)('checkTar refuses %s, naming the archive and the entry', async (_what, members, message) => {
    const refused = checkTar(streamOf(rawTar(members)), 'odd.tar')
    await expect(refused).rejects.toThrow(TarSafetyError)
    await expect(checkTar(streamOf(rawTar(members)), 'odd.tar')).rejects.toThrow(message)
    await expect(checkTar(streamOf(rawTar(members)), 'odd.tar')).rejects.toThrow(/^odd\.tar: entry "/)
  })

  it.each(cases)('extractTar refuses %s and writes nothing anywhere', async (_what, members, message) => {
    const { mkdir } = await import('node:fs/promises')
    const outside = join(dir, 'outside')
    await mkdir(outside)
    await writeFile(join(outside, 'keep'), 'untouched')
    const work = join(dir, 'work')
    await mkdir(work)
    await expect(
      extractTar(streamOf(rawTar(members)), join(work, 'root'), { archive: 'odd.tar' })
    ).rejects.toThrow(message)
    expect(await readdir(work)).toEqual([])
    expect(await readdir(outside)).toEqual(['keep'])
    expect(await readFile(join(outside, 'keep'), 'utf8')).toBe('untouched')
    expect((await readdir(dir)).sort()).toEqual(['outside', 'work'])
  })

  it('still reads a plain pax header and a GNU long name, each alone (as GNU tar writes them)', async () => {
    const long = `${'d'.repeat(120)}/file`
    const tar = rawTar([
      { name: 'PaxHeaders/a', typeflag: 'x', data: paxRecords({ path: 'pax-named' }) },
      { name: 'short', typeflag: '0', data: 'a' },
      { name: '././@LongLink', typeflag: 'L', data: `${long}\0` },
      { name: long.slice(0, 99), typeflag: '0', data: 'b' },
      { name: 'pax_global_header', typeflag: 'g', data: paxRecords({ comment: 'git archive' }) },
      { name: 'hard', typeflag: '1', linkname: 'pax-named' }
    ])
    // The helper writes what GNU tar reads the same way.
    const gnu = execFileSync('tar', ['-tf', '-'], { input: tar }).toString().trim().split('\n')
    expect(gnu).toEqual(['pax-named', long, 'hard'])
    expect(await checkTar(streamOf(tar), 'fine.tar')).toBe(3)
    const dest = join(dir, 'root')
    await extractTar(streamOf(tar), dest, { archive: 'fine.tar' })
    expect(await readFile(join(dest, long), 'utf8')).toBe('b')
    expect((await lstat(join(dest, 'hard'))).ino).toBe((await lstat(join(dest, 'pax-named'))).ino)
  })
})

describe('sparse archives made by GNU tar', () => {
  // 4 KB archives that claim a terabyte: the next reader would write it out as zeros.
  it.each([
    ['GNU format (type S)', ['--sparse'], /entry "f": an entry type Kiln does not accept/],
    ['pax format (GNU.sparse.*)', ['--format=pax', '--sparse'], /a GNU sparse file \(pax GNU\.sparse\./]
  ])('refuses a 1 TiB sparse file in %s', async (_what, flags, message) => {
    const src = join(dir, 'src')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(src)
    execFileSync('truncate', ['-s', '1T', join(src, 'f')])
    const tar = execFileSync('tar', ['-C', src, ...flags, '-cf', '-', 'f'])
    expect(tar.length).toBeLessThan(64 * 1024)
    await expect(checkTar(streamOf(tar), 'sparse.tar')).rejects.toThrow(message)
    await expect(extractTar(streamOf(tar), join(dir, 'root'), { archive: 'sparse.tar' })).rejects.toThrow(
      message
    )
    expect(existsSync(join(dir, 'root'))).toBe(false)
  })
})

describe('archive limits', () => {
  const three = (): Promise<Buffer> =>
    makeTar([{ name: 'a', body: 'x'.repeat(1000) }, { name: 'b' }, { name: 'c' }])

  it('refuses an archive with more entries than allowed', async () => {
    const limits = { bytes: 1 << 30, entries: 2 }
    await expect(checkTar(streamOf(await three()), 'many.tar', undefined, { limits })).rejects.toThrow(
      /^many\.tar: entry "c": the archive has more than 2 entries \(KILN_MAX_ARCHIVE_ENTRIES\)/
    )
    expect(
      await checkTar(streamOf(await three()), 'many.tar', undefined, { limits: { ...limits, entries: 3 } })
    ).toBe(3)
  })

  it('refuses an entry whose data would pass the limit, from its header, before reading the data', () => {
    const guard = new TarGuard('big.tar', { limits: { bytes: 999, entries: 100 } })
    guard.check({ name: 'a', size: 600 })
    expect(() => guard.check({ name: 'b', size: 600 })).toThrow(
      /^big\.tar: entry "b": the archive expands to more than 999 bytes \(KILN_MAX_ARCHIVE_BYTES\)/
    )
  })

  it('counts the uncompressed stream too (zero blocks after the end hold no entry)', async () => {
    const tar = Buffer.concat([await three(), Buffer.alloc(64 * 1024)])
    await expect(
      checkTar(streamOf(gzipSync(tar)), 'padded.tar.gz', undefined, {
        limits: { bytes: 32 * 1024, entries: 100 }
      })
    ).rejects.toThrow(
      /^padded\.tar\.gz: entry "\(whole archive\)": the archive expands to more than 32768 bytes/
    )
  })

  it('reads its limits from the environment, and refuses a value that is not a number', () => {
    expect(archiveLimits({})).toEqual(DEFAULT_ARCHIVE_LIMITS)
    expect(archiveLimits({ KILN_MAX_ARCHIVE_BYTES: '4096', KILN_MAX_ARCHIVE_ENTRIES: '7' })).toEqual({
      bytes: 4096,
      entries: 7
    })
    expect(() => archiveLimits({ KILN_MAX_ARCHIVE_BYTES: '64G' })).toThrow(
      /KILN_MAX_ARCHIVE_BYTES must be a positive whole number, not "64G"/
    )
  })
})

test('isTarRefusal sees a refusal through the errors that wrap it (docker save REF: …)', () => {
  const refusal = new TarSafetyError('save.tar', 'huge', 'a GNU sparse file')
  expect(isTarRefusal(refusal)).toBe(true)
  expect(isTarRefusal(new Error('docker save x: …', { cause: refusal }))).toBe(true)
  expect(isTarRefusal(new Error('docker save x: No such image'))).toBe(false)
  expect(isTarRefusal('a string')).toBe(false)
})
