/**
 * What the provisioning gate runs inside its installer VM, and what it writes on the disk:
 * pure text, table-tested. The install does what a provisioner (Packet's OSIE, a Tinkerbell
 * workflow) does to a blank disk, each step announced on the serial console as
 *
 *   KILN-INSTALL <token> stage <name>             a stage begins
 *   KILN-INSTALL <token> note <text>              something the report shows
 *   KILN-INSTALL <token> fail <name> <why>        the stage failed; the VM powers off
 *   KILN-INSTALL <token> done                     every stage passed
 *
 * so the host names the stage that failed. Everything the image brings (its grub-install)
 * runs here, in the guest, chrooted into the new root: never on the host.
 */

/** Virtual disks of the installer VM, in the order the host attaches them (virtio: vda, vdb, …). */
export const INSTALLER_DISKS = {
  /** The installer's own root filesystem (read-only). */
  installer: '/dev/vda',
  /** A tar of this run's files: install.sh, kiln-check, vmlinuz, initrd (read-only). */
  control: '/dev/vdb',
  /** image.tar.gz, decompressed: a raw tar the guest reads from the device (read-only). */
  rootfs: '/dev/vdc',
  /** modules.tar.gz, decompressed (read-only). */
  modules: '/dev/vdd',
  /** The blank disk the image is installed on: what `raw`/`qcow2` export. */
  target: '/dev/vde',
  /** A copy-on-write overlay of the target: the gate's boot entry and check program go there only. */
  gate: '/dev/vdf'
} as const

/** The one disk of a disk boot, and its root partition (as the check program sees them). */
export const DISK_BOOT_DEVICE = '/dev/vda'
export const ROOT_PARTITION = 3

/** Where the installer's init finds this run's files (a tmpfs). */
export const CONTROL_DIR = '/run/kiln'

export type Firmware = 'bios' | 'uefi'
export const FIRMWARES: readonly Firmware[] = ['bios', 'uefi']

/** Stages in order; the host names a failure by these. */
export const INSTALL_STAGES = [
  'disks',
  'partition',
  'mkfs',
  'unpack-rootfs',
  'unpack-modules',
  'kernel',
  'fstab',
  'cmdline',
  'bootloader-package',
  'grub-install-bios',
  'grub-install-uefi',
  'grub-cfg',
  'finish',
  'gate-disk'
] as const
export type InstallStage = (typeof INSTALL_STAGES)[number]

/** What each stage does, in words for a failure message. */
export const STAGE_WORDS: Record<InstallStage, string> = {
  disks: 'finding the disks',
  partition: 'partitioning the disk',
  mkfs: 'making the file systems',
  'unpack-rootfs': 'unpacking image.tar.gz',
  'unpack-modules': 'unpacking modules.tar.gz',
  kernel: 'placing the kernel and initrd',
  fstab: 'writing /etc/fstab',
  cmdline: 'reading /etc/kernel/cmdline',
  'bootloader-package': "looking for the image's GRUB",
  'grub-install-bios': 'grub-install --target=i386-pc',
  'grub-install-uefi': 'grub-install --target=x86_64-efi',
  'grub-cfg': 'writing grub.cfg',
  finish: 'unmounting',
  'gate-disk': "preparing the gate's boot entry"
}

/**
 * The disk's layout (GPT, 1 MiB aligned): a BIOS boot partition for GRUB's core image, an ESP,
 * and the root filesystem on the rest. Partition numbers are fixed: the check program and the
 * boot entries rely on root being the third.
 */
export interface PartitionPlan {
  biosBootMiB: number
  espMiB: number
}

export const DEFAULT_PARTITIONS: PartitionPlan = { biosBootMiB: 1, espMiB: 64 }

/** sgdisk's arguments for the plan (without the device). */
export function sgdiskArgs(plan: PartitionPlan = DEFAULT_PARTITIONS): string[] {
  return [
    '-a',
    '2048',
    '-n',
    `1:2048:+${plan.biosBootMiB}M`,
    '-t',
    '1:EF02',
    '-c',
    '1:bios-boot',
    '-n',
    `2:0:+${plan.espMiB}M`,
    '-t',
    '2:EF00',
    '-c',
    '2:esp',
    '-n',
    `${ROOT_PARTITION}:0:0`,
    '-t',
    `${ROOT_PARTITION}:8300`,
    '-c',
    `${ROOT_PARTITION}:root`
  ]
}

/** Size of the blank disk for a root filesystem of `rootBytes` (the raw tar sizes): sparse, so generous. */
export function targetDiskBytes(rootBytes: number, plan: PartitionPlan = DEFAULT_PARTITIONS): number {
  const MiB = 1024 * 1024
  // ext4 metadata and the journal, a margin for what the first boot writes, the partitions before root.
  const root = Math.ceil((rootBytes * 1.25) / MiB) + 256
  return (root + plan.biosBootMiB + plan.espMiB + 2) * MiB
}

export interface DiskIds {
  /** ext4 UUID of the root filesystem. */
  rootUuid: string
  /** FAT volume id of the ESP, as fstab and blkid write it: XXXX-XXXX. */
  espId: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const FAT_ID = /^[0-9A-F]{4}-[0-9A-F]{4}$/
const TOKEN = /^[0-9a-f]{8,64}$/

function checkIds(ids: DiskIds): void {
  if (!UUID.test(ids.rootUuid)) throw new Error(`install gate: not a UUID: ${JSON.stringify(ids.rootUuid)}`)
  if (!FAT_ID.test(ids.espId))
    throw new Error(`install gate: not a FAT volume id: ${JSON.stringify(ids.espId)}`)
}

/** /etc/fstab of the installed system: both file systems by UUID, as a provisioner writes it. */
export function fstab(ids: DiskIds): string {
  checkIds(ids)
  return (
    '# Written by the provisioner (Kiln provisioning gate): file systems by UUID.\n' +
    `UUID=${ids.rootUuid} / ext4 errors=remount-ro 0 1\n` +
    `UUID=${ids.espId} /boot/efi vfat umask=0077 0 1\n`
  )
}

/**
 * GRUB quoting of one kernel command-line word: single quotes, which GRUB's script reads
 * literally (no $ expansion, no `;`), with ' itself written '\''.
 */
export function grubQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}

export interface GrubConfigOptions {
  ids: DiskIds
  /** The image's kernel command line (its /etc/kernel/cmdline), split into words. */
  cmdline: string[]
  /** Menu title. */
  title?: string
}

/** The entry that boots the installed image: its kernel and initrd from /boot, root by UUID, then its command line. */
function imageEntry(o: GrubConfigOptions, id: string, extra: string[]): string {
  const args = [`root=UUID=${o.ids.rootUuid}`, 'ro', ...o.cmdline, ...extra].map(grubQuote).join(' ')
  return [
    `menuentry ${grubQuote(o.title ?? 'Linux')} --id ${id} {`,
    '  insmod part_gpt',
    '  insmod ext2',
    `  search --no-floppy --fs-uuid --set=root ${o.ids.rootUuid}`,
    `  linux /boot/vmlinuz ${args}`,
    '  initrd /boot/initrd',
    '}'
  ].join('\n')
}

/** /boot/grub/grub.cfg of the installed (exported) disk. */
export function grubConfig(o: GrubConfigOptions): string {
  checkIds(o.ids)
  return [
    '# Written by the provisioner (Kiln provisioning gate).',
    'set default=kiln-image',
    'set timeout=3',
    imageEntry(o, 'kiln-image', []),
    ''
  ].join('\n')
}

export interface GateGrubOptions extends GrubConfigOptions {
  /** Printed by GRUB before it loads the kernel: the host then knows the firmware started GRUB. */
  grubToken: string
  /** What the gate adds to the image's command line (serial console, panic, init=/kiln-check). */
  gateArgs: string[]
}

/**
 * grub.cfg of the gate's overlay only: GRUB on the serial line, the check entry by default
 * (the image's command line, then the gate's console, panic and init=/kiln-check, which win
 * being last), the image's own entry after it. Never on the exported disk.
 */
export function gateGrubConfig(o: GateGrubOptions): string {
  checkIds(o.ids)
  if (!TOKEN.test(o.grubToken)) throw new Error(`install gate: unsafe token ${JSON.stringify(o.grubToken)}`)
  return [
    "# Kiln provisioning gate: the check entry (on the gate's scratch overlay only).",
    'serial --unit=0 --speed=115200',
    'terminal_input serial console',
    'terminal_output serial console',
    'set default=kiln-check',
    'set timeout=0',
    `echo 'KILN-GRUB ${o.grubToken}'`,
    imageEntry({ ...o, title: 'kiln-check' }, 'kiln-check', o.gateArgs),
    imageEntry(o, 'kiln-image', []),
    ''
  ].join('\n')
}

export interface InstallScriptOptions {
  token: string
  ids: DiskIds
  firmware: readonly Firmware[]
  plan?: PartitionPlan
  /** Everything of grub.cfg but the command line, which only the guest reads (from the image). */
  grub: { grubToken: string; gateArgs: string[]; title: string }
}

/** POSIX sh, single-quoted (the values are Kiln's own, checked, but quoting costs nothing). */
function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/**
 * install.sh for the installer VM. The grub.cfg files are written by the guest from templates
 * whose command line placeholder (@CMDLINE@) it fills with the image's words, GRUB-quoted.
 */
export function installScript(o: InstallScriptOptions): string {
  if (!TOKEN.test(o.token)) throw new Error(`install gate: unsafe token ${JSON.stringify(o.token)}`)
  checkIds(o.ids)
  const plan = o.plan ?? DEFAULT_PARTITIONS
  const d = INSTALLER_DISKS
  const placeholder = ['@CMDLINE@']
  // Templates: the marker word stands for the image's words; grubQuote('@CMDLINE@') is what to replace.
  const base = { ids: o.ids, cmdline: placeholder, title: o.grub.title }
  const clean = grubConfig(base)
  const gate = gateGrubConfig({ ...base, grubToken: o.grub.grubToken, gateArgs: o.grub.gateArgs })
  const bios = o.firmware.includes('bios')
  const uefi = o.firmware.includes('uefi')
  const K = CONTROL_DIR
  return `#!/bin/sh
# Kiln's provisioning gate: the install, as a provisioner does it. Written per run; never published.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022
T=${o.token}
K=${K}
ROOTFS=${d.rootfs} MODULES=${d.modules} TARGET=${d.target} GATE=${d.gate}
ROOT_UUID=${o.ids.rootUuid}
ESP_ID=${o.ids.espId}
current=start

poweroff_now() {
  sync
  sleep 1
  echo 1 > /proc/sys/kernel/sysrq 2>/dev/null
  echo o > /proc/sysrq-trigger 2>/dev/null
  sleep 10
  poweroff -f
}
stage() { current=$1; echo "KILN-INSTALL $T stage $1"; }
note() { echo "KILN-INSTALL $T note $*" | tr -d '\\r'; }
# The failing command's last lines, then the one line the host reads; then off.
fail() {
  [ -n "\${out:-}" ] && printf '%s\\n' "$out" | tail -n 25
  echo "KILN-INSTALL $T fail $current $*" | tr -d '\\r'
  poweroff_now
}
oneline() { printf '%s' "$1" | tail -n 3 | tr '\\n\\r' '  ' | cut -c1-400; }
# run WHAT CMD...: runs CMD, fails the stage with WHAT and the command's last lines.
run() {
  what=$1; shift
  out=$("$@" 2>&1) || fail "$what: $(oneline "$out")"
  out=
}
waitdev() {
  i=0
  while [ ! -b "$1" ]; do
    i=$((i + 1)); [ $i -gt 100 ] && fail "$1 did not appear"
    sleep 0.1
  done
}

stage disks
for dev in $ROOTFS $MODULES $TARGET $GATE; do
  [ -b "$dev" ] || fail "no $dev: the host attached fewer disks than expected"
done
mkdir -p $K/t $K/g || fail "cannot make mount points under $K"

stage partition
# The disk is blank (a new sparse file): one sgdisk call writes both GPT headers.
run "sgdisk" sgdisk ${sgdiskArgs(plan).join(' ')} $TARGET
blockdev --rereadpt $TARGET 2>/dev/null
waitdev ${d.target}${ROOT_PARTITION}
waitdev ${d.target}2

stage mkfs
run "mkfs.ext4" mkfs.ext4 -q -F -U $ROOT_UUID -L root ${d.target}${ROOT_PARTITION}
run "mkfs.vfat" mkfs.vfat -F 32 -n ESP -i $(echo $ESP_ID | tr -d -) ${d.target}2
run "mount the root file system" mount -t ext4 ${d.target}${ROOT_PARTITION} $K/t

stage unpack-rootfs
# GNU tar, as the provisioner unpacks it: owners, modes, links and xattrs kept; the image's
# own modules left out (modules.tar.gz brings them, as on the machine).
run "tar" tar -x -p -f $ROOTFS -C $K/t --numeric-owner --xattrs --xattrs-include='*' \\
  --anchored --exclude=./lib/modules --exclude=./usr/lib/modules --exclude=lib/modules --exclude=usr/lib/modules
[ -d $K/t/etc ] || fail "image.tar.gz has no /etc"

stage unpack-modules
run "tar" tar -x -p -f $MODULES -C $K/t --numeric-owner --keep-directory-symlink
note "modules: $(ls $K/t/lib/modules 2>/dev/null | tr '\\n' ' ')"

stage kernel
mkdir -p $K/t/boot || fail "cannot make /boot"
rm -f $K/t/boot/vmlinuz $K/t/boot/initrd
run "copy vmlinuz" cp $K/vmlinuz $K/t/boot/vmlinuz
run "copy initrd" cp $K/initrd $K/t/boot/initrd

stage fstab
mkdir -p $K/t/boot/efi || fail "cannot make /boot/efi"
rm -f $K/t/etc/fstab
cat > $K/t/etc/fstab <<'KILN_EOF' || fail "cannot write /etc/fstab"
${fstab(o.ids)}KILN_EOF

stage cmdline
cmdline=
if [ -f $K/t/etc/kernel/cmdline ]; then
  cmdline=$(head -n 1 $K/t/etc/kernel/cmdline | tr -d '\\r')
  case "$cmdline" in
    *[![:print:]]*) fail "/etc/kernel/cmdline holds control characters" ;;
  esac
  [ \${#cmdline} -le 1024 ] || fail "/etc/kernel/cmdline is longer than 1024 characters"
  note "cmdline $cmdline"
else
  note "cmdline (none: the image has no /etc/kernel/cmdline)"
fi
# Each word GRUB-quoted: '…' with ' written '\\''. The gate's entry (gcmd) leaves out the
# image's serial consoles: Linux has one serial console, the first console=ttyS<n> named, and the
# check must print on COM1, the one port of the gate's VM. The disk's own grub.cfg keeps them.
qcmd=
gcmd=
set -f
for w in $cmdline; do
  q=$(printf '%s' "$w" | sed "s/'/'\\\\\\\\''/g")
  qcmd="$qcmd '$q'"
  case "$w" in console=ttyS*) ;; *) gcmd="$gcmd '$q'" ;; esac
done
set +f
qcmd=\${qcmd# }
gcmd=\${gcmd# }

stage bootloader-package
# Looked up inside the image (chroot): its links lead within it, not into the installer.
[ -x $K/t/bin/sh ] || [ -L $K/t/bin/sh ] || fail "the image has no /bin/sh"
gi=$(chroot $K/t /bin/sh -c 'command -v grub-install' 2>/dev/null)
[ -n "$gi" ] || fail "the image has no grub-install (Debian: package grub2-common)"
${
  bios
    ? `chroot $K/t /bin/sh -c 'test -f /usr/lib/grub/i386-pc/boot.img' ||
  fail "the image has no GRUB for BIOS: /usr/lib/grub/i386-pc/boot.img (Debian: package grub-pc-bin)"`
    : ':'
}
${
  uefi
    ? `chroot $K/t /bin/sh -c 'test -f /usr/lib/grub/x86_64-efi/kernel.img' ||
  fail "the image has no GRUB for UEFI: /usr/lib/grub/x86_64-efi/kernel.img (Debian: package grub-efi-amd64-bin)"`
    : ':'
}
note "bootloader $gi"
for m in dev proc sys; do mkdir -p $K/t/$m; done
run "bind /dev" mount --bind /dev $K/t/dev
run "mount /proc" mount -t proc proc $K/t/proc
run "mount /sys" mount -t sysfs sysfs $K/t/sys
${
  bios
    ? `
stage grub-install-bios
run "grub-install --target=i386-pc failed" chroot $K/t grub-install --target=i386-pc --boot-directory=/boot $TARGET`
    : ''
}
${
  uefi
    ? `
stage grub-install-uefi
run "mount the ESP" mount -t vfat ${d.target}2 $K/t/boot/efi
run "grub-install --target=x86_64-efi failed" chroot $K/t grub-install --target=x86_64-efi --efi-directory=/boot/efi --boot-directory=/boot --removable --no-nvram
[ -f $K/t/boot/efi/EFI/BOOT/BOOTX64.EFI ] || fail "grub-install left no /EFI/BOOT/BOOTX64.EFI on the ESP"`
    : ''
}

stage grub-cfg
mkdir -p $K/t/boot/grub || fail "cannot make /boot/grub"
rm -f $K/t/boot/grub/grub.cfg
# The templates' placeholder word is replaced by the image's words; sed reads them from a file.
printf '%s\\n' "$qcmd" > $K/cmdline.grub
printf '%s\\n' "$gcmd" > $K/cmdline-gate.grub
awk -v ph=${shq(grubQuote(placeholder[0]))} 'NR == FNR { c = $0; next } { i = index($0, ph); if (i) $0 = substr($0, 1, i - 1) c substr($0, i + length(ph)); print }' $K/cmdline.grub - > $K/t/boot/grub/grub.cfg <<'KILN_EOF' || fail "cannot write grub.cfg"
${clean}KILN_EOF
awk -v ph=${shq(grubQuote(placeholder[0]))} 'NR == FNR { c = $0; next } { i = index($0, ph); if (i) $0 = substr($0, 1, i - 1) c substr($0, i + length(ph)); print }' $K/cmdline-gate.grub - > $K/gate.cfg <<'KILN_EOF' || fail "cannot write the gate's grub.cfg"
${gate}KILN_EOF

stage finish
umount $K/t/boot/efi 2>/dev/null
umount $K/t/sys $K/t/proc $K/t/dev
run "unmount the root file system" umount $K/t
sync
blockdev --flushbufs $TARGET

stage gate-disk
# The overlay reads what the target now holds: drop what the guest read of it while blank.
blockdev --flushbufs $GATE
blockdev --rereadpt $GATE 2>/dev/null
waitdev ${d.gate}${ROOT_PARTITION}
run "mount the overlay's root" mount -t ext4 ${d.gate}${ROOT_PARTITION} $K/g
rm -f $K/g/kiln-check $K/g/boot/grub/grub.cfg
run "place the check program" cp $K/kiln-check $K/g/kiln-check
chmod 0755 $K/g/kiln-check
run "place the gate's grub.cfg" cp $K/gate.cfg $K/g/boot/grub/grub.cfg
run "unmount the overlay" umount $K/g
sync

echo "KILN-INSTALL $T done"
poweroff_now
`
}

/** init of the installer VM (baked into the installer's root): unpacks this run's files and runs install.sh. */
export const INSTALLER_INIT = `#!/bin/sh
# init of Kiln's installer VM: reads this run's files from the second disk and runs install.sh.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
[ -r /proc/mounts ] || mount -t proc proc /proc
[ -d /sys/kernel ] || mount -t sysfs sysfs /sys
[ -e /dev/null ] || mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p ${CONTROL_DIR}
if tar -x -f ${INSTALLER_DISKS.control} -C ${CONTROL_DIR} && [ -f ${CONTROL_DIR}/install.sh ]; then
  exec /bin/sh ${CONTROL_DIR}/install.sh
fi
echo "KILN-INSTALLER-BROKEN cannot read install.sh from ${INSTALLER_DISKS.control}"
echo 1 > /proc/sys/kernel/sysrq
echo o > /proc/sysrq-trigger
sleep 10
`
