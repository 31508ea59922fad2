/** Where overlay and aci builds keep unpacked layers: $KILN_SANDBOX_CACHE, else /var/tmp/kiln. */
export const DEFAULT_CACHE_DIR = process.env.KILN_SANDBOX_CACHE ?? '/var/tmp/kiln'
