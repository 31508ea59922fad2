/**
 * The `verify` field of an image: `true`/`false` (the boot gate on or off, as before), or the
 * gates one by one: `{ "boot": true, "install": true, "netboot": false }`. In an object, `boot`
 * defaults to true and the others to false: the provisioning and netboot gates cost minutes
 * under TCG, so each image opts in.
 */
export interface VerifyGates {
  /** Boot the image's own kernel and initrd with its root as a disk (the boot gate). */
  boot: boolean
  /** Provision a blank disk in qemu and boot it under SeaBIOS and OVMF (the provisioning gate). */
  install: boolean
  /** Boot the image over the network (the netboot gate). */
  netboot: boolean
}

export type RawVerify = boolean | Partial<VerifyGates>

export function parseVerify(raw: RawVerify | undefined): VerifyGates {
  if (raw === undefined || raw === true) return { boot: true, install: false, netboot: false }
  if (raw === false) return { boot: false, install: false, netboot: false }
  return { boot: raw.boot ?? true, install: raw.install ?? false, netboot: raw.netboot ?? false }
}
