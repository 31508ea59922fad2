/**
 * Kiln's version, from package.json: ncc bundles the JSON into dist/ at build time, so the
 * Action and the `kiln` command report the version they were built as (a release tags it).
 */
import pkg from '../../package.json' with { type: 'json' }

export const KILN_VERSION: string = pkg.version
