import { heredocMarker, parseDockerfile } from '../../src/plan/dockerfile-parse.js'
import { dockerfileImageRefs, replaceSpans } from '../../src/plan/dockerfile-from.js'

const keywords = (text: string): string[] => parseDockerfile(text).instructions.map((i) => i.keyword)
const refs = (text: string, args: Record<string, string> = {}): string[] =>
  dockerfileImageRefs(text, args).map((r) => `${r.kind} ${r.ref}`)

describe('parseDockerfile', () => {
  test('a heredoc body is text, not instructions, whatever it says', () => {
    const text = 'FROM base\nRUN <<EOF\nFROM x\nCOPY --from=y / /\nEOF\nRUN true\n'
    const [, run] = parseDockerfile(text).instructions
    expect(keywords(text)).toEqual(['FROM', 'RUN', 'RUN'])
    expect(run.heredocs).toEqual([
      { name: 'EOF', line: 3, body: ['FROM x', 'COPY --from=y / /'], terminated: true }
    ])
  })

  test('several heredocs, quoted and tab-chomped terminators, a heredoc after other words', () => {
    const text =
      'FROM b\nCOPY <<a.txt <<"B" /dst/\nFROM 1\na.txt\nFROM 2\nB\nRUN cat <<-END > /f\n\tFROM 3\n\tEND\nFROM c\n'
    const ins = parseDockerfile(text).instructions
    expect(ins.map((i) => i.keyword)).toEqual(['FROM', 'COPY', 'RUN', 'FROM'])
    expect(ins[1].heredocs.map((h) => [h.name, h.body])).toEqual([
      ['a.txt', ['FROM 1']],
      ['B', ['FROM 2']]
    ])
    expect(ins[2].heredocs[0]).toMatchObject({ name: 'END', body: ['\tFROM 3'] })
  })

  test('only RUN, COPY and ADD take heredocs; a quoted <<EOF is no marker', () => {
    expect(keywords('FROM b\nLABEL x=<<EOF\nFROM c\n')).toEqual(['FROM', 'LABEL', 'FROM'])
    expect(keywords('FROM b\nRUN echo "a <<EOF b"\nFROM c\n')).toEqual(['FROM', 'RUN', 'FROM'])
  })

  test('an unterminated heredoc takes the rest of the file', () => {
    const [, run] = parseDockerfile('FROM b\nRUN <<EOF\nFROM x\n').instructions
    expect(run.heredocs[0]).toMatchObject({ terminated: false, body: ['FROM x', ''] })
  })

  test('continuations join without a space; comments and blank lines inside them vanish', () => {
    const [from] = parseDockerfile('FROM deb\\\n# note\n\nian:12 \\  \n AS x\n').instructions
    expect(from.args.map((w) => w.text)).toEqual(['debian:12', 'AS', 'x'])
  })

  test('the escape directive, and only at the top', () => {
    expect(parseDockerfile('# escape=`\nFROM `\n  base\n').instructions[0].args[0].text).toBe('base')
    expect(parseDockerfile('\n# escape=`\nFROM a`\nRUN x\n').instructions.map((i) => i.keyword)).toEqual([
      'FROM',
      'RUN'
    ])
  })

  test('CRLF line ends', () => {
    expect(keywords('FROM a\r\nRUN <<EOF\r\nFROM x\r\nEOF\r\nRUN y\r\n')).toEqual(['FROM', 'RUN', 'RUN'])
  })

  test('heredocMarker', () => {
    expect(heredocMarker('<<EOF')).toEqual({ name: 'EOF', chomp: false })
    expect(heredocMarker("<<-'E O'")).toEqual({ name: 'E O', chomp: true })
    expect(heredocMarker('2<<X')).toEqual({ name: 'X', chomp: false })
    expect(heredocMarker('<<')).toBeUndefined()
    expect(heredocMarker('a<<EOF')).toBeUndefined()
  })
})

describe('dockerfileImageRefs', () => {
  test('FROM and COPY --from; stages, stage indexes and scratch are no images', () => {
    const text = [
      'ARG TOOLS=tools:1',
      'FROM --platform=linux/amd64 debian_9-base AS build',
      'COPY --from=build /a /a',
      'COPY --from=0 /b /b',
      'COPY --chown=1:1 --from=${TOOLS} /c /c',
      'COPY --from=later /d /d',
      'FROM scratch AS later',
      'COPY --from=other:2 ["/e", "/e"]',
      'ADD --chown=1 x /x',
      ''
    ].join('\n')
    expect(refs(text)).toEqual(['FROM debian_9-base', 'COPY --from tools:1', 'COPY --from other:2'])
  })

  test('RUN --mount from= an image (not a stage) is a reference, with its span', () => {
    const text =
      'FROM a AS s\nRUN --network=none --mount=type=bind,from=tools:1,target=/t --mount=type=cache,from=s,target=/c make\n'
    const found = dockerfileImageRefs(text)
    expect(found.map((r) => `${r.kind} ${r.ref} ${text.slice(r.start, r.end)}`)).toEqual([
      'FROM a a',
      'RUN --mount from tools:1 tools:1'
    ])
  })

  test('a FROM inside a heredoc names nothing', () => {
    expect(refs('FROM a\nRUN <<EOF\nFROM x\nEOF\n')).toEqual(['FROM a'])
  })

  test('spans point at the reference, across a continuation and after --from=', () => {
    const text = 'FROM \\\n  debian_9-base AS b\nCOPY --from=tools /x /x\n'
    const found = dockerfileImageRefs(text)
    expect(found.map((r) => text.slice(r.start, r.end))).toEqual(['debian_9-base', 'tools'])
    const out = replaceSpans(
      text,
      found.map((r) => ({ start: r.start, end: r.end, with: `kiln/${r.ref}:1` }))
    )
    expect(out).toBe('FROM \\\n  kiln/debian_9-base:1 AS b\nCOPY --from=kiln/tools:1 /x /x\n')
  })

  test('a reference made of ARGs is replaced whole', () => {
    const text = 'ARG D=debian_9\nFROM ${D}-base\n'
    const [r] = dockerfileImageRefs(text)
    expect(r.ref).toBe('debian_9-base')
    expect(text.slice(r.start, r.end)).toBe('${D}-base')
  })
})
