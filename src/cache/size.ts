/**
 * Parses a size as users write it: "8G", "500M", "10GB", "1.5 TiB", "1048576". Units are powers
 * of 1024 (K, M, G, T; a trailing "B" or "iB" is accepted). Throws on anything else.
 */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text)
  if (!m)
    throw new Error(
      `invalid size ${JSON.stringify(text)}: expected a number with an optional unit K, M, G or T`
    )
  const power = ['', 'k', 'm', 'g', 't'].indexOf(m[2].toLowerCase())
  return Math.floor(Number(m[1]) * 1024 ** power)
}

/**
 * A size in parseSize's own units (powers of 1024, written K, M, G, T as a cap is given), so
 * that a cap given as "8G" is shown as 8G: the largest unit it is at least one of, with one
 * decimal when it is not a whole number of it ("1.5T"). formatBytes (powers of 1000, "kB")
 * is for sizes of files, as tools show them; this is for caps and what is measured against them.
 */
export function formatSize(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T']
  let i = 0
  while (i < units.length - 1 && bytes >= 1024 ** (i + 1)) i++
  const n = bytes / 1024 ** i
  return `${Number.isInteger(n) ? n : n.toFixed(1)}${units[i] || ' bytes'}`
}
