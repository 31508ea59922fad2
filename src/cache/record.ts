import type { KeyInput } from '../plan/types.js'
import type { OciImageConfig, OciManifest } from '../store/types.js'
import { bytesDigest, isDigest } from './digest.js'
import type { CacheRecord, ChangedInput, NamePointer } from './types.js'

/** A record that passed every check, with its manifest and config parsed. */
export interface VerifiedRecord {
  record: CacheRecord
  manifest: OciManifest
  config: OciImageConfig
}

/**
 * Checks a record taken from a backend before anything is built on it: its shape, that it is
 * the record of `key`, that the manifest text hashes to manifestDigest, that the config text
 * hashes to the manifest's config digest, and that the layer list agrees with the manifest.
 * Throws an Error saying what is wrong.
 */
export function verifyRecord(raw: unknown, key: string): VerifiedRecord {
  if (!raw || typeof raw !== 'object') throw new Error('record is not a JSON object')
  const r = raw as Partial<CacheRecord>
  if (r.version !== 1) throw new Error(`record version ${JSON.stringify(r.version)} is not 1`)
  if (r.key !== key)
    throw new Error(`record is for key ${String(r.key).slice(0, 12)}, not ${key.slice(0, 12)}`)
  if (typeof r.manifest !== 'string' || typeof r.config !== 'string')
    throw new Error('record lacks manifest or config')
  if (!isDigest(r.manifestDigest)) throw new Error('record has no valid manifestDigest')
  if (bytesDigest(r.manifest) !== r.manifestDigest) throw new Error('manifest does not match its digest')
  let manifest: OciManifest
  let config: OciImageConfig
  try {
    manifest = JSON.parse(r.manifest) as OciManifest
    config = JSON.parse(r.config) as OciImageConfig
  } catch (e) {
    throw new Error(`record holds invalid JSON: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (!manifest?.config || !Array.isArray(manifest.layers)) throw new Error('manifest lacks config or layers')
  if (bytesDigest(r.config) !== manifest.config.digest) throw new Error('config does not match the manifest')
  if (!Array.isArray(r.layers) || r.layers.length !== manifest.layers.length) {
    throw new Error('layer list does not match the manifest')
  }
  r.layers.forEach((l, i) => {
    if (!isDigest(l.digest) || l.digest !== manifest.layers[i].digest) {
      throw new Error(`layer ${i} does not match the manifest`)
    }
  })
  const diffIDs = config.rootfs?.diff_ids
  if (!Array.isArray(diffIDs) || diffIDs.length !== manifest.layers.length) {
    throw new Error('config rootfs.diff_ids does not match the manifest layers')
  }
  // The store keeps layers uncompressed, so a layer's diffID is its digest: anything else
  // (a path in disguise, say) did not come from a store.
  diffIDs.forEach((d, i) => {
    if (d !== manifest.layers[i].digest)
      throw new Error(`config rootfs.diff_ids[${i}] is not the digest of layer ${i}`)
  })
  if (!Array.isArray(r.inputs)) throw new Error('record lacks its inputs')
  return { record: r as CacheRecord, manifest, config }
}

export function parsePointer(raw: unknown, name: string): NamePointer | null {
  if (!raw || typeof raw !== 'object') return null
  const p = raw as Partial<NamePointer>
  if (p.name !== name || typeof p.key !== 'string' || !/^[0-9a-f]{64}$/.test(p.key)) return null
  return { name: p.name, key: p.key, savedAt: String(p.savedAt ?? '') }
}

/**
 * What differs between two input manifests, matched by kind + name: added, removed, changed
 * (same kind and name, other digest). Order: the current inputs' order, removed ones last.
 */
export function diffInputs(previous: KeyInput[], current: KeyInput[]): ChangedInput[] {
  const id = (i: KeyInput) => `${i.kind}\u0000${i.name}`
  const before = new Map(previous.map((i) => [id(i), i.digest]))
  const now = new Set(current.map(id))
  const out: ChangedInput[] = []
  for (const i of current) {
    const was = before.get(id(i))
    if (was === undefined) out.push({ kind: i.kind, name: i.name, change: 'added' })
    else if (was !== i.digest) out.push({ kind: i.kind, name: i.name, change: 'changed' })
  }
  for (const i of previous) {
    if (!now.has(id(i))) out.push({ kind: i.kind, name: i.name, change: 'removed' })
  }
  return out
}
