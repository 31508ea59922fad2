/**
 * Software bills of materials of an exported image, in the two standard formats: SPDX 2.3 JSON
 * (sbom.spdx.json) and CycloneDX 1.5 JSON (sbom.cdx.json). They list the packages of the image's
 * own package database (packages.ts) with a package URL each, and say which image of the build
 * chain added each package (origin.ts). Pure functions of their input, sorted, with the creation
 * time from SOURCE_DATE_EPOCH when set: the same image gives the same bytes.
 *
 * Licences: apk and rpm databases state one, and so does a Debian package whose copyright file is
 * machine-readable (DEP-5, origin.ts), each in its own words (often not an SPDX expression: "GPLv2+",
 * "GPL-2+"). So SPDX gets NOASSERTION with the stated text as a comment, and CycloneDX gets it as a
 * licence name; a package whose licence is free text gets none.
 */
import { createHash } from 'node:crypto'
import type { OsRelease } from './origin.js'
import { packageId } from './origin.js'
import type { Package, PackageFormat } from './packages.js'

export const SBOM_FORMATS = ['spdx', 'cyclonedx', 'both', 'none'] as const
export type SbomFormat = (typeof SBOM_FORMATS)[number]

export const SPDX_FILE = 'sbom.spdx.json'
export const CYCLONEDX_FILE = 'sbom.cdx.json'

/** The files a format choice writes. */
export function sbomFiles(format: SbomFormat): string[] {
  if (format === 'none') return []
  if (format === 'spdx') return [SPDX_FILE]
  if (format === 'cyclonedx') return [CYCLONEDX_FILE]
  return [SPDX_FILE, CYCLONEDX_FILE]
}

export interface SbomInput {
  /** The image's name in the catalog. */
  image: string
  /** Its input key (sha256 hex), when Kiln built it. */
  key?: string
  packageFormat: PackageFormat | null
  packages: Package[]
  os: OsRelease | null
  /** packageId → the image of the chain that added the package at that version (absent: unknown). */
  addedBy: Map<string, string>
  /** The archives the SBOM describes. */
  archives: Array<{ file: string; sha256: string }>
  /** Seconds since 1970; the current time when undefined. */
  sourceDateEpoch?: number
  /** Kiln's own version, named as the tool that wrote the document. */
  toolVersion: string
}

const PURL_TYPE: Record<PackageFormat, string> = { dpkg: 'deb', apk: 'apk', rpm: 'rpm' }

/** Percent-encoding of a purl component: as encodeURIComponent, ':' left as it is (as packageurl-js does). */
const purlEncode = (s: string): string => encodeURIComponent(s).replace(/%3A/g, ':')

/**
 * The package URL of a package: pkg:deb/debian/dpkg@1.21.22?arch=amd64&distro=debian-12
 * (type from the database, namespace from os-release's ID, qualifiers sorted by key).
 */
export function purlOf(p: Package, format: PackageFormat, os: OsRelease | null): string {
  const namespace = (os?.id ?? (format === 'apk' ? 'alpine' : '')).toLowerCase()
  const distroVersion = os?.versionId ?? os?.versionCodename
  const qualifiers: Array<[string, string]> = []
  if (p.arch) qualifiers.push(['arch', p.arch])
  if (os?.id) qualifiers.push(['distro', distroVersion ? `${os.id}-${distroVersion}` : os.id])
  if (p.source && p.source !== p.name) qualifiers.push(['upstream', p.source])
  qualifiers.sort(([a], [b]) => (a < b ? -1 : 1))
  const name = format === 'apk' ? p.name : p.name.toLowerCase()
  const query = qualifiers.map(([k, v]) => `${k}=${purlEncode(v)}`).join('&')
  return (
    `pkg:${PURL_TYPE[format]}/${namespace ? `${purlEncode(namespace)}/` : ''}${purlEncode(name)}` +
    `${p.version ? `@${purlEncode(p.version)}` : ''}${query ? `?${query}` : ''}`
  )
}

/** ISO time without milliseconds (SPDX's YYYY-MM-DDThh:mm:ssZ), from SOURCE_DATE_EPOCH when set. */
export function creationTime(sourceDateEpoch?: number): string {
  const ms = sourceDateEpoch !== undefined ? sourceDateEpoch * 1000 : Date.now()
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** A digest of everything the document says, for names that must be unique yet reproducible. */
function contentId(input: SbomInput): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        input.image,
        input.key ?? null,
        input.packages.map(packageId).sort(),
        input.archives.map((a) => `${a.sha256} ${a.file}`).sort()
      ])
    )
    .digest('hex')
}

const sorted = (packages: Package[]): Package[] =>
  [...packages].sort((a, b) => {
    const x = packageId(a)
    const y = packageId(b)
    return x < y ? -1 : x > y ? 1 : 0
  })

/** SPDX element ids allow letters, digits, '.' and '-' only. */
const spdxId = (kind: string, text: string): string =>
  `SPDXRef-${kind}-${text.replace(/[^A-Za-z0-9.-]/g, '-')}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`

/** The SPDX 2.3 document of an image. */
export function spdxDocument(input: SbomInput): Record<string, unknown> {
  const created = creationTime(input.sourceDateEpoch)
  const tool = `Tool: kiln-${input.toolVersion}`
  const imageId = spdxId('Image', input.image)
  const imagePackage = {
    SPDXID: imageId,
    name: input.image,
    ...(input.key ? { versionInfo: input.key } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: 'OPERATING-SYSTEM',
    comment: `Operating-system image built by Kiln${input.key ? ` from input key ${input.key}` : ''}${
      input.os?.prettyName ? `; ${input.os.prettyName}` : ''
    }`
  }
  const archives = [...input.archives]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .map((a) => ({
      SPDXID: spdxId('Archive', a.file),
      name: a.file,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      checksums: [{ algorithm: 'SHA256', checksumValue: a.sha256 }],
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'ARCHIVE'
    }))
  const packages = sorted(input.packages).map((p) => {
    const id = packageId(p)
    const addedBy = input.addedBy.get(id)
    return {
      SPDXID: spdxId('Package', id),
      name: p.name,
      versionInfo: p.version,
      ...(p.source && p.source !== p.name ? { sourceInfo: `built from the source package ${p.source}` } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      ...(p.license ? { licenseComments: `The package database states: ${p.license}` } : {}),
      copyrightText: 'NOASSERTION',
      ...(input.packageFormat
        ? {
            externalRefs: [
              {
                referenceCategory: 'PACKAGE-MANAGER',
                referenceType: 'purl',
                referenceLocator: purlOf(p, input.packageFormat, input.os)
              }
            ]
          }
        : {}),
      ...(addedBy
        ? {
            annotations: [
              {
                annotationType: 'OTHER',
                annotator: tool,
                annotationDate: created,
                comment: `kiln:added-by=${addedBy}`
              }
            ]
          }
        : {}),
      primaryPackagePurpose: 'INSTALL'
    }
  })
  const relationships = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
    ...packages.map((p) => ({
      spdxElementId: imageId,
      relationshipType: 'CONTAINS',
      relatedSpdxElement: p.SPDXID
    })),
    ...archives.map((a) => ({
      spdxElementId: a.SPDXID,
      relationshipType: 'DISTRIBUTION_ARTIFACT',
      relatedSpdxElement: imageId
    }))
  ]
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: input.image,
    documentNamespace: `https://spdx.org/spdxdocs/kiln/${input.image}-${contentId(input)}`,
    creationInfo: { created, creators: [tool] },
    packages: [imagePackage, ...archives, ...packages],
    relationships
  }
}

/** A UUID-shaped name made from a digest (CycloneDX's serialNumber), the same for the same content. */
function uuidOf(hex: string): string {
  const h = `${hex.slice(0, 12)}5${hex.slice(13, 16)}${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 32)}`
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/** The CycloneDX 1.5 BOM of an image. */
export function cyclonedxDocument(input: SbomInput): Record<string, unknown> {
  const imageRef = `image:${input.image}`
  const components = sorted(input.packages).map((p) => {
    const id = packageId(p)
    const purl = input.packageFormat ? purlOf(p, input.packageFormat, input.os) : undefined
    const addedBy = input.addedBy.get(id)
    const properties = [
      ...(addedBy ? [{ name: 'kiln:added-by', value: addedBy }] : []),
      ...(p.arch ? [{ name: 'kiln:arch', value: p.arch }] : []),
      ...(p.source && p.source !== p.name ? [{ name: 'kiln:source-package', value: p.source }] : [])
    ]
    return {
      type: 'library',
      'bom-ref': purl ?? `package:${id}`,
      name: p.name,
      version: p.version,
      ...(p.license ? { licenses: [{ license: { name: p.license } }] } : {}),
      ...(purl ? { purl } : {}),
      properties
    }
  })
  const archives = [...input.archives]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .map((a) => ({
      type: 'file',
      'bom-ref': `archive:${a.file}`,
      name: a.file,
      hashes: [{ alg: 'SHA-256', content: a.sha256 }]
    }))
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${uuidOf(contentId(input))}`,
    version: 1,
    metadata: {
      timestamp: creationTime(input.sourceDateEpoch),
      tools: { components: [{ type: 'application', name: 'kiln', version: input.toolVersion }] },
      component: {
        type: 'operating-system',
        'bom-ref': imageRef,
        name: input.image,
        ...(input.key ? { version: input.key } : {}),
        ...(input.os?.prettyName ? { description: input.os.prettyName } : {}),
        components: archives
      },
      ...(input.key ? { properties: [{ name: 'kiln:key', value: input.key }] } : {})
    },
    components,
    dependencies: [{ ref: imageRef, dependsOn: components.map((c) => c['bom-ref']) }]
  }
}
