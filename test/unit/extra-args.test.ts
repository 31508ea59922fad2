// extra_args reach docker build / packer build: only allowlisted options, in --flag=value form.
import { checkExtraArgs, type ExtraArgsBuilder } from '../../src/model/extra-args.js'

describe('checkExtraArgs: accepted, in one --flag=value form', () => {
  it.each<[ExtraArgsBuilder, string[], string[]]>([
    ['dockerfile', [], []],
    ['dockerfile', ['--build-arg', 'X=Y'], ['--build-arg=X=Y']],
    ['dockerfile', ['--build-arg=X=--iidfile=/tmp/x'], ['--build-arg=X=--iidfile=/tmp/x']],
    ['dockerfile', ['--label', 'note=built by me', '--squash'], ['--label=note=built by me', '--squash']],
    ['dockerfile', ['--target', 'final', '--network', 'none'], ['--target=final', '--network=none']],
    [
      'dockerfile',
      ['--platform=linux/arm64/v8', '--pull', '--no-cache'],
      ['--platform=linux/arm64/v8', '--pull', '--no-cache']
    ],
    [
      'dockerfile',
      ['--add-host', 'mirror:10.0.0.1', '--shm-size', '256m'],
      ['--add-host=mirror:10.0.0.1', '--shm-size=256m']
    ],
    ['packer', ['-var', 'a=b'], ['-var=a=b']],
    ['packer', ['-var=motd=-x'], ['-var=motd=-x']]
  ])('%s %j', (builder, words, want) => {
    expect(checkExtraArgs(builder, words)).toEqual(want)
  })
})

describe('checkExtraArgs: refused, naming the word', () => {
  it.each<[ExtraArgsBuilder, string[], RegExp]>([
    // Writes a host file.
    [
      'dockerfile',
      ['--iidfile', '/host/path'],
      /option "--iidfile" is not allowed in extra_args of a dockerfile image/
    ],
    ['dockerfile', ['--metadata-file=/x'], /option "--metadata-file" is not allowed/],
    ['dockerfile', ['-o', 'type=local,dest=/'], /option "-o" is not allowed/],
    // Reads one.
    ['dockerfile', ['-f', '/etc/passwd'], /option "-f" is not allowed/],
    ['dockerfile', ['--file=/etc/passwd'], /option "--file" is not allowed/],
    ['dockerfile', ['--secret', 'id=x,src=/etc/shadow'], /option "--secret" is not allowed/],
    ['dockerfile', ['--build-context', 'x=/etc'], /option "--build-context" is not allowed/],
    // A second context or positional.
    ['dockerfile', ['/etc'], /argument "\/etc" is not allowed/],
    // The host's environment: --build-arg NAME copies the host's variable.
    [
      'dockerfile',
      ['--build-arg', 'GITHUB_TOKEN'],
      /option "--build-arg" needs NAME=value, not "GITHUB_TOKEN"/
    ],
    // A value that would be an option.
    ['dockerfile', ['--target', '--iidfile=/x'], /option "--target" needs a stage name, not "--iidfile=\/x"/],
    ['dockerfile', ['--network', 'container:other'], /option "--network" needs a network name/],
    ['dockerfile', ['--label'], /option "--label" needs a value/],
    ['dockerfile', ['--squash=false'], /option "--squash" takes no value/],
    [
      'packer',
      ['-var-file=/etc/shadow'],
      /option "-var-file" is not allowed in extra_args of a packer image; allowed: -var$/
    ],
    ['packer', ['-var', '-x=1'], /option "-var" needs name=value/],
    ['packer', ['-only=docker'], /option "-only" is not allowed/],
    ['packer', ['--build-arg=X=1'], /option "--build-arg" is not allowed/]
  ])('%s %j', (builder, words, message) => {
    const r = checkExtraArgs(builder, words)
    expect(Array.isArray(r)).toBe(false)
    expect((r as { error: string }).error).toMatch(message)
  })
})
