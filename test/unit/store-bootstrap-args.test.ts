// The bootstrap base source's pure parts: host apt sources and the mmdebstrap command line.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  bootstrapCommand,
  hostAptSources,
  parseDeb822,
  parseSourcesList,
  pickMirror,
  snapshotMirror,
  snapshotTimestamp
} from '../../src/sources/index.js'

describe('apt sources', () => {
  it('reads one-line sources.list entries, options and comments included', () => {
    expect(
      parseSourcesList(
        [
          '# comment',
          'deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main contrib',
          'deb-src http://mirror.example/debian bookworm main',
          'deb http://mirror.example/security bookworm-security main # trailing'
        ].join('\n')
      )
    ).toEqual([
      { uri: 'http://mirror.example/debian', suites: ['bookworm'], components: ['main', 'contrib'] },
      { uri: 'http://mirror.example/security', suites: ['bookworm-security'], components: ['main'] }
    ])
  })

  it('reads deb822 stanzas, skipping disabled and deb-src ones', () => {
    const text = [
      'Types: deb',
      '# http://snapshot.example/archive/debian/20250520T000000Z',
      'URIs: http://mirror.example/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      '',
      'Types: deb-src',
      'URIs: http://src.example/debian',
      'Suites: bookworm',
      '',
      'Types: deb',
      'Enabled: no',
      'URIs: http://off.example/debian',
      'Suites: trixie'
    ].join('\n')
    expect(parseDeb822(text)).toEqual([
      { uri: 'http://mirror.example/debian', suites: ['bookworm', 'bookworm-updates'], components: ['main'] }
    ])
  })

  it('picks the source carrying the suite, else the first main-archive one', () => {
    const sources = [
      { uri: 'http://s/security', suites: ['bookworm-security'], components: [] },
      { uri: 'http://m/debian', suites: ['bookworm', 'bookworm-updates'], components: [] }
    ]
    expect(pickMirror(sources, 'bookworm')).toBe('http://m/debian')
    expect(pickMirror(sources, 'trixie')).toBe('http://m/debian')
    expect(pickMirror([sources[0]], 'trixie')).toBeNull()
  })

  it('reads sources.list and both kinds of files in sources.list.d', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-apt-'))
    try {
      await mkdir(join(dir, 'sources.list.d'))
      await writeFile(
        join(dir, 'sources.list.d', 'a.sources'),
        'Types: deb\nURIs: http://a/debian\nSuites: bookworm\n'
      )
      await writeFile(join(dir, 'sources.list.d', 'b.list'), 'deb http://b/debian trixie main\n')
      await writeFile(join(dir, 'sources.list.d', 'c.list.disabled'), 'deb http://c/debian sid main\n')
      expect((await hostAptSources(dir)).map((s) => s.uri)).toEqual(['http://a/debian', 'http://b/debian'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('bootstrapCommand', () => {
  it.each([
    [
      { suite: 'bookworm' },
      'x86_64',
      'http://host/debian',
      ['--mode=auto', '--format=tar', '--architectures=amd64', '--', 'bookworm', '-', 'http://host/debian']
    ],
    [
      {
        suite: 'bookworm',
        variant: 'minbase',
        include: ['systemd-sysv', 'linux-image-arm64'],
        components: ['main', 'non-free-firmware'],
        mirror: 'http://mine/debian'
      },
      'aarch64',
      'http://host/debian',
      [
        '--mode=auto',
        '--format=tar',
        '--variant=minbase',
        '--components=main,non-free-firmware',
        '--include=systemd-sysv,linux-image-arm64',
        '--architectures=arm64',
        '--',
        'bookworm',
        '-',
        'http://mine/debian'
      ]
    ]
  ])('%j on %s', (b, arch, host, args) => {
    expect(bootstrapCommand(b, arch, host).args).toEqual(args)
  })

  it('pins a snapshot: snapshot mirror, Valid-Until off, SOURCE_DATE_EPOCH', () => {
    const cmd = bootstrapCommand(
      { suite: 'bookworm', snapshot: '2025-05-20', mirror: 'http://snap.example/' },
      'x86_64',
      null
    )
    expect(cmd.mirror).toBe('http://snap.example/archive/debian/20250520T000000Z/')
    expect(cmd.args).toContain('--aptopt=Acquire::Check-Valid-Until "false"')
    expect(cmd.env.SOURCE_DATE_EPOCH).toBe(String(Date.UTC(2025, 4, 20) / 1000))
  })

  it('needs a mirror from somewhere', () => {
    expect(() => bootstrapCommand({ suite: 'bookworm' }, 'x86_64', null)).toThrow(
      /no mirror given and none found/
    )
  })

  it.each([
    ['2025-05-20', '20250520T000000Z'],
    ['20250520', '20250520T000000Z'],
    ['20250520T123456Z', '20250520T123456Z']
  ])('snapshot %s → %s', (d, ts) => {
    expect(snapshotTimestamp(d)).toBe(ts)
    expect(snapshotMirror(d, 'http://s')).toBe(`http://s/archive/debian/${ts}/`)
  })

  it('refuses a malformed snapshot date', () => {
    expect(() => snapshotTimestamp('May 2025')).toThrow(/expected YYYY-MM-DD/)
  })
})

describe('how mmdebstrap is started', () => {
  it('as PID 1 of its own PID and mount namespaces: its forks and chroot mounts end with it', async () => {
    const { wholeTree } = await import('../../src/util/exec.js')
    expect(wholeTree('mmdebstrap', ['--mode=auto'], { mounts: true })).toEqual([
      'unshare',
      ['--mount', '--pid', '--fork', '--kill-child', '--', 'mmdebstrap', '--mode=auto']
    ])
    expect(wholeTree('packer', ['build'])[1].slice(0, 1)).toEqual(['--pid'])
  })
})
