export const id = 298;
export const ids = [298];
export const modules = {

/***/ 23298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cf: () => (/* reexport */ defaults/* DEFAULT_NETBOOT_TIMEOUT_SEC */.cf),
  verifyNetboot: () => (/* binding */ verifyNetboot)
});

// UNUSED EXPORTS: netbootCommand, netbootDir, serialPort

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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
;// CONCATENATED MODULE: ./src/verify/netboot-guest.ts

/** Where the guest finds the gate's HTTP server (a guestfwd address: see netboot.ts). */
const GATE_HOST = '10.0.2.100';
const GATE_PORT = 80;
const BOOT_FILE = 'kiln.ipxe';
/** The gate's own files are served under this prefix, never mistaken for an exported file. */
const GATE_PREFIX = '/_kiln-gate/';
const GATE_CPIO = 'gate.cpio';
const SAFE = /^[A-Za-z0-9_./=-]+$/;
/** The boot file: settings for the exported script, then `chain`. */
function wrapperScript(o) {
    for (const v of [o.token, o.gateUrl, o.baseUrl, ...o.args.split(' ')])
        if (!SAFE.test(v) && !/^https?:\/\/[A-Za-z0-9_./:-]+$/.test(v))
            throw new Error(`netboot gate: unsafe value for the boot script: ${JSON.stringify(v)}`);
    return [
        '#!ipxe',
        `echo KILN-NETBOOT-START ${o.token}`,
        `set base-url ${o.baseUrl}`,
        'set live 1',
        `set extra-initrd ${o.gateUrl}`,
        `set extra-args ${o.args}`,
        'chain ${base-url}/boot.ipxe || goto kiln-gate-failed',
        ':kiln-gate-failed',
        `echo KILN-NETBOOT-SCRIPT-FAILED ${o.token}`,
        'exit 1',
        ''
    ].join('\n');
}
/**
 * /scripts/kiln: initramfs-tools sources it for boot=kiln and calls mountroot. Written for the
 * klibc tools a Debian initramfs has (no grep, no cp, no `mount -o loop`): losetup -f, cpio -i.
 */
function bootMethodScript() {
    return `# initramfs-tools boot method of Kiln's netboot gate (boot=kiln): / is /rootfs.squashfs,
# which iPXE loaded into the initramfs, under a tmpfs overlay. Never part of a published image.
kiln_fail() {
	echo "KILN-NETBOOT-ROOT-FAIL $*"
	panic "Kiln netboot gate: $*"
}
kiln_has_fs() {
	while read -r a b; do
		[ "$a" = "$1" ] || [ "$b" = "$1" ] && return 0
	done < /proc/filesystems
	return 1
}
mount_top() { :; }
mount_premount() { :; }
mount_bottom() { :; }
mountroot() {
	echo "KILN-NETBOOT-ROOT mounting /rootfs.squashfs"
	[ -f /rootfs.squashfs ] || kiln_fail "no /rootfs.squashfs in the initramfs (the script did not load the root filesystem)"
	for m in loop squashfs overlay; do modprobe -q "$m" 2>/dev/null; done
	kiln_has_fs squashfs || kiln_fail "the initrd cannot mount squashfs (no squashfs module in it)"
	kiln_has_fs overlay || kiln_fail "the initrd cannot mount overlay (no overlay module in it)"
	mkdir -p /run/kiln/lower /run/kiln/rw
	loopdev=$(losetup -f) && losetup "$loopdev" /rootfs.squashfs || kiln_fail "cannot attach /rootfs.squashfs to a loop device"
	mount -t squashfs -o ro "$loopdev" /run/kiln/lower || kiln_fail "cannot mount /rootfs.squashfs ($loopdev)"
	mount -t tmpfs -o mode=0755 tmpfs /run/kiln/rw || kiln_fail "cannot mount a tmpfs for the overlay"
	mkdir -p /run/kiln/rw/upper /run/kiln/rw/work
	(cd /run/kiln/rw/upper && cpio -i < /kiln/check.cpio) || kiln_fail "cannot unpack the check program"
	mount -t overlay -o lowerdir=/run/kiln/lower,upperdir=/run/kiln/rw/upper,workdir=/run/kiln/rw/work overlay "\${rootmnt}" || kiln_fail "cannot mount the overlay root"
}
`;
}
/** A newc cpio archive (what the kernel unpacks as an initramfs), owned by root, time 0. */
function newcArchive(entries) {
    const parts = [];
    const pad = (n) => Buffer.alloc((4 - (n % 4)) % 4);
    const hex = (n) => n.toString(16).padStart(8, '0');
    let ino = 1;
    const member = (name, mode, data) => {
        const nameBytes = Buffer.from(`${name}\0`);
        const header = Buffer.from(`070701${hex(ino++)}${hex(mode)}${hex(0)}${hex(0)}${hex(1)}${hex(0)}${hex(data.length)}` +
            `${hex(0)}${hex(0)}${hex(0)}${hex(0)}${hex(nameBytes.length)}${hex(0)}`);
        parts.push(header, nameBytes, pad(header.length + nameBytes.length), data, pad(data.length));
    };
    for (const e of entries)
        member(e.name, e.mode, e.data ?? Buffer.alloc(0));
    member('TRAILER!!!', 0, Buffer.alloc(0));
    return Buffer.concat(parts);
}
/** gate.cpio: the boot method, and the check program inside a cpio of its own (unpacked into the overlay). */
function gateArchive(checkScript, checkName) {
    const check = newcArchive([{ name: checkName, mode: 0o100755, data: Buffer.from(checkScript) }]);
    return newcArchive([
        { name: 'scripts', mode: 0o40755 },
        { name: 'scripts/kiln', mode: 0o100644, data: Buffer.from(bootMethodScript()) },
        { name: 'kiln', mode: 0o40755 },
        { name: 'kiln/check.cpio', mode: 0o100644, data: check }
    ]);
}
/** A console line as text: no escape sequences, carriage returns or iPXE's progress backspaces. */
function cleanLine(line) {
    return line
        .replace(/\x1b(\[[0-9;?]*[A-Za-z]|[A-Za-z])/g, '')
        .replace(/[\r\x08]/g, '')
        .trim();
}
const DOWNLOAD_STAGE = [
    [/cannot load the kernel/, 'kernel download'],
    [/cannot load the initrd/, 'initrd download'],
    [/cannot load the root filesystem/, 'rootfs download'],
    [/the kernel did not start/, 'kernel start']
];
/**
 * Netboot console rules: iPXE's lines first (DHCP, the boot file, the exported script's own
 * failure lines), then the initramfs (the gate's boot method), then the check program, whose
 * marker alone passes (DiskCheckRules, with the overlay as the root device).
 */
class NetbootRules {
    token;
    /** The furthest stage reached: named by a timeout. */
    stage = 'dhcp';
    /** The stage a failure verdict was reached in. */
    failedStage;
    check;
    lastIpxeError = '';
    /** iPXE's error for the last URL it failed to fetch ("http://…/initrd... No such file …"). */
    lastFetchError = '';
    kernelLoaded = false;
    /** "kernal: command not found": the script itself is wrong, whatever it says next. */
    unknownCommand = '';
    scriptFailure = '';
    constructor(token) {
        this.token = token;
        this.check = new console/* DiskCheckRules */.db(token);
    }
    fail(stage, message) {
        this.failedStage = stage;
        return { passed: false, message: `${stage}: ${message}` };
    }
    feed(raw) {
        const line = cleanLine(raw);
        // iPXE prints a failed fetch or command as "… <error text> (http://ipxe.org/<code>)".
        // ("Could not boot: Error 0x00000001" only says a script exited with status 1.)
        if (/\(https?:\/\/ipxe\.org\/[0-9a-f]+\)/.test(line) && !/Error 0x00000001\b/.test(line))
            this.lastIpxeError = line;
        if (/^\S+: command not found$/.test(line))
            this.unknownCommand = line;
        if (/^(https?|tftp):\/\/\S+\.\.\. .*\(https?:\/\/ipxe\.org\/[0-9a-f]+\)/.test(line))
            this.lastFetchError = line;
        // The real-mode setup code's first words: iPXE handed over to the kernel.
        if (/Probing EDD|Decompressing Linux/.test(line))
            this.kernelLoaded = true;
        if (line.includes(`KILN-NETBOOT-START ${this.token}`)) {
            this.stage = 'script';
            return undefined;
        }
        if (this.stage === 'dhcp') {
            if (/No configuration methods succeeded|Nothing to boot|No bootable device/.test(line))
                return this.fail('dhcp', `no address or no boot file over DHCP/TFTP${this.lastIpxeError ? ` (${this.lastIpxeError})` : ''}`);
            return undefined;
        }
        const failed = /Kiln netboot failed: (.*)$/.exec(line);
        if (failed) {
            this.scriptFailure = failed[1];
            return undefined;
        }
        if (line.includes(`KILN-NETBOOT-SCRIPT-FAILED ${this.token}`)) {
            if (this.unknownCommand)
                return this.fail('script', `boot.ipxe failed: ${this.unknownCommand}`);
            const error = this.lastFetchError || this.lastIpxeError;
            const detail = error ? ` (iPXE: ${error})` : '';
            for (const [re, stage] of DOWNLOAD_STAGE)
                if (re.test(this.scriptFailure))
                    return this.fail(stage, `${this.scriptFailure}${detail}`);
            return this.fail('script', this.scriptFailure
                ? `${this.scriptFailure}${detail}`
                : `boot.ipxe failed${this.lastIpxeError ? `: ${this.lastIpxeError}` : ' (no error shown)'}`);
        }
        if (this.stage === 'script' && /Linux version \S+/.test(line))
            this.stage = 'root';
        const root = /KILN-NETBOOT-ROOT-FAIL (.*)$/.exec(line);
        if (root)
            return this.fail('root', `no root (squashfs): ${root[1]}`);
        if (/^KILN-CHECK|KILN-BOOT-/.test(line) || line.includes('KILN-CHECK'))
            this.stage = 'check';
        const v = this.check.feed(line);
        if (v && !v.passed) {
            this.failedStage = v.message.startsWith('kernel panic') ? 'panic' : 'check';
            v.message = `${this.failedStage}: ${v.message}`;
        }
        return v;
    }
    explainNoVerdict() {
        if (this.stage === 'dhcp')
            return 'iPXE never ran the boot file (no DHCP answer or no TFTP)';
        if (this.stage === 'script' && this.kernelLoaded) {
            this.failedStage = 'kernel start';
            return 'kernel start: iPXE started the kernel, but it wrote nothing to the serial console (an early crash, or a console the gate does not read)';
        }
        if (this.stage === 'script')
            return `the kernel never started${this.lastIpxeError ? ` (iPXE: ${this.lastIpxeError})` : ''}`;
        return `${this.stage === 'root' ? 'the root was not mounted: ' : ''}${this.check.explainNoVerdict()}`;
    }
}

// EXTERNAL MODULE: ./src/verify/qemu.ts
var verify_qemu = __webpack_require__(2733);
// EXTERNAL MODULE: ./src/verify/temp.ts
var temp = __webpack_require__(94915);
;// CONCATENATED MODULE: ./src/verify/netboot.ts
/**
 * The netboot gate: an image's netboot/ export booted the way a provisioner boots it. qemu's
 * BIOS runs the virtio NIC's option ROM (iPXE, from ipxe-qemu), which gets an address and the
 * boot file from qemu's user network (DHCP, TFTP from a scratch directory); the boot file sets
 * base-url and chains the exported boot.ipxe, which loads vmlinuz, initrd and rootfs.squashfs
 * over HTTP; the initramfs mounts the squashfs under an overlay (netboot-guest.ts) and runs the
 * check program (check-script.ts) as init. It passes only on the check program's marker; every
 * failure names the stage it happened in.
 *
 * Nothing leaves the machine: the user network is `restrict=on` (no route out, nor to the
 * host), and the one way through is a guestfwd for 10.0.2.100:80, which qemu connects, per
 * connection, to a relay (a node process of this file) that talks to an HTTP server bound to
 * 127.0.0.1 and serving only the files of the netboot directory and the gate's own initrd.
 */
















/** qemu's default ROM for virtio-net-pci: iPXE, shipped by ipxe-qemu. */
const IPXE_ROMS = ['/usr/share/qemu/efi-virtio.rom', '/usr/lib/ipxe/qemu/efi-virtio.rom'];
const SERVED_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** The relay qemu runs per guest connection: its stdin/stdout is the guest's socket. */
const RELAY = `// Written by Kiln's netboot gate: joins one guest connection (stdin/stdout) to the gate's
// HTTP server on 127.0.0.1, and ends with either side.
import { connect } from 'node:net'
const s = connect(Number(process.argv[2]), '127.0.0.1')
process.stdin.pipe(s)
s.pipe(process.stdout)
s.on('close', () => process.exit(0))
s.on('error', () => process.exit(1))
process.stdin.on('end', () => s.end())
process.stdin.on('error', () => process.exit(1))
`;
/** Finds the directory holding boot.ipxe: DIR/netboot, or DIR itself. */
function netbootDir(dir) {
    for (const d of [(0,external_node_path_.join)(dir, 'netboot'), dir])
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(d, 'boot.ipxe')))
            return d;
    return null;
}
/**
 * GET/HEAD of /<file> (a regular file directly in `root`, never a link) and of the gate's own
 * files under GATE_PREFIX; anything else is 404. Bound to 127.0.0.1 only.
 */
async function serve(root, gateFiles, reporter) {
    const served = new Map();
    const server = (0,external_node_http_.createServer)((req, res) => {
        const url = (req.url ?? '').split('?')[0];
        const head = req.method === 'HEAD';
        const send = (status, size) => {
            res.writeHead(status, { 'content-length': size, 'content-type': 'application/octet-stream' });
        };
        reporter.debug(`netboot gate: ${req.method} ${url}`);
        if (req.method !== 'GET' && !head) {
            res.writeHead(405).end();
            return;
        }
        if (url.startsWith(GATE_PREFIX)) {
            const data = gateFiles.get(url.slice(GATE_PREFIX.length));
            if (!data)
                return void res.writeHead(404).end();
            send(200, data.length);
            res.end(head ? undefined : data);
            return;
        }
        const name = url.slice(1);
        const file = (0,external_node_path_.join)(root, name);
        const st = SERVED_NAME.test(name) ? (0,external_node_fs_.lstatSync)(file, { throwIfNoEntry: false }) : undefined;
        if (!st?.isFile())
            return void res.writeHead(404).end();
        send(200, st.size);
        if (head)
            return void res.end();
        served.set(name, (served.get(name) ?? 0) + st.size);
        // A guest that hangs up mid-file ends the stream; nothing to report.
        (0,promises_.pipeline)((0,external_node_fs_.createReadStream)(file), res).catch(() => undefined);
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    return {
        port: server.address().port,
        served,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        })
    };
}
/** Guest memory: the squashfs sits in the initramfs (and briefly twice), the initrd unpacks to ~4x. */
function memoryMiB(dir) {
    const size = (f) => ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, f)) ? (0,external_node_fs_.statSync)((0,external_node_path_.join)(dir, f)).size : 0);
    const MiB = 1 << 20;
    return Math.ceil((2 * size('rootfs.squashfs') + 4 * size('initrd')) / MiB) + 1024;
}
/**
 * The serial port the guest's kernel writes to: the first ttyS of the image's own command line
 * (the 8250 driver binds one console, the first named, so a plan's `console=ttyS1` wins over
 * any console the gate adds), else ttyS0. Legacy ports only (ttyS0-3).
 */
function serialPort(cmdline) {
    const m = /(?:^|\s)console=ttyS(\d+)/.exec(cmdline);
    const n = m ? Number(m[1]) : 0;
    return n <= 3 ? n : 0;
}
function netbootCommand(o) {
    // qemu splits -netdev on commas, and slirp splits the guestfwd command on spaces.
    for (const v of [o.tftpDir, o.relay, process.execPath])
        if (/[ ,]/.test(v))
            throw new Error(`netboot gate: ${v}: a path with a space or comma cannot be given to qemu`);
    const netdev = [
        'user',
        'id=n0',
        'restrict=on',
        `tftp=${o.tftpDir}`,
        `bootfile=${BOOT_FILE}`,
        `guestfwd=tcp:${GATE_HOST}:${GATE_PORT}-cmd:${process.execPath} ${o.relay} ${o.port}`
    ].join(',');
    return {
        file: (0,verify_qemu/* qemuBinary */.Q$)('x86_64'),
        args: [
            ...(0,verify_qemu/* machineArgs */.BN)(o.accel, o.memoryMiB),
            // SeaBIOS then writes its screen, and iPXE's, to the serial port.
            '-machine',
            'graphics=off',
            // SeaBIOS and iPXE write to COM1 (stdout). A kernel whose console is another port writes
            // there, and that port goes to qemu's stderr, which is read as the console too: node gives
            // a child a socket for each stdio pipe, so it is a socket chardev on fd 2. The ports between
            // exist and go nowhere.
            ...(o.serial === 0
                ? ['-serial', 'stdio']
                : [
                    '-chardev',
                    'socket,id=kernel-console,fd=2',
                    '-serial',
                    'stdio',
                    ...Array.from({ length: o.serial - 1 }, () => ['-serial', 'null']).flat(),
                    '-serial',
                    'chardev:kernel-console'
                ]),
            '-netdev',
            netdev,
            '-device',
            'virtio-net-pci,netdev=n0,bootindex=1'
        ]
    };
}
async function verifyNetboot(opts) {
    const t0 = Date.now();
    const { dir, reporter } = opts;
    const timeoutSec = opts.timeoutSec ?? defaults/* DEFAULT_NETBOOT_TIMEOUT_SEC */.cf;
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory())
        throw new Error(`${dir}: not a directory`);
    if (!(timeoutSec > 0))
        throw new Error(`netboot check timeout must be a positive number of seconds, not ${timeoutSec}`);
    let accel = opts.accel === 'kvm' ? 'kvm' : 'tcg';
    let downloadedBytes = 0;
    const failed = (stage, message, consoleTail = [], seconds = 0) => ({
        status: 'failed',
        stage,
        seconds,
        accel,
        message,
        consoleTail,
        downloadedBytes,
        totalSeconds: (Date.now() - t0) / 1000
    });
    const net = netbootDir(dir);
    if (!net)
        return failed('script', `script: ${dir} has no netboot/boot.ipxe (export "netboot")`);
    // iPXE runs a boot file that is not a script as a PXE program (x86 code): a text file then
    // hangs the guest until the timeout. That much is seen without booting.
    const scriptFile = (0,external_node_path_.join)(net, 'boot.ipxe');
    if (!(0,external_node_fs_.lstatSync)(scriptFile).isFile())
        return failed('script', `script: ${scriptFile} is not a regular file`);
    const head = (0,external_node_fs_.readFileSync)(scriptFile).subarray(0, 8).toString('latin1');
    if (!/^#!ipxe\s/.test(head))
        return failed('script', `script: ${scriptFile} is not an iPXE script (its first line is not #!ipxe)`);
    let manifest;
    try {
        manifest = await (0,archives/* readManifest */.WI)((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'manifest.json')) ? dir : (0,external_node_path_.join)(net, '..'));
    }
    catch (e) {
        if (e instanceof archives/* GateFailure */.In)
            return failed('script', e.message);
        throw e;
    }
    if ((manifest.arch ?? 'x86_64') !== 'x86_64')
        throw new Error(`the netboot check boots x86_64 guests (BIOS iPXE) only; ${dir} is ${manifest.arch}`);
    const qemu = (0,verify_qemu/* qemuBinary */.Q$)('x86_64');
    if (!(await (0,exec/* hasTool */.J2)(qemu)))
        throw new Error(`${qemu} is not installed: the netboot check needs it`);
    if (!IPXE_ROMS.some((r) => (0,external_node_fs_.existsSync)(r)))
        throw new Error('no iPXE ROM for virtio-net (efi-virtio.rom): install ipxe-qemu');
    const scratch = (0,temp/* makeScratchDir */.K)();
    let server;
    try {
        const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
        const tftpDir = (0,external_node_path_.join)(scratch.path, 'tftp');
        const relay = (0,external_node_path_.join)(scratch.path, 'relay.mjs');
        (0,external_node_fs_.mkdirSync)(tftpDir);
        (0,external_node_fs_.writeFileSync)(relay, RELAY);
        const cmdlineFile = (0,external_node_path_.join)(net, 'cmdline');
        const serial = (0,external_node_fs_.existsSync)(cmdlineFile)
            ? serialPort((0,external_node_fs_.readFileSync)(cmdlineFile, 'latin1').slice(0, 4096))
            : 0;
        const base = `http://${GATE_HOST}`;
        (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(tftpDir, BOOT_FILE), wrapperScript({
            token,
            baseUrl: base,
            gateUrl: `${base}${GATE_PREFIX}${GATE_CPIO}`,
            // gateAppend's panic/timer options, on the console the image's own command line uses.
            args: `${(0,verify_qemu/* gateAppend */.O$)('x86_64').replace(/console=ttyS0/, `console=ttyS${serial}`)} boot=kiln init=${check_script/* CHECK_PATH */.ni}`
        }));
        const check = (0,check_script/* checkScript */.wN)({
            token,
            rootDevice: 'overlay',
            modules: opts.modules ?? check_script/* DEFAULT_CHECK_MODULES */.hx
        });
        server = await serve(net, new Map([[GATE_CPIO, gateArchive(check, check_script/* CHECK_PATH */.ni.slice(1))]]), reporter);
        const kernel = (0,external_node_path_.join)(net, 'vmlinuz');
        accel = (0,external_node_fs_.existsSync)(kernel) ? await (0,verify_accel/* chooseAccel */.ug)(opts.accel ?? 'auto', 'x86_64', kernel, reporter) : accel;
        const cmd = netbootCommand({
            accel,
            memoryMiB: memoryMiB(net),
            serial,
            tftpDir,
            relay,
            port: server.port
        });
        const rules = new NetbootRules(token);
        reporter.info(`netbooting ${(0,external_node_path_.basename)(dir)} (x86_64, ${accel}, iPXE over qemu's user network, console ttyS${serial})`);
        const guest = await (0,console/* runGuest */.I8)(cmd, rules, { timeoutSec, signal: opts.signal, reporter });
        downloadedBytes = [...server.served.values()].reduce((a, b) => a + b, 0);
        let { passed, message } = guest.verdict;
        if (passed && manifest.kernel && guest.verdict.kernel && guest.verdict.kernel !== manifest.kernel) {
            passed = false;
            message = `check: booted kernel ${guest.verdict.kernel}, but manifest.json says ${manifest.kernel}`;
            rules.failedStage = 'check';
        }
        if (!passed) {
            const timedOut = /^timed out after/.test(message);
            const stage = timedOut ? 'timeout' : (rules.failedStage ?? rules.stage);
            if (timedOut)
                message = `timeout: ${message} (last stage reached: ${rules.stage})`;
            else if (!rules.failedStage)
                message = `${stage}: ${message}`;
            return failed(stage, message, guest.consoleTail, guest.seconds);
        }
        reporter.info(`netboot check passed in ${(0,log/* formatSeconds */.Xo)(guest.seconds)} (${(0,log/* formatBytes */.z3)(downloadedBytes)} over HTTP): ${message}`);
        return {
            status: 'passed',
            seconds: guest.seconds,
            accel,
            message,
            consoleTail: guest.consoleTail,
            kernel: guest.verdict.kernel,
            downloadedBytes,
            totalSeconds: (Date.now() - t0) / 1000
        };
    }
    catch (e) {
        if (opts.signal?.aborted)
            throw new console/* BootAborted */.uA();
        throw e;
    }
    finally {
        await server?.close();
        await scratch.dispose();
    }
}


/***/ })

};
