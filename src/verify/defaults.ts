/** Time limit of one boot of the boot check, in seconds. */
export const DEFAULT_BOOT_TIMEOUT_SEC = 120
/** Time limit of the provisioning gate's installer VM (partitioning to grub.cfg), in seconds. */
export const DEFAULT_INSTALL_TIMEOUT_SEC = 600

/** Time limit of one netboot of the netboot check (downloads included), in seconds. */
export const DEFAULT_NETBOOT_TIMEOUT_SEC = 300
