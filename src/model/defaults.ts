/** Where a catalog is looked for when none is named: Kiln's names, then corpusops' places. */
export const DEFAULT_CATALOG_FILES = [
  'IMAGES.json',
  'IMAGES.yaml',
  'IMAGES.yml',
  '.docker/IMAGES.json',
  'docker/IMAGES.json'
]
