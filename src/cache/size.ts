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
