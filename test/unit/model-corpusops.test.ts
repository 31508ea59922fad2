import { parseTag, pyFormat, sanitizeName } from '../../src/model/corpusops.js'
import { splitShellWords } from '../../src/model/shell-words.js'
import { closest } from '../../src/model/suggest.js'

test.each([
  ['b/a:1', { repo: 'b', image: 'a', tag: '1' }],
  ['b', { image: 'b' }],
  ['b:1', { image: 'b', tag: '1' }],
  ['b/a', { repo: 'b', image: 'a' }],
  ['c:2/b/a:1', { host: 'c:2', repo: 'b', image: 'a', tag: '1' }],
  ['registry.example/corp/app:v1.2', { host: 'registry.example', repo: 'corp', image: 'app', tag: 'v1.2' }]
])('parseTag(%s)', (tag, want) => {
  expect(parseTag(tag)).toEqual(want)
})

test.each([':b', '/a', 'b//a', 'a:b:c'])('parseTag rejects %s', (tag) => {
  expect(parseTag(tag)).toBeUndefined()
})

test('pyFormat expands keys and subscripts, keeps {{ }}, and names unknown placeholders', () => {
  const v = { tag: 'x/y:1', img_parts: { tag: '1', repo: 'x' }, name: 'y' }
  expect(pyFormat('--build-arg T={img_parts[tag]} {name} {{literal}}', v)).toBe('--build-arg T=1 y {literal}')
  expect(pyFormat('{nme}', v)).toEqual({ error: 'unknown placeholder "{nme}"; did you mean "name"?' })
  expect(pyFormat('{img_parts[host]}', { img_parts: { host: null } })).toEqual({
    error: 'placeholder "{img_parts[host]}" has no value here'
  })
})

test.each([
  ['--build-arg A=1  --label "x y"', ['--build-arg', 'A=1', '--label', 'x y']],
  ['a \'b "c" d\' e\\ f', ['a', 'b "c" d', 'e f']],
  ['"a\\"b" \'\'', ['a"b', '']],
  ['$(rm -rf /) `x` ; |', ['$(rm', '-rf', '/)', '`x`', ';', '|']],
  ['', []]
])('splitShellWords(%j)', (s, want) => {
  expect(splitShellWords(s)).toEqual(want)
})

test('splitShellWords reports unbalanced quotes', () => {
  expect(splitShellWords('a "b')).toBe('unterminated double quote')
  expect(splitShellWords("a 'b")).toBe('unterminated single quote')
})

test('sanitizeName makes docker-tag-safe names', () => {
  expect(sanitizeName('corpusops/docker-matrix:v0.25.1')).toBe('corpusops-docker-matrix-v0.25.1')
  expect(sanitizeName('__My Image__')).toBe('my-image__')
})

test('closest suggests only likely typos', () => {
  expect(closest('bulder', ['builder', 'base'])).toBe('builder')
  expect(closest('zzz', ['builder', 'base'])).toBeUndefined()
})
