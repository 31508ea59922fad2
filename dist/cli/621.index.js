export const id = 621;
export const ids = [621];
export const modules = {

/***/ 98054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Et: () => (/* binding */ hostAptSources),
/* harmony export */   Rb: () => (/* binding */ pickMirror)
/* harmony export */ });
/* unused harmony exports parseSourcesList, parseDeb822 */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The host's apt sources, read to pick the default mirror for a bootstrap: the mirror the
 * machine already uses is the one that is reachable (a runner behind a proxy or a local
 * mirror), so kiln never has to name one itself.
 */


/** One-line form: `deb [options] URI SUITE [COMPONENT...]`. */
function parseSourcesList(text) {
    const out = [];
    for (const raw of text.split('\n')) {
        const line = raw.replace(/#.*$/, '').trim();
        if (!line.startsWith('deb ') && !line.startsWith('deb\t'))
            continue;
        const rest = line
            .slice(4)
            .trim()
            .replace(/^\[[^\]]*\]\s*/, '');
        const [uri, suite, ...components] = rest.split(/\s+/);
        if (uri && suite)
            out.push({ uri, suites: [suite], components });
    }
    return out;
}
/** deb822 form (*.sources): stanzas of `Types:`, `URIs:`, `Suites:`, `Components:`. */
function parseDeb822(text) {
    const out = [];
    for (const stanza of text.split(/\n\s*\n/)) {
        const fields = new Map();
        let last = '';
        for (const raw of stanza.split('\n')) {
            if (raw.startsWith('#'))
                continue;
            if (/^\s/.test(raw) && last) {
                fields.set(last, `${fields.get(last)} ${raw.trim()}`);
                continue;
            }
            const m = /^([A-Za-z-]+):\s*(.*)$/.exec(raw);
            if (!m)
                continue;
            last = m[1].toLowerCase();
            fields.set(last, m[2].trim());
        }
        if (!(fields.get('types') ?? '').split(/\s+/).includes('deb'))
            continue;
        if ((fields.get('enabled') ?? 'yes').toLowerCase() === 'no')
            continue;
        const words = (k) => (fields.get(k) ?? '').split(/\s+/).filter(Boolean);
        for (const uri of words('uris'))
            out.push({ uri, suites: words('suites'), components: words('components') });
    }
    return out;
}
/** Every `deb` source configured under `aptDir` (sources.list, sources.list.d/*.list and *.sources). */
async function hostAptSources(aptDir = '/etc/apt') {
    const out = [];
    const read = (p) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(p, 'utf8').catch(() => '');
    out.push(...parseSourcesList(await read((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(aptDir, 'sources.list'))));
    const d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(aptDir, 'sources.list.d');
    const names = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(d).catch(() => [])).sort();
    for (const n of names) {
        if (n.endsWith('.list'))
            out.push(...parseSourcesList(await read((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(d, n))));
        else if (n.endsWith('.sources'))
            out.push(...parseDeb822(await read((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(d, n))));
    }
    return out;
}
/**
 * The mirror to bootstrap `suite` from: a source that carries that suite, else the first
 * main-archive source (not -security/-updates/-backports). Null when there is none.
 */
function pickMirror(sources, suite) {
    const exact = sources.find((s) => s.suites.includes(suite));
    if (exact)
        return exact.uri;
    const main = sources.find((s) => s.suites.some((x) => !/[-/](security|updates|backports)$/.test(x)));
    return main?.uri ?? null;
}


/***/ }),

/***/ 62136:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gu: () => (/* binding */ ext4FromTree),
/* harmony export */   Kp: () => (/* binding */ makeRootDisk),
/* harmony export */   j3: () => (/* binding */ settleAll)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37895);
/* harmony import */ var _util_in_root_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(71706);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(29906);
/* harmony import */ var _archives_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(60074);
/**
 * The root disk of the boot check: image.tar.gz unpacked to scratch, its kernel modules
 * replaced by the content of modules.tar.gz (so a broken modules archive fails the
 * gate, as it would on the machine it is provisioned to), the check program added, then
 * `mke2fs -d` makes an ext4 image of it: no loop device, no mount. The published
 * archives are only read.
 */







/** The image's own modules are left out: modules.tar.gz provides them. */
const ROOTFS_MODULE_DIRS = ['./lib/modules', './usr/lib/modules', 'lib/modules', 'usr/lib/modules'];
const MiB = 1024 * 1024;
async function makeRootDisk(opts) {
    const { reporter, signal } = opts;
    const root = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.work, 'root');
    const staging = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.work, 'modules');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(root);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(staging);
    // Both archives unpack at once: each is one decompressor and one tar, two cores between them.
    const extract = async (file, dest, extra) => {
        try {
            await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('tar', [...(await (0,_archives_js__WEBPACK_IMPORTED_MODULE_5__/* .decompressArgs */ .Fp)(file)), '-xpf', file, '-C', dest, '--numeric-owner', ...extra], {
                reporter
            });
        }
        catch (e) {
            throw (0,_archives_js__WEBPACK_IMPORTED_MODULE_5__/* .archiveError */ .Ji)(file, 'cannot be extracted', e);
        }
    };
    await settleAll([
        extract(opts.rootfs, root, [
            '--xattrs',
            '--xattrs-include=*',
            '--anchored',
            ...ROOTFS_MODULE_DIRS.map((d) => `--exclude=${d}`)
        ]),
        extract(opts.modules, staging, [])
    ]);
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(root).length === 0)
        throw new _archives_js__WEBPACK_IMPORTED_MODULE_5__/* .GateFailure */ .In(`${opts.rootfs} is empty`);
    const stagedModules = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(staging, 'lib', 'modules');
    // Only real directories: a link here would make the loop below list (and move) a host directory.
    const isRealDir = (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
    const releases = isRealDir((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(staging, 'lib')) && isRealDir(stagedModules) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(stagedModules) : [];
    if (releases.length === 0)
        throw new _archives_js__WEBPACK_IMPORTED_MODULE_5__/* .GateFailure */ .In(`${opts.modules} has no lib/modules/<kernel release>/ directory`);
    // lib is usually a link to usr/lib (merged /usr): every link on the way is followed inside
    // the image, never on the host (an image's `lib/modules -> /host/dir` lands in <root>/host/dir).
    const modulesDir = await (0,_util_in_root_js__WEBPACK_IMPORTED_MODULE_4__/* .secureJoin */ .If)(root, 'lib/modules');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(modulesDir, { recursive: true });
    for (const r of releases) {
        // r is one name read from the staging directory; rm and rename never follow a final link.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(modulesDir, r), { recursive: true, force: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stagedModules, r), (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(modulesDir, r));
    }
    const check = await (0,_util_in_root_js__WEBPACK_IMPORTED_MODULE_4__/* .secureJoin */ .If)(root, opts.checkPath);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(check, { force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(check, opts.checkScript);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(check, 0o755);
    const disk = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.work, 'root.ext4');
    let sizeBytes;
    try {
        sizeBytes = await ext4FromTree(root, disk, 'kiln-root', { reporter, signal });
    }
    catch (e) {
        const tail = e instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .ExecError */ .cI ? e.tail : [];
        throw new Error(`mke2fs could not make the root disk from ${opts.rootfs}: ${tail.join(' | ') || String(e)}`);
    }
    // The unpacked tree is as big as the disk: give the space back before booting.
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(root, { recursive: true, force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(staging, { recursive: true, force: true });
    return { path: disk, sizeBytes, moduleReleases: releases };
}
/**
 * An ext4 image of the tree at root, made by `mke2fs -d`: no loop device, no mount. Sized for the
 * tree plus ext4's own metadata (journal, inode tables) and a margin; the file is sparse.
 * Returns its size in bytes.
 */
async function ext4FromTree(root, disk, label, opts) {
    const used = Number((await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('du', ['-s', '-B1', '-x', root])).stdout.split(/\s/)[0]);
    const inodes = Number((await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('du', ['-s', '--inodes', '-x', root])).stdout.split(/\s/)[0]);
    const sizeMiB = Math.ceil((used * 1.15 + inodes * 256) / MiB) + 160;
    opts.reporter?.info(`making the ${label} disk: ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_6__/* .formatBytes */ .z3)(used)} in ${inodes} files`);
    await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('mke2fs', [
        '-q',
        '-F',
        '-t',
        'ext4',
        '-L',
        label,
        '-m',
        '0',
        '-N',
        String(Math.ceil(inodes * 1.1) + 4096),
        '-d',
        root,
        disk,
        `${sizeMiB}M`
    ], opts);
    return sizeMiB * MiB;
}
/** Like Promise.all, but waits for every promise (no tool left running) before rethrowing. */
async function settleAll(promises) {
    const settled = await Promise.allSettled(promises);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed)
        throw failed.reason;
    return settled.map((s) => s.value);
}


/***/ }),

/***/ 95380:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CG: () => (/* binding */ targetDiskBytes),
/* harmony export */   Gc: () => (/* binding */ ROOT_PARTITION),
/* harmony export */   Qg: () => (/* binding */ INSTALLER_INIT),
/* harmony export */   Xb: () => (/* binding */ FIRMWARES),
/* harmony export */   _e: () => (/* binding */ DISK_BOOT_DEVICE),
/* harmony export */   hZ: () => (/* binding */ STAGE_WORDS),
/* harmony export */   om: () => (/* binding */ INSTALL_STAGES),
/* harmony export */   tH: () => (/* binding */ installScript)
/* harmony export */ });
/* unused harmony exports INSTALLER_DISKS, CONTROL_DIR, DEFAULT_PARTITIONS, sgdiskArgs, fstab, grubQuote, grubConfig, gateGrubConfig */
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
const INSTALLER_DISKS = {
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
};
/** The one disk of a disk boot, and its root partition (as the check program sees them). */
const DISK_BOOT_DEVICE = '/dev/vda';
const ROOT_PARTITION = 3;
/** Where the installer's init finds this run's files (a tmpfs). */
const CONTROL_DIR = '/run/kiln';
const FIRMWARES = ['bios', 'uefi'];
/** Stages in order; the host names a failure by these. */
const INSTALL_STAGES = [
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
];
/** What each stage does, in words for a failure message. */
const STAGE_WORDS = {
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
};
const DEFAULT_PARTITIONS = { biosBootMiB: 1, espMiB: 64 };
/** sgdisk's arguments for the plan (without the device). */
function sgdiskArgs(plan = DEFAULT_PARTITIONS) {
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
    ];
}
/** Size of the blank disk for a root filesystem of `rootBytes` (the raw tar sizes): sparse, so generous. */
function targetDiskBytes(rootBytes, plan = DEFAULT_PARTITIONS) {
    const MiB = 1024 * 1024;
    // ext4 metadata and the journal, a margin for what the first boot writes, the partitions before root.
    const root = Math.ceil((rootBytes * 1.25) / MiB) + 256;
    return (root + plan.biosBootMiB + plan.espMiB + 2) * MiB;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FAT_ID = /^[0-9A-F]{4}-[0-9A-F]{4}$/;
const TOKEN = /^[0-9a-f]{8,64}$/;
function checkIds(ids) {
    if (!UUID.test(ids.rootUuid))
        throw new Error(`install gate: not a UUID: ${JSON.stringify(ids.rootUuid)}`);
    if (!FAT_ID.test(ids.espId))
        throw new Error(`install gate: not a FAT volume id: ${JSON.stringify(ids.espId)}`);
}
/** /etc/fstab of the installed system: both file systems by UUID, as a provisioner writes it. */
function fstab(ids) {
    checkIds(ids);
    return ('# Written by the provisioner (Kiln provisioning gate): file systems by UUID.\n' +
        `UUID=${ids.rootUuid} / ext4 errors=remount-ro 0 1\n` +
        `UUID=${ids.espId} /boot/efi vfat umask=0077 0 1\n`);
}
/**
 * GRUB quoting of one kernel command-line word: single quotes, which GRUB's script reads
 * literally (no $ expansion, no `;`), with ' itself written '\''.
 */
function grubQuote(word) {
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/** The entry that boots the installed image: its kernel and initrd from /boot, root by UUID, then its command line. */
function imageEntry(o, id, extra) {
    const args = [`root=UUID=${o.ids.rootUuid}`, 'ro', ...o.cmdline, ...extra].map(grubQuote).join(' ');
    return [
        `menuentry ${grubQuote(o.title ?? 'Linux')} --id ${id} {`,
        '  insmod part_gpt',
        '  insmod ext2',
        `  search --no-floppy --fs-uuid --set=root ${o.ids.rootUuid}`,
        `  linux /boot/vmlinuz ${args}`,
        '  initrd /boot/initrd',
        '}'
    ].join('\n');
}
/** /boot/grub/grub.cfg of the installed (exported) disk. */
function grubConfig(o) {
    checkIds(o.ids);
    return [
        '# Written by the provisioner (Kiln provisioning gate).',
        'set default=kiln-image',
        'set timeout=3',
        imageEntry(o, 'kiln-image', []),
        ''
    ].join('\n');
}
/**
 * grub.cfg of the gate's overlay only: GRUB on the serial line, the check entry by default
 * (the image's command line, then the gate's console, panic and init=/kiln-check, which win
 * being last), the image's own entry after it. Never on the exported disk.
 */
function gateGrubConfig(o) {
    checkIds(o.ids);
    if (!TOKEN.test(o.grubToken))
        throw new Error(`install gate: unsafe token ${JSON.stringify(o.grubToken)}`);
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
    ].join('\n');
}
/** POSIX sh, single-quoted (the values are Kiln's own, checked, but quoting costs nothing). */
function shq(s) {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
/**
 * install.sh for the installer VM. The grub.cfg files are written by the guest from templates
 * whose command line placeholder (@CMDLINE@) it fills with the image's words, GRUB-quoted.
 */
function installScript(o) {
    if (!TOKEN.test(o.token))
        throw new Error(`install gate: unsafe token ${JSON.stringify(o.token)}`);
    checkIds(o.ids);
    const plan = o.plan ?? DEFAULT_PARTITIONS;
    const d = INSTALLER_DISKS;
    const placeholder = ['@CMDLINE@'];
    // Templates: the marker word stands for the image's words; grubQuote('@CMDLINE@') is what to replace.
    const base = { ids: o.ids, cmdline: placeholder, title: o.grub.title };
    const clean = grubConfig(base);
    const gate = gateGrubConfig({ ...base, grubToken: o.grub.grubToken, gateArgs: o.grub.gateArgs });
    const bios = o.firmware.includes('bios');
    const uefi = o.firmware.includes('uefi');
    const K = CONTROL_DIR;
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
${bios
        ? `chroot $K/t /bin/sh -c 'test -f /usr/lib/grub/i386-pc/boot.img' ||
  fail "the image has no GRUB for BIOS: /usr/lib/grub/i386-pc/boot.img (Debian: package grub-pc-bin)"`
        : ':'}
${uefi
        ? `chroot $K/t /bin/sh -c 'test -f /usr/lib/grub/x86_64-efi/kernel.img' ||
  fail "the image has no GRUB for UEFI: /usr/lib/grub/x86_64-efi/kernel.img (Debian: package grub-efi-amd64-bin)"`
        : ':'}
note "bootloader $gi"
for m in dev proc sys; do mkdir -p $K/t/$m; done
run "bind /dev" mount --bind /dev $K/t/dev
run "mount /proc" mount -t proc proc $K/t/proc
run "mount /sys" mount -t sysfs sysfs $K/t/sys
${bios
        ? `
stage grub-install-bios
run "grub-install --target=i386-pc failed" chroot $K/t grub-install --target=i386-pc --boot-directory=/boot $TARGET`
        : ''}
${uefi
        ? `
stage grub-install-uefi
run "mount the ESP" mount -t vfat ${d.target}2 $K/t/boot/efi
run "grub-install --target=x86_64-efi failed" chroot $K/t grub-install --target=x86_64-efi --efi-directory=/boot/efi --boot-directory=/boot --removable --no-nvram
[ -f $K/t/boot/efi/EFI/BOOT/BOOTX64.EFI ] || fail "grub-install left no /EFI/BOOT/BOOTX64.EFI on the ESP"`
        : ''}

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
`;
}
/** init of the installer VM (baked into the installer's root): unpacks this run's files and runs install.sh. */
const INSTALLER_INIT = `#!/bin/sh
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
`;


/***/ }),

/***/ 48621:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ij: () => (/* binding */ INSTALLER_INIT_PATH),
/* harmony export */   OP: () => (/* binding */ installerCacheDir),
/* harmony export */   hw: () => (/* binding */ ensureInstaller)
/* harmony export */ });
/* unused harmony exports INSTALLER_SUITE, INSTALLER_PACKAGES, installerKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _sources_apt_sources_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98054);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(37895);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(57636);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(29906);
/* harmony import */ var _disk_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(62136);
/* harmony import */ var _install_script_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(95380);
/**
 * The provisioning gate's installer VM: a small Debian system Kiln makes with mmdebstrap from
 * the distribution's own packages (its kernel and initramfs, gdisk, e2fsprogs, dosfstools,
 * util-linux, tar), kept as an ext4 disk image with its kernel and initrd beside it.
 *
 * Made once and cached in KILN_INSTALLER_CACHE (default /var/tmp/kiln/installer), keyed by
 * a hash of the suite, the package list and the init it boots into, so a gate run downloads
 * nothing once the cache holds it. A run killed while making it leaves a `kiln-OWNER-…`
 * directory that the next command's sweep removes.
 */










const INSTALLER_SUITE = 'bookworm';
/** What the install needs, and nothing else: no udev (devtmpfs names the disks), no systemd. */
const INSTALLER_PACKAGES = [
    'linux-image-amd64',
    'initramfs-tools',
    'kmod',
    'gdisk',
    'e2fsprogs',
    'dosfstools',
    'util-linux',
    'mawk',
    'tar'
];
/** Where the installer's init lives on its root disk (init=…). */
const INSTALLER_INIT_PATH = '/kiln-installer';
/** Bump when the way the installer is made changes without its inputs changing. */
const RECIPE = 1;
/** Kernel modules the installer never needs: left out of its disk to make it (once) faster. */
const UNNEEDED_MODULES = [
    'kernel/sound',
    'kernel/drivers/gpu',
    'kernel/drivers/media',
    'kernel/drivers/net/wireless',
    'kernel/drivers/infiniband',
    'kernel/drivers/staging',
    'kernel/drivers/bluetooth',
    'kernel/net/bluetooth',
    'kernel/net/mac80211',
    'kernel/net/wireless'
];
function installerCacheDir() {
    return process.env.KILN_INSTALLER_CACHE || '/var/tmp/kiln/installer';
}
function installerKey(suite = INSTALLER_SUITE, packages = INSTALLER_PACKAGES) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(`kiln installer ${RECIPE}\n${suite}\n${[...packages].sort().join(',')}\n${_install_script_js__WEBPACK_IMPORTED_MODULE_8__/* .INSTALLER_INIT */ .Qg}`)
        .digest('hex')
        .slice(0, 16);
}
function complete(dir) {
    const i = { dir, kernel: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'vmlinuz'), initrd: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'initrd'), root: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'root.ext4') };
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'complete')) && [i.kernel, i.initrd, i.root].every((f) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(f))
        ? i
        : null;
}
/** The cached installer, made first when the cache does not hold it (mmdebstrap: a few minutes). */
async function ensureInstaller(opts) {
    const parent = opts.cacheDir ?? installerCacheDir();
    const key = installerKey();
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(parent, `${INSTALLER_SUITE}-${key}`);
    const have = complete(dir);
    if (have)
        return have;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(parent, { recursive: true, mode: 0o700 });
    const work = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(parent, (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_6__/* .tempPrefix */ .hF)('installer')));
    const untrack = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_6__/* .trackDir */ .F3)(work);
    try {
        await makeInstaller(work, opts.reporter, opts.signal);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(work, dir);
        }
        catch (e) {
            // Another run made it meanwhile: use theirs.
            if (!complete(dir))
                throw e;
        }
        return complete(dir);
    }
    finally {
        untrack();
    }
}
async function makeInstaller(work, reporter, signal) {
    const t0 = Date.now();
    const mirror = (0,_sources_apt_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .pickMirror */ .Rb)(await (0,_sources_apt_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .hostAptSources */ .Et)(), INSTALLER_SUITE);
    if (!mirror)
        throw new Error(`the install gate's installer needs a ${INSTALLER_SUITE} mirror in the host's apt sources`);
    const root = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(work, 'root');
    reporter.info(`install gate: making its installer (${INSTALLER_SUITE}: ${INSTALLER_PACKAGES.join(', ')}) with mmdebstrap from ${mirror}; cached for later runs`);
    try {
        await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .run */ .eF)('mmdebstrap', [
            '--quiet',
            '--mode=root',
            '--variant=minbase',
            `--include=${INSTALLER_PACKAGES.join(',')}`,
            '--architectures=amd64',
            '--dpkgopt=path-exclude=/usr/share/doc/*',
            '--dpkgopt=path-exclude=/usr/share/man/*',
            '--dpkgopt=path-exclude=/usr/share/locale/*',
            '--',
            INSTALLER_SUITE,
            root,
            mirror
        ], { reporter, signal, onLine: (l) => reporter.debug(`mmdebstrap: ${l}`) });
    }
    catch (e) {
        const tail = e instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .ExecError */ .cI ? e.tail.slice(-5).join(' | ') : '';
        throw new Error(`install gate: mmdebstrap could not make the installer: ${e.message} ${tail}`);
    }
    // Kiln made this tree itself from the distribution: no image content is in it.
    const boot = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, 'boot');
    const release = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(boot)
        .filter((f) => f.startsWith('vmlinuz-'))
        .map((f) => f.slice('vmlinuz-'.length))
        .sort()
        .pop();
    if (!release || !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(boot, `initrd.img-${release}`)))
        throw new Error('install gate: the installer has no kernel and initrd in /boot');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(boot, `vmlinuz-${release}`), (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(work, 'vmlinuz'));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(boot, `initrd.img-${release}`), (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(work, 'initrd'));
    for (const m of UNNEEDED_MODULES)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, 'usr/lib/modules', release, m), { recursive: true, force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, 'var/cache/apt'), { recursive: true, force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, 'var/lib/apt/lists'), { recursive: true, force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, INSTALLER_INIT_PATH), _install_script_js__WEBPACK_IMPORTED_MODULE_8__/* .INSTALLER_INIT */ .Qg);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, INSTALLER_INIT_PATH), 0o755);
    await (0,_disk_js__WEBPACK_IMPORTED_MODULE_7__/* .ext4FromTree */ .Gu)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(work, 'root.ext4'), 'kiln-installer', { reporter, signal });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(root, { recursive: true, force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(work, 'complete'), `${INSTALLER_SUITE} ${release}\n`);
    reporter.info(`install gate: installer ready (kernel ${release}) in ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_9__/* .formatSeconds */ .Xo)((Date.now() - t0) / 1000)}`);
}


/***/ })

};
