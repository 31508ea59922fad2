/**
 * Splits a command-line string into words the way a POSIX shell would quote them (like
 * Python's shlex.split), without expanding anything and without ever running a shell.
 * corpusops writes builder arguments as one string; Kiln passes them as an argument array.
 */
export function splitShellWords(s: string): string[] | string {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < s.length) {
    const c = s[i]
    if (c === "'") {
      const end = s.indexOf("'", i + 1)
      if (end < 0) return 'unterminated single quote'
      word += s.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (c === '"') {
      i++
      for (;;) {
        if (i >= s.length) return 'unterminated double quote'
        const d = s[i]
        if (d === '"') break
        // Inside double quotes a backslash only escapes these, as in sh.
        if (d === '\\' && i + 1 < s.length && '\\"$`\n'.includes(s[i + 1])) {
          if (s[i + 1] !== '\n') word += s[i + 1]
          i += 2
        } else {
          word += d
          i++
        }
      }
      inWord = true
      i++
    } else if (c === '\\') {
      if (i + 1 >= s.length) return 'trailing backslash'
      if (s[i + 1] !== '\n') {
        word += s[i + 1]
        inWord = true
      }
      i += 2
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else {
      word += c
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}
