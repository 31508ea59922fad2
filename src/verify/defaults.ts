/** Time limit of one boot of the boot check, in seconds. */
export const DEFAULT_BOOT_TIMEOUT_SEC = 120
