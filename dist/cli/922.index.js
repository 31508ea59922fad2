export const id = 922;
export const ids = [922];
export const modules = {

/***/ 55922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyInstall: () => (/* binding */ verifyInstall)
});

// UNUSED EXPORTS: DEFAULT_INSTALL_TIMEOUT_SEC

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(37895);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(29906);
// EXTERNAL MODULE: ./src/verify/accel.ts
var verify_accel = __webpack_require__(90237);
// EXTERNAL MODULE: ./src/verify/archives.ts
var archives = __webpack_require__(60074);
// EXTERNAL MODULE: ./src/verify/check-script.ts
var check_script = __webpack_require__(59837);
// EXTERNAL MODULE: ./src/verify/console.ts
var console = __webpack_require__(62812);
// EXTERNAL MODULE: ./src/verify/defaults.ts
var defaults = __webpack_require__(55071);
// EXTERNAL MODULE: ./src/verify/disk.ts
var disk = __webpack_require__(62136);
// EXTERNAL MODULE: ./src/verify/install-script.ts
var install_script = __webpack_require__(95380);
;// CONCATENATED MODULE: ./src/verify/install-console.ts
/**
 * Console rules of the provisioning gate: the installer's stage markers, and the stages of a
 * boot from the installed disk (firmware → GRUB → kernel → root → check program), so that a
 * failure names where it stopped.
 */


function isStage(s) {
    return install_script/* INSTALL_STAGES */.om.includes(s);
}
/** Reads the installer's `KILN-INSTALL <token> …` lines; only lines with this run's token count. */
class InstallRules {
    token;
    now;
    current;
    notes = [];
    times = [];
    started = Date.now();
    hints = [];
    constructor(token, now = Date.now) {
        this.token = token;
        this.now = now;
        this.started = now();
    }
    feed(line) {
        const m = new RegExp(`KILN-INSTALL ${this.token} (stage|note|fail|done)(?: (.*))?$`).exec(line);
        if (!m) {
            if (/KILN-INSTALLER-BROKEN/.test(line))
                return {
                    passed: false,
                    stage: 'installer',
                    message: 'the installer VM could not read its install program'
                };
            const p = /Kernel panic - not syncing:?\s*(.*)$/.exec(line);
            if (p)
                return {
                    passed: false,
                    stage: this.current ?? 'installer',
                    message: `the installer's kernel panicked${this.current ? ` while ${install_script/* STAGE_WORDS */.hZ[this.current]}` : ''}: ${p[1].trim()}`
                };
            if (/^error|failed|cannot|No such/i.test(line.trim()) && this.hints.length < 5)
                this.hints.push(line.trim());
            return undefined;
        }
        const [, kind, rest = ''] = m;
        if (kind === 'stage') {
            this.lap();
            if (isStage(rest.trim()))
                this.current = rest.trim();
            return undefined;
        }
        if (kind === 'note') {
            this.notes.push(rest);
            return undefined;
        }
        if (kind === 'done') {
            this.lap();
            return { passed: true, message: 'installed' };
        }
        // fail <stage> <why>
        this.lap();
        const f = /^(\S+)\s*(.*)$/.exec(rest);
        const stage = f?.[1] ?? this.current ?? 'install';
        const why = f?.[2] || 'failed';
        return { passed: false, stage, message: `${stage}: ${why}` };
    }
    /** Closes the running stage's time. */
    lap() {
        const t = this.now();
        if (this.current)
            this.times.push({ stage: this.current, seconds: (t - this.started) / 1000 });
        this.started = t;
    }
    explainNoVerdict() {
        const where = this.current
            ? `during stage ${this.current} (${install_script/* STAGE_WORDS */.hZ[this.current]})`
            : 'before its first stage';
        return `the installer stopped ${where}${this.hints.length ? ` (console: ${this.hints.join('; ')})` : ''}`;
    }
    stageNoVerdict() {
        return this.current ?? 'installer';
    }
}
/** Lines by which an initramfs says it did not find the root device. */
const ROOT_MISSING = [
    /Gave up waiting for root (file system )?device.*/,
    /ALERT! .* does not exist.*/,
    /VFS: Cannot open root device.*/,
    /Warning: \/dev\/\S+ does not exist/
];
/**
 * A boot from the installed disk alone: the firmware must start GRUB (it prints this run's
 * KILN-GRUB line from the gate's grub.cfg), GRUB the kernel, the initramfs must find the root
 * by UUID, and the check program must pass (DiskCheckRules).
 */
class DiskBootRules {
    grubToken;
    phase = 'firmware';
    check;
    grubErrors = [];
    constructor(checkToken, grubToken) {
        this.grubToken = grubToken;
        this.check = new console/* DiskCheckRules */.db(checkToken);
    }
    feed(line) {
        if (line.includes(`KILN-GRUB ${this.grubToken}`)) {
            this.phase = 'grub';
            return undefined;
        }
        if (this.phase === 'grub') {
            const e = /^\s*error: (.*)$/.exec(line);
            if (e && this.grubErrors.length < 5)
                this.grubErrors.push(e[1].trim());
            // The kernel's first lines (or, with `quiet`, the initramfs's or the check's).
            if (/Linux version |Run \/init|Loading, please wait|KILN-CHECK|Begin: /.test(line))
                this.phase = 'kernel';
        }
        for (const r of ROOT_MISSING) {
            const m = r.exec(line);
            if (m)
                return { passed: false, stage: 'root', message: `root by UUID not found: ${m[0].trim()}` };
        }
        const v = this.check.feed(line);
        if (!v)
            return undefined;
        if (v.passed)
            return { ...v, stage: 'check' };
        this.phase = 'kernel';
        return { ...v, stage: v.message.startsWith('kernel panic') ? 'panic' : 'check' };
    }
    explainNoVerdict() {
        if (this.phase === 'firmware')
            return 'the firmware did not start GRUB from the disk (no KILN-GRUB line on the console)';
        if (this.phase === 'grub')
            return `GRUB did not start the kernel${this.grubErrors.length ? ` (GRUB: ${this.grubErrors.join('; ')})` : ''}`;
        return this.check.explainNoVerdict();
    }
    /** The stage a boot without a verdict stopped in. */
    stageNoVerdict() {
        return this.phase === 'firmware' ? 'firmware' : this.phase === 'grub' ? 'grub' : 'check';
    }
}

// EXTERNAL MODULE: ./src/verify/qemu.ts
var qemu = __webpack_require__(2733);
;// CONCATENATED MODULE: ./src/verify/install-qemu.ts
/**
 * qemu command lines of the provisioning gate: the installer VM (its own kernel, its root
 * disk and this run's disks), and a boot from the installed disk alone under SeaBIOS or OVMF.
 * Pure: table-tested.
 */


function common(accel, memoryMiB) {
    return [...(0,qemu/* machineArgs */.BN)(accel, memoryMiB), '-serial', 'stdio'];
}
function drive(file, format, extra = '') {
    return ['-drive', `file=${(0,qemu/* qemuOptionValue */.B6)(file)},if=virtio,format=${format}${extra}`];
}
/**
 * The installer: its disks in INSTALLER_DISKS order. The archives and the control tar are
 * attached read-only; the target is written, and the gate overlay (backed by the target) is
 * opened beside it, so the target's own lock is off (one qemu, two views of one file).
 */
function installerCommand(vm) {
    return {
        file: 'qemu-system-x86_64',
        args: [
            ...common(vm.accel, vm.memoryMiB ?? 1024),
            ...(vm.cpus && vm.cpus > 1 ? ['-smp', String(vm.cpus)] : []),
            '-kernel',
            vm.kernel,
            '-initrd',
            vm.initrd,
            '-append',
            `${(0,qemu/* gateAppend */.O$)('x86_64')} root=/dev/vda ro fastboot init=${vm.init}`,
            ...drive(vm.installerRoot, 'raw', ',readonly=on'),
            ...drive(vm.control, 'raw', ',readonly=on'),
            ...drive(vm.rootfsTar, 'raw', ',readonly=on'),
            ...drive(vm.modulesTar, 'raw', ',readonly=on'),
            ...drive(vm.target, 'raw', ',file.locking=off'),
            ...drive(vm.gate, 'qcow2')
        ]
    };
}
/** OVMF from the distribution (Debian's ovmf package), or KILN_OVMF_CODE / KILN_OVMF_VARS. */
function findOvmf(env = process.env) {
    if (env.KILN_OVMF_CODE && env.KILN_OVMF_VARS)
        return { code: env.KILN_OVMF_CODE, vars: env.KILN_OVMF_VARS };
    for (const [code, vars] of [
        ['/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd'],
        ['/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_VARS.fd'],
        ['/usr/share/edk2/ovmf/OVMF_CODE.fd', '/usr/share/edk2/ovmf/OVMF_VARS.fd']
    ]) {
        if ((0,external_node_fs_.existsSync)(code) && (0,external_node_fs_.existsSync)(vars))
            return { code, vars };
    }
    return null;
}
/** A boot from the disk alone: no -kernel; SeaBIOS (qemu's default) or OVMF in pflash. */
function diskBootCommand(vm) {
    const args = common(vm.accel, vm.memoryMiB ?? 1024);
    if (vm.firmware === 'uefi') {
        if (!vm.ovmf)
            throw new Error('a UEFI boot needs OVMF');
        args.push('-drive', `if=pflash,format=raw,unit=0,readonly=on,file=${(0,qemu/* qemuOptionValue */.B6)(vm.ovmf.code)}`, '-drive', `if=pflash,format=raw,unit=1,file=${(0,qemu/* qemuOptionValue */.B6)(vm.ovmf.vars)}`);
    }
    args.push(...drive(vm.disk, 'qcow2'), '-boot', 'order=c,strict=on');
    return { file: 'qemu-system-x86_64', args };
}

// EXTERNAL MODULE: ./src/verify/installer.ts
var verify_installer = __webpack_require__(48621);
// EXTERNAL MODULE: ./src/verify/temp.ts
var temp = __webpack_require__(94915);
;// CONCATENATED MODULE: ./src/verify/install.ts
/**
 * The provisioning gate: what a provisioner does to a blank disk, done in qemu, then the
 * disk booted alone under SeaBIOS and under OVMF to the boot gate's check program.
 *
 * 1. The installer VM (installer.ts: Kiln's own small Debian, cached) boots with the blank
 *    target disk, image.tar.gz and modules.tar.gz (decompressed on the host, attached as raw
 *    read-only disks: the guest reads the tar from the device) and this run's files. It
 *    partitions (GPT: BIOS boot, ESP, root), makes the file systems, unpacks the archives in
 *    the Packet layout (/boot/vmlinuz, /boot/initrd, lib/modules), writes fstab by UUID, reads
 *    /etc/kernel/cmdline, runs the image's own grub-install for BIOS and UEFI chrooted into the
 *    new root, and writes grub.cfg (install-script.ts). Every stage is a console marker.
 * 2. The gate's check entry and check program go only onto a copy-on-write overlay of the
 *    installed disk, so the disk itself stays exactly what a provisioner leaves (and what the
 *    raw/qcow2 exports publish).
 * 3. Each firmware boots its own overlay of that, with no -kernel: the firmware finds GRUB,
 *    GRUB the kernel, the initramfs the root by UUID, and the check program prints the marker.
 *
 * Nothing of the image runs on the host, and the host mounts nothing and uses no loop
 * device: disks are files made with qemu-img, read and written only by the guests. qemu dies
 * with Kiln (exec.ts); scratch files live in one owner-named directory (temp.ts).
 */






















/** Bytes a decompressed archive may take on the scratch disk (as the sources' limit). */
function maxTarBytes() {
    const v = Number(process.env.KILN_MAX_ARCHIVE_BYTES);
    return Number.isFinite(v) && v > 0 ? v : 64 * 1024 ** 3;
}
/** gunzip `from` to `to` (a raw tar the guest reads from a disk), refusing more than the limit. */
async function gunzipTo(from, to, signal) {
    const limit = maxTarBytes();
    let n = 0;
    const count = new external_node_stream_.Transform({
        transform(chunk, _enc, cb) {
            n += chunk.length;
            if (n > limit)
                cb(new archives/* GateFailure */.In(`${from}: decompresses to more than ${(0,log/* formatBytes */.z3)(limit)} (KILN_MAX_ARCHIVE_BYTES)`));
            else
                cb(null, chunk);
        }
    });
    try {
        await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(from), (0,external_node_zlib_.createGunzip)(), count, (0,external_node_fs_.createWriteStream)(to), { signal });
    }
    catch (e) {
        if (e instanceof archives/* GateFailure */.In || signal?.aborted)
            throw e;
        throw new archives/* GateFailure */.In(`${from}: cannot be decompressed: ${e.message}`);
    }
    // A disk is read in 512-byte sectors: pad (a tar ends in zero blocks anyway).
    if (n % 512)
        (0,external_node_fs_.truncateSync)(to, n + (512 - (n % 512)));
    return n;
}
function fatId() {
    const h = (0,external_node_crypto_.randomBytes)(4).toString('hex').toUpperCase();
    return `${h.slice(0, 4)}-${h.slice(4)}`;
}
async function verifyInstall(opts) {
    const t0 = Date.now();
    const { dir, reporter, signal } = opts;
    const firmware = opts.firmware?.length ? [...new Set(opts.firmware)] : [...install_script/* FIRMWARES */.Xb];
    const bootTimeoutSec = opts.bootTimeoutSec ?? defaults/* DEFAULT_BOOT_TIMEOUT_SEC */.RO;
    const installTimeoutSec = opts.installTimeoutSec ?? defaults/* DEFAULT_INSTALL_TIMEOUT_SEC */.y8;
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory())
        throw new Error(`${dir}: not a directory`);
    let accel = opts.accel === 'kvm' ? 'kvm' : 'tcg';
    const stages = [];
    const result = (r) => ({
        accel,
        stages,
        boots: [],
        notes: [],
        consoleTail: [],
        installSeconds: 0,
        ...r,
        totalSeconds: (Date.now() - t0) / 1000
    });
    const timed = async (stage, fn) => {
        const s = Date.now();
        try {
            return await fn();
        }
        finally {
            stages.push({ stage, seconds: (Date.now() - s) / 1000 });
        }
    };
    let rootfsGz, modulesGz, kernelTar, initrdTar;
    let manifestKernel;
    try {
        const manifest = await (0,archives/* readManifest */.WI)(dir);
        manifestKernel = manifest.kernel;
        if ((manifest.arch ?? 'x86_64') !== 'x86_64')
            throw new archives/* GateFailure */.In(`the install gate installs x86_64 images (BIOS and UEFI); manifest.json says ${manifest.arch}`);
        rootfsGz = (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.rootfs, 'no root filesystem');
        kernelTar = (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.kernel, 'no kernel');
        initrdTar = (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.initrd, 'no initrd');
        modulesGz = (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.modules, 'no modules');
    }
    catch (e) {
        if (e instanceof archives/* GateFailure */.In)
            return result({ status: 'failed', stage: 'archives', message: e.message });
        throw e;
    }
    const ovmf = firmware.includes('uefi') ? findOvmf() : null;
    if (firmware.includes('uefi') && !ovmf)
        throw new Error('OVMF is not installed (Debian: package ovmf): the install gate boots UEFI with it');
    for (const tool of ['qemu-system-x86_64', 'qemu-img'])
        if (!(await (0,exec/* hasTool */.J2)(tool)))
            throw new Error(`${tool} is not installed: the install gate needs it`);
    const scratch = (0,temp/* makeScratchDir */.K)();
    try {
        const s = scratch.path;
        const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
        const checkToken = (0,external_node_crypto_.randomBytes)(8).toString('hex');
        const grubToken = (0,external_node_crypto_.randomBytes)(8).toString('hex');
        const ids = { rootUuid: (0,external_node_crypto_.randomUUID)(), espId: fatId() };
        const control = (0,external_node_path_.join)(s, 'control');
        (0,external_node_fs_.mkdirSync)(control);
        // Everything the VM needs, at once: the installer (cached), the archives, the accelerator.
        const [installer, sizes] = await timed('prepare', () => (0,disk/* settleAll */.j3)([
            (0,verify_installer/* ensureInstaller */.hw)({ reporter, signal }),
            (async () => {
                const kernel = await (0,archives/* extractSingle */.MI)(kernelTar, 'vmlinuz', 'no kernel', s, reporter);
                const initrd = await (0,archives/* extractSingle */.MI)(initrdTar, 'initrd', 'no initrd', s, reporter);
                await (0,promises_.rename)(kernel, (0,external_node_path_.join)(control, 'vmlinuz'));
                await (0,promises_.rename)(initrd, (0,external_node_path_.join)(control, 'initrd'));
                const [rootBytes, modBytes] = await (0,disk/* settleAll */.j3)([
                    gunzipTo(rootfsGz, (0,external_node_path_.join)(s, 'rootfs.tar'), signal),
                    gunzipTo(modulesGz, (0,external_node_path_.join)(s, 'modules.tar'), signal)
                ]);
                return { rootBytes, modBytes };
            })()
        ]));
        accel = await (0,verify_accel/* chooseAccel */.ug)(opts.accel ?? 'auto', 'x86_64', installer.kernel, reporter);
        (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(control, 'install.sh'), (0,install_script/* installScript */.tH)({
            token,
            ids,
            firmware,
            grub: {
                grubToken,
                title: (0,external_node_path_.basename)(dir),
                gateArgs: [...(0,qemu/* gateAppend */.O$)('x86_64').split(' '), `init=${check_script/* CHECK_PATH */.ni}`]
            }
        }));
        (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(control, 'kiln-check'), (0,check_script/* checkScript */.wN)({
            token: checkToken,
            rootDevice: `${install_script/* DISK_BOOT_DEVICE */._e}${install_script/* ROOT_PARTITION */.Gc}`,
            modules: opts.modules ?? check_script/* DEFAULT_CHECK_MODULES */.hx
        }));
        const controlTar = (0,external_node_path_.join)(s, 'control.tar');
        await (0,exec/* run */.eF)('tar', ['-cf', controlTar, '--owner=0', '--group=0', '-C', control, '.'], { reporter });
        const target = (0,external_node_path_.join)(s, 'disk.raw');
        (0,external_node_fs_.writeFileSync)(target, '');
        (0,external_node_fs_.truncateSync)(target, (0,install_script/* targetDiskBytes */.CG)(sizes.rootBytes + sizes.modBytes));
        const gate = (0,external_node_path_.join)(s, 'gate.qcow2');
        await (0,exec/* run */.eF)('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', target, '-F', 'raw', gate], { reporter });
        reporter.info(`install gate: installing ${(0,external_node_path_.basename)(dir)} (${(0,log/* formatBytes */.z3)(sizes.rootBytes)} root) on a blank ${(0,log/* formatBytes */.z3)((0,external_node_fs_.statSync)(target).size)} disk (${accel})`);
        const rules = new InstallRules(token);
        const guest = await (0,console/* runGuest */.I8)(installerCommand({
            accel,
            kernel: installer.kernel,
            initrd: installer.initrd,
            init: verify_installer/* INSTALLER_INIT_PATH */.Ij,
            installerRoot: installer.root,
            control: controlTar,
            rootfsTar: (0,external_node_path_.join)(s, 'rootfs.tar'),
            modulesTar: (0,external_node_path_.join)(s, 'modules.tar'),
            target,
            gate
        }), rules, { timeoutSec: installTimeoutSec, signal, reporter });
        stages.push(...rules.times);
        const notes = rules.notes;
        // The archives are in the disk now; give their space back before booting.
        await (0,promises_.rm)((0,external_node_path_.join)(s, 'rootfs.tar'), { force: true });
        await (0,promises_.rm)((0,external_node_path_.join)(s, 'modules.tar'), { force: true });
        if (!guest.verdict.passed) {
            const stage = guest.verdict.stage ?? rules.stageNoVerdict();
            return result({
                status: 'failed',
                stage,
                message: `install: ${guest.verdict.message}`,
                notes,
                consoleTail: guest.consoleTail,
                installSeconds: guest.seconds
            });
        }
        reporter.info(`install gate: installed in ${(0,log/* formatSeconds */.Xo)(guest.seconds)}; booting the disk alone (${firmware.join(', ')})`);
        // Each firmware boots its own overlay (the gate's, below it the installed disk), side by side.
        const boots = await (0,disk/* settleAll */.j3)(firmware.map(async (fw) => {
            const disk = (0,external_node_path_.join)(s, `boot-${fw}.qcow2`);
            await (0,exec/* run */.eF)('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', gate, '-F', 'qcow2', disk], { reporter });
            let vars;
            if (fw === 'uefi' && ovmf) {
                vars = { code: ovmf.code, vars: (0,external_node_path_.join)(s, 'OVMF_VARS.fd') };
                (0,external_node_fs_.copyFileSync)(ovmf.vars, vars.vars);
            }
            const bootRules = new DiskBootRules(checkToken, grubToken);
            const g = await (0,console/* runGuest */.I8)(diskBootCommand({ accel, firmware: fw, disk, ovmf: vars }), bootRules, {
                timeoutSec: bootTimeoutSec,
                signal,
                reporter
            });
            const v = g.verdict;
            const stage = v.passed
                ? undefined
                : (v.stage ?? (g.verdict.message.startsWith('timed out') ? 'timeout' : bootRules.stageNoVerdict()));
            let message = v.message;
            if (v.passed && manifestKernel && v.kernel && v.kernel !== manifestKernel) {
                return {
                    firmware: fw,
                    status: 'failed',
                    seconds: g.seconds,
                    stage: 'check',
                    message: `booted kernel ${v.kernel}, but manifest.json says ${manifestKernel}`,
                    consoleTail: g.consoleTail
                };
            }
            if (!v.passed && /^timed out/.test(message))
                message = message.replace(/^timed out/, `timed out (${bootRules.stageNoVerdict()})`);
            return {
                firmware: fw,
                status: v.passed ? 'passed' : 'failed',
                seconds: g.seconds,
                stage,
                message,
                consoleTail: g.consoleTail
            };
        }));
        for (const b of boots)
            stages.push({ stage: `boot-${b.firmware}`, seconds: b.seconds });
        const bad = boots.find((b) => b.status === 'failed');
        if (bad) {
            return result({
                status: 'failed',
                stage: `boot-${bad.firmware}:${bad.stage}`,
                message: `${bad.firmware === 'bios' ? 'BIOS (SeaBIOS)' : 'UEFI (OVMF)'} boot from the installed disk: ${bad.stage}: ${bad.message}`,
                boots,
                notes,
                consoleTail: bad.consoleTail,
                installSeconds: guest.seconds
            });
        }
        let kept;
        if (opts.keepDisk) {
            await (0,promises_.rename)(target, opts.keepDisk).catch(async () => {
                await (0,exec/* run */.eF)('cp', ['--sparse=always', '--', target, opts.keepDisk], { reporter });
            });
            kept = opts.keepDisk;
        }
        const kernel = (boots[0]?.message.match(/booted kernel (\S+)/) ?? [])[1];
        const r = result({
            status: 'passed',
            message: `installed and booted from the disk alone under ${boots.map((b) => b.firmware).join(' and ')}`,
            boots,
            notes,
            consoleTail: boots[boots.length - 1]?.consoleTail ?? [],
            installSeconds: guest.seconds,
            disk: kept,
            kernel
        });
        reporter.info(`install gate passed in ${(0,log/* formatSeconds */.Xo)(r.totalSeconds)}: ${stages.map((x) => `${x.stage} ${x.seconds.toFixed(1)} s`).join(', ')}`);
        return r;
    }
    catch (e) {
        if (signal?.aborted)
            throw new console/* BootAborted */.uA();
        if (e instanceof archives/* GateFailure */.In)
            return result({ status: 'failed', stage: 'archives', message: e.message });
        throw e;
    }
    finally {
        await scratch.dispose();
    }
}


/***/ })

};
