export const id = 840;
export const ids = [840,895];
export const modules = {

/***/ 37895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ refuseAfterInterrupt),
/* harmony export */   Hr: () => (/* binding */ failureReason),
/* harmony export */   Ih: () => (/* binding */ wholeTree),
/* harmony export */   J2: () => (/* binding */ hasTool),
/* harmony export */   JR: () => (/* binding */ tryRun),
/* harmony export */   N7: () => (/* binding */ dieWithKiln),
/* harmony export */   PW: () => (/* binding */ Tail),
/* harmony export */   cI: () => (/* binding */ ExecError),
/* harmony export */   eF: () => (/* binding */ run)
/* harmony export */ });
/* unused harmony export TAIL_LINES */
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4434);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57636);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29906);
/**
 * The one seam through which every external tool runs (docker, packer, mmdebstrap, umoci,
 * qemu, …): argument arrays only, never a shell string; the command logged at debug level;
 * the last lines of its output kept so a failure can show them.
 */





const TAIL_LINES = 30;
class ExecError extends Error {
    command;
    exitCode;
    tail;
    constructor(command, exitCode, tail, reason) {
        super(`${command}: ${reason}`);
        this.command = command;
        this.exitCode = exitCode;
        this.tail = tail;
        this.name = 'ExecError';
    }
}
/** A ring buffer of the last N lines. */
class Tail {
    max;
    lines = [];
    partial = '';
    constructor(max = TAIL_LINES) {
        this.max = max;
    }
    push(chunk, onLine) {
        const parts = (this.partial + chunk).split(/\r?\n|\r/);
        this.partial = parts.pop() ?? '';
        for (const l of parts)
            this.add(l, onLine);
    }
    flush(onLine) {
        if (this.partial)
            this.add(this.partial, onLine);
        this.partial = '';
    }
    get() {
        return [...this.lines];
    }
    add(l, onLine) {
        this.lines.push(l);
        if (this.lines.length > this.max)
            this.lines.shift();
        onLine?.(l);
    }
}
/** Run a tool to completion. Throws ExecError (with the output's tail) on a non-zero exit. */
async function run(file, args, opts = {}) {
    const reporter = opts.reporter ?? new _log_js__WEBPACK_IMPORTED_MODULE_3__/* .SilentReporter */ .hs();
    const command = [file, ...args].map(quoteForLog).join(' ');
    reporter.debug(`$ ${command}`);
    const tail = new Tail();
    const capture = opts.captureStdout !== false;
    let stdout = '';
    refuseAfterInterrupt(command, opts.cleanup);
    const [spawnFile, spawnArgs] = dieWithKiln(file, args);
    const child = (0,execa__WEBPACK_IMPORTED_MODULE_4__/* .execa */ .Ho)(spawnFile, spawnArgs, {
        cwd: opts.cwd,
        env: opts.env,
        extendEnv: opts.extendEnv ?? true,
        input: opts.input,
        reject: false,
        stdin: opts.input === undefined ? 'ignore' : undefined,
        buffer: false,
        timeout: opts.timeoutMs,
        cancelSignal: opts.signal,
        forceKillAfterDelay: _lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .GRACE_MS */ .g3,
        encoding: 'utf8'
    });
    (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .trackProcess */ .Zq)(child, false);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (d) => {
        if (capture)
            stdout += d;
        tail.push(d, opts.onLine);
    });
    child.stderr?.on('data', (d) => tail.push(d, opts.onLine));
    const result = await child;
    tail.flush(opts.onLine);
    const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
    if (result.failed || exitCode !== 0) {
        throw new ExecError(command, result.exitCode, tail.get(), failureReason(result, opts.timeoutMs));
    }
    return { exitCode, stdout, tail: tail.get() };
}
/** Why a finished tool counts as failed, in words for an error message. */
function failureReason(result, timeoutMs) {
    if (result.timedOut)
        return `timed out after ${timeoutMs} ms`;
    if (result.isCanceled)
        return 'cancelled';
    if (result.signal)
        return `killed by ${result.signal}`;
    if (typeof result.exitCode !== 'number') {
        return String(result.originalMessage ?? result.shortMessage ?? 'could not start');
    }
    return `exited with status ${result.exitCode}`;
}
/** Throws CancelledError when the process was interrupted and `command` is not a cleanup step. */
function refuseAfterInterrupt(command, cleanup) {
    const sig = (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .interruptedBy */ .kH)();
    if (sig && !cleanup)
        throw new _lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .CancelledError */ .cc(`${command}: not started: interrupted by ${sig}`);
}
const SETPRIV = '/usr/bin/setpriv';
const found = new Map();
/** Whether a command name resolves to an executable (a path, or a name on PATH). Cached. */
function resolvable(file) {
    let ok = found.get(file);
    if (ok === undefined) {
        const candidates = file.includes('/')
            ? [file]
            : (process.env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter).map((d) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(d || '.', file));
        ok = candidates.some((c) => {
            try {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(c, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
                return true;
            }
            catch {
                return false;
            }
        });
        found.set(file, ok);
    }
    return ok;
}
/**
 * The command line that starts a tool with a parent-death signal: `setpriv --pdeathsig KILL`
 * (util-linux) sets it and execs the tool under the same pid, so a SIGKILLed kiln leaves no
 * docker client, packer or qemu running. Without setpriv, or for a tool that is not there
 * (whose "not found" must stay the spawn error it is), the tool starts as it is.
 */
function dieWithKiln(file, args) {
    if (!resolvable(SETPRIV) || !resolvable(file))
        return [file, [...args]];
    return [SETPRIV, ['--pdeathsig', 'KILL', '--', file, ...args]];
}
/**
 * The command line that runs a tool whose own children must not outlive it (packer and its
 * plugins): as PID 1 of a new PID namespace (`unshare --pid --kill-child`), so when it dies
 * (its parent-death signal when kiln is SIGKILLed) the kernel kills every process it started.
 * unshare forwards SIGTERM and SIGINT, so a cancelled tool still cleans up after itself.
 */
function wholeTree(file, args, opts = {}) {
    if (!resolvable('unshare'))
        return [file, [...args]];
    // `mounts`: its own mount namespace too (private), so what the tool mounts (a chroot's /proc,
    // /dev) goes away with it, even when it is killed before it could unmount.
    return [
        'unshare',
        [...(opts.mounts ? ['--mount'] : []), '--pid', '--fork', '--kill-child', '--', file, ...args]
    ];
}
/** Like run() but returns null instead of throwing when the tool is missing or fails. */
async function tryRun(file, args, opts = {}) {
    try {
        return await run(file, args, opts);
    }
    catch {
        return null;
    }
}
/** Whether a tool is on PATH (cached). */
const whichCache = new Map();
function hasTool(name) {
    let p = whichCache.get(name);
    if (!p) {
        p = tryRun('sh', ['-c', 'command -v "$1"', 'sh', name]).then((r) => r !== null);
        whichCache.set(name, p);
    }
    return p;
}
function quoteForLog(a) {
    return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

/***/ 90237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ug: () => (/* binding */ chooseAccel)
/* harmony export */ });
/* unused harmony exports PROBE_TIMEOUT_SEC, hostArch, resetAccelVerdicts */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _console_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62812);
/* harmony import */ var _qemu_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2733);
/**
 * KVM when it works, TCG otherwise. /dev/kvm being there is not enough: in some nested
 * VMs KVM runs real-mode code but hangs the moment a kernel switches to long mode. So
 * the probe boots the very kernel to be checked under KVM, without root device: a
 * working KVM reaches the kernel's "cannot mount root" panic in about a second; a
 * broken one shows nothing and is stopped after PROBE_TIMEOUT_SEC. The verdict is kept
 * for the life of the process.
 */



const PROBE_TIMEOUT_SEC = 5;
const verdicts = new Map();
function hostArch() {
    return process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : undefined;
}
function kvmDeviceUsable() {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)('/dev/kvm', node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** The kernel got past early boot: it is probing for its root device or panicking over it. */
class KernelRanRules {
    feed(line) {
        return /Kernel panic|VFS: |Freeing unused kernel|Run \/init/.test(line)
            ? { passed: true, message: 'kernel ran under KVM' }
            : undefined;
    }
    explainNoVerdict() {
        return 'no kernel output under KVM';
    }
}
async function chooseAccel(requested, arch, kernel, reporter) {
    if (requested !== 'auto')
        return requested;
    if (hostArch() !== arch || !kvmDeviceUsable())
        return 'tcg';
    let verdict = verdicts.get(arch);
    if (!verdict) {
        verdict = probeKvm(arch, kernel, reporter);
        verdicts.set(arch, verdict);
    }
    return verdict;
}
async function probeKvm(arch, kernel, reporter) {
    const cmd = (0,_qemu_js__WEBPACK_IMPORTED_MODULE_2__/* .qemuCommand */ ._d)({
        arch,
        accel: 'kvm',
        kernel,
        append: (0,_qemu_js__WEBPACK_IMPORTED_MODULE_2__/* .gateAppend */ .O$)(arch),
        memoryMiB: 256
    });
    try {
        const r = await (0,_console_js__WEBPACK_IMPORTED_MODULE_1__/* .runGuest */ .I8)(cmd, new KernelRanRules(), { timeoutSec: PROBE_TIMEOUT_SEC, reporter });
        if (r.verdict.passed) {
            reporter.debug(`KVM works (kernel ran in ${r.seconds.toFixed(1)} s)`);
            return 'kvm';
        }
        const last = r.consoleTail.filter((l) => l.trim()).pop();
        reporter.info(`KVM does not work here (${r.verdict.message}${last ? `: ${last}` : ''}); using TCG`);
    }
    catch (e) {
        reporter.info(`KVM does not work here (${e.message}); using TCG`);
    }
    return 'tcg';
}
/** For tests: forget the verdicts. */
function resetAccelVerdicts() {
    verdicts.clear();
}


/***/ }),

/***/ 60074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ decompressArgs),
/* harmony export */   In: () => (/* binding */ GateFailure),
/* harmony export */   Ji: () => (/* binding */ archiveError),
/* harmony export */   MI: () => (/* binding */ extractSingle),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   _p: () => (/* binding */ requireArchive),
/* harmony export */   _t: () => (/* binding */ ARCHIVES)
/* harmony export */ });
/* unused harmony exports normaliseArch, listArchive */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37895);
/**
 * The boot archives of one exported image, as a provisioner receives them:
 *
 *   image.tar.gz    root filesystem, entries rooted at ./
 *   kernel.tar.gz   ./vmlinuz
 *   initrd.tar.gz   ./initrd
 *   modules.tar.gz  lib/modules/<version>/…
 *   manifest.json   { kernel, arch, … }
 *
 * Everything wrong with them that can be seen without booting is reported here, before
 * qemu starts, as a GateFailure naming the archive.
 */




/** The image is at fault (not the machine running the check): the gate fails with this message. */
class GateFailure extends Error {
    consoleTail;
    constructor(message, consoleTail = []) {
        super(message);
        this.consoleTail = consoleTail;
        this.name = 'GateFailure';
    }
}
const ARCHIVES = {
    rootfs: 'image.tar.gz',
    kernel: 'kernel.tar.gz',
    initrd: 'initrd.tar.gz',
    modules: 'modules.tar.gz',
    manifest: 'manifest.json'
};
/** Reads manifest.json when there is one; a malformed one is a failure, a missing one is not. */
async function readManifest(dir) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, ARCHIVES.manifest);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return {};
    let doc;
    try {
        doc = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8'));
    }
    catch (e) {
        throw new GateFailure(`${file}: not valid JSON (${e.message})`);
    }
    if (typeof doc !== 'object' || doc === null)
        throw new GateFailure(`${file}: not a JSON object`);
    const m = doc;
    const out = {};
    if (typeof m.kernel === 'string' && m.kernel)
        out.kernel = m.kernel;
    if (m.arch !== undefined)
        out.arch = normaliseArch(m.arch, `${file}: arch`);
    return out;
}
function normaliseArch(value, where) {
    switch (value) {
        case 'x86_64':
        case 'amd64':
            return 'x86_64';
        case 'aarch64':
        case 'arm64':
            return 'aarch64';
        default:
            throw new GateFailure(`${where}: unsupported architecture ${JSON.stringify(value)} (x86_64 or aarch64)`);
    }
}
/** Path of a required archive in dir; `what` says what is missing in words ("no initrd"). */
function requireArchive(dir, name, what) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        throw new GateFailure(`${dir} has ${what}: ${name} not found`);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file).isFile())
        throw new GateFailure(`${file}: not a regular file`);
    return file;
}
/** tar arguments that decompress `file`: pigz when there is one for .gz, else tar's own detection. */
async function decompressArgs(file) {
    return file.endsWith('.gz') && (await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .hasTool */ .J2)('pigz')) ? ['-I', 'pigz'] : [];
}
/** Lists an archive's member names (tar -t); an unreadable archive is a GateFailure. */
async function listArchive(file, reporter) {
    try {
        const { stdout } = await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('tar', [...(await decompressArgs(file)), '-tf', file], { reporter });
        return stdout.split('\n').filter((l) => l !== '');
    }
    catch (e) {
        throw archiveError(file, 'cannot be read', e);
    }
}
/**
 * Extracts the one file of a single-file archive (kernel.tar.gz, initrd.tar.gz) to dest.
 * The member is found by the start of its base name (vmlinuz…, initrd…), so ./vmlinuz,
 * vmlinuz and boot/vmlinuz-6.1.0 all do; an empty file counts as missing.
 */
async function extractSingle(file, prefix, what, dest, reporter) {
    const members = await listArchive(file, reporter);
    const member = members.find((m) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(m).startsWith(prefix) && !m.endsWith('/'));
    if (!member) {
        const shown = members.length ? members.slice(0, 5).join(', ') : 'it is empty';
        throw new GateFailure(`${file} has ${what} (no ${prefix}* member; ${shown})`);
    }
    // The path read afterwards is scratch + member: it must not climb out (tar itself would
    // strip the "../" and extract elsewhere than Kiln then looks).
    if (member.startsWith('/') || member.split('/').includes('..'))
        throw new GateFailure(`${file}: member ${member} leaves the archive's root`);
    const scratch = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dest, `${prefix}.d`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(scratch, { recursive: true });
    try {
        await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('tar', 
        // `--`: a member name is never read as one of tar's options (--to-command=…).
        [...(await decompressArgs(file)), '-xf', file, '-C', scratch, '--no-same-owner', '--', member], {
            reporter
        });
    }
    catch (e) {
        throw archiveError(file, `cannot extract ${member}`, e);
    }
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(scratch, member);
    const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(out);
    if (!st.isFile())
        throw new GateFailure(`${file}: ${member} is not a regular file`);
    if (st.size === 0)
        throw new GateFailure(`${file} has ${what} (${member} is empty)`);
    return out;
}
function archiveError(file, what, e) {
    const tail = e instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .ExecError */ .cI ? e.tail : [];
    return new GateFailure(`${file}: ${what}${tail.length ? `: ${tail.slice(-3).join(' | ')}` : ''}`);
}


/***/ }),

/***/ 59837:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hx: () => (/* binding */ DEFAULT_CHECK_MODULES),
/* harmony export */   ni: () => (/* binding */ CHECK_PATH),
/* harmony export */   wN: () => (/* binding */ checkScript)
/* harmony export */ });
/**
 * The program the boot check runs as init (init=/kiln-check) on the scratch disk only.
 * POSIX sh, so it runs on any image with /bin/sh; it uses the image's own mount, grep,
 * modinfo and modprobe, as the real boot would. Every finding is one console line:
 *
 *   KILN-CHECK-FAIL <what is wrong>
 *   KILN-BOOT-OK <kernel release> <token>      all checks passed
 *   KILN-BOOT-FAILED <token>                   at least one failed
 *
 * The token is random per run, so no line of the image or of a previous run can pass
 * for the marker. Then the machine powers itself off, so qemu exits without waiting.
 */
const CHECK_PATH = '/kiln-check';
/** Modules tried in order: the first that the image's modules.dep lists as loadable is loaded. */
const DEFAULT_CHECK_MODULES = ['loop', 'dummy', 'tun', 'bonding'];
const SAFE = /^[A-Za-z0-9_./-]+$/;
function checkScript(opts) {
    for (const v of [opts.token, opts.rootDevice, ...opts.modules]) {
        // Values are written into the script as words: refuse anything that would need quoting.
        if (!SAFE.test(v))
            throw new Error(`boot check: unsafe value for the check script: ${JSON.stringify(v)}`);
    }
    return `#!/bin/sh
# Written by Kiln's boot check on a scratch copy of the image; never published.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
token=${opts.token}
failed=0
fail() { echo "KILN-CHECK-FAIL $*"; failed=1; }
note() { echo "KILN-CHECK $*"; }

[ -r /proc/mounts ] || mount -t proc proc /proc || fail "cannot mount /proc"
[ -d /sys/kernel ] || mount -t sysfs sysfs /sys || fail "cannot mount /sys"
read kver < /proc/sys/kernel/osrelease

# The root filesystem is the disk, as the initramfs was told.
rootdev=
while read dev mnt rest; do
  [ "$mnt" = / ] && rootdev=$dev
done < /proc/mounts
if [ "$rootdev" = ${opts.rootDevice} ]; then
  note "root filesystem on $rootdev"
else
  fail "root filesystem is not on ${opts.rootDevice} (/proc/mounts has / on '$rootdev')"
fi

# A module of the running kernel loads from the image's /lib/modules.
moddir=/lib/modules/$kver
if [ ! -d "$moddir" ]; then
  fail "no $moddir for the running kernel $kver (modules archive: $(ls /lib/modules 2>/dev/null | tr '\\n' ' '))"
elif [ ! -s "$moddir/modules.dep" ]; then
  fail "no $moddir/modules.dep"
elif ! command -v modprobe >/dev/null 2>&1; then
  fail "no modprobe in the image"
else
  module=
  for m in ${opts.modules.join(' ')}; do
    if grep -q "/$m\\.ko[.a-z]*:" "$moddir/modules.dep"; then module=$m; break; fi
  done
  if [ -z "$module" ]; then
    fail "none of the modules ${opts.modules.join(', ')} is listed as loadable in $moddir/modules.dep"
  else
    file=$(modinfo -n "$module" 2>&1)
    if [ ! -f "$file" ]; then
      fail "module $module: its file is missing ($file)"
    elif ! out=$(modprobe "$module" 2>&1); then
      fail "module $module did not load: $(echo "$out" | tr '\\n' ' ')"
    elif [ ! -d "/sys/module/$module" ]; then
      fail "module $module: modprobe succeeded but /sys/module/$module is missing"
    else
      note "module $module loaded from $file"
    fi
  fi
fi

# The image's own init is there to take over on a real boot.
if [ -L /sbin/init ] && [ ! -e /sbin/init ]; then
  fail "/sbin/init is a dangling link to $(readlink /sbin/init)"
elif [ ! -e /sbin/init ]; then
  fail "/sbin/init is missing"
elif [ ! -x /sbin/init ]; then
  fail "/sbin/init is not executable"
else
  note "/sbin/init present"
fi

if [ $failed = 0 ]; then
  echo "KILN-BOOT-OK $kver $token"
else
  echo "KILN-BOOT-FAILED $token"
fi
# Let the serial line drain, then power off (qemu exits); poweroff -f if sysrq is off.
sleep 1
echo 1 > /proc/sys/kernel/sysrq 2>/dev/null
echo o > /proc/sysrq-trigger 2>/dev/null
sleep 5
poweroff -f
`;
}


/***/ }),

/***/ 62812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I8: () => (/* binding */ runGuest),
/* harmony export */   db: () => (/* binding */ DiskCheckRules),
/* harmony export */   g_: () => (/* binding */ InitrdCheckRules),
/* harmony export */   uA: () => (/* binding */ BootAborted)
/* harmony export */ });
/* unused harmony export CONSOLE_TAIL_LINES */
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37895);
/**
 * Runs a guest and reads its serial console line by line, deciding as soon as the
 * console says enough: the pass marker, the check's failure line, or a kernel panic
 * (qemu is stopped at once, not at the timeout). Keeps the last lines for the report.
 */

const CONSOLE_TAIL_LINES = 40;
/** Things an initramfs prints on the way to a failure: quoted when no marker came. */
const HINTS = [
    /Initramfs unpacking failed.*/,
    /Gave up waiting for root.*/,
    /ALERT!.*/,
    /Target filesystem doesn't have requested.*/,
    /No init found.*/,
    /VFS: Cannot open root device.*/,
    /VFS: Unable to mount root.*/,
    /Kernel panic.*/
];
class BaseRules {
    hints = [];
    panic(line) {
        const m = /Kernel panic - not syncing:?\s*(.*)$|Kernel panic(.*)$/.exec(line);
        if (!m)
            return undefined;
        const reason = (m[1] ?? m[2] ?? '').trim() || 'no reason given';
        // What went wrong earlier (an initrd that did not unpack) has often scrolled out of the tail.
        const earlier = this.hints.filter((h) => !h.startsWith('Kernel panic') && !reason.includes(h));
        return {
            passed: false,
            message: `kernel panic: ${reason}${earlier.length ? ` (console: ${earlier.join('; ')})` : ''}`
        };
    }
    noteHint(line) {
        for (const h of HINTS) {
            const m = h.exec(line);
            if (m && !this.hints.includes(m[0].trim()) && this.hints.length < 5)
                this.hints.push(m[0].trim());
        }
    }
    hintText() {
        return this.hints.length ? ` (console: ${this.hints.join('; ')})` : '';
    }
}
/** The full check: the check program's marker decides; a panic fails at once. */
class DiskCheckRules extends BaseRules {
    token;
    failures = [];
    sawCheck = false;
    constructor(token) {
        super();
        this.token = token;
    }
    feed(line) {
        this.noteHint(line);
        const ok = new RegExp(`KILN-BOOT-OK (\\S+) ${this.token}`).exec(line);
        if (ok)
            return { passed: true, message: `booted kernel ${ok[1]} to the check program`, kernel: ok[1] };
        const fail = /KILN-CHECK-FAIL (.*)$/.exec(line);
        if (fail) {
            this.failures.push(fail[1].trim());
            return undefined;
        }
        if (/KILN-CHECK /.test(line))
            this.sawCheck = true;
        if (line.includes(`KILN-BOOT-FAILED ${this.token}`)) {
            return { passed: false, message: `the booted image failed its checks: ${this.failures.join('; ')}` };
        }
        const p = this.panic(line);
        if (p && this.failures.length)
            p.message += ` after: ${this.failures.join('; ')}`;
        return p;
    }
    explainNoVerdict() {
        if (this.failures.length)
            return `the booted image failed its checks: ${this.failures.join('; ')}`;
        return this.sawCheck
            ? 'the check program started but did not finish'
            : `the check program never ran: no marker on the console${this.hintText()}`;
    }
}
/**
 * Lines by which an initramfs shows it ran and went looking for the root device. The
 * first comes at once; the "gave up" ones only after initramfs-tools' minimum 30 s wait.
 */
const ROOT_LOOKUP = [
    /Begin: Mounting root file system/, // initramfs-tools, after udev and init-premount
    /Gave up waiting for root/, // Debian/Ubuntu initramfs-tools
    /ALERT! .* does not exist/, // initramfs-tools
    /\(initramfs\)/, // initramfs-tools shell prompt
    /dracut-initqueue.*(timeout|Could not boot)/, // dracut
    /Warning: \/dev\/\S+ does not exist/ // dracut
];
/** The initrd-only check: passes once the initramfs reached its root lookup. */
class InitrdCheckRules extends BaseRules {
    feed(line) {
        this.noteHint(line);
        if (ROOT_LOOKUP.some((r) => r.test(line))) {
            return { passed: true, message: `the initrd ran and looked for the root device (${line.trim()})` };
        }
        return this.panic(line);
    }
    explainNoVerdict() {
        return `the initrd never reached its root device lookup${this.hintText()}`;
    }
}
class BootAborted extends Error {
    constructor() {
        super('boot check cancelled');
        this.name = 'BootAborted';
    }
}
/**
 * Runs qemu until the rules decide, the timeout passes, or signal aborts. qemu is killed
 * in every case but the guest's own power-off; run() waits for it to be gone.
 */
async function runGuest(cmd, rules, opts) {
    const tail = new _util_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .Tail */ .PW(CONSOLE_TAIL_LINES);
    const stop = new AbortController();
    let verdict;
    let timedOut = false;
    const onLine = (line) => {
        opts.reporter?.debug(`console: ${line}`);
        if (verdict)
            return;
        verdict = rules.feed(line);
        if (verdict)
            stop.abort();
    };
    const timer = setTimeout(() => {
        timedOut = true;
        stop.abort();
    }, opts.timeoutSec * 1000);
    const onAbort = () => stop.abort();
    opts.signal?.addEventListener('abort', onAbort);
    if (opts.signal?.aborted)
        stop.abort();
    const t0 = Date.now();
    let error;
    try {
        await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)(cmd.file, cmd.args, {
            reporter: opts.reporter,
            captureStdout: false,
            signal: stop.signal,
            onLine: (l) => {
                tail.push(`${l}\n`);
                onLine(l);
            }
        });
    }
    catch (e) {
        error = e;
    }
    finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
    }
    const seconds = (Date.now() - t0) / 1000;
    const consoleTail = tail.get();
    if (verdict)
        return { verdict, consoleTail, seconds };
    if (opts.signal?.aborted)
        throw new BootAborted();
    if (timedOut) {
        return {
            verdict: {
                passed: false,
                message: `timed out after ${opts.timeoutSec} s: ${rules.explainNoVerdict()}`
            },
            consoleTail,
            seconds
        };
    }
    if (error instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI && error.exitCode === undefined && consoleTail.length === 0) {
        // qemu did not start at all (missing binary): a problem of this machine, not of the image.
        throw error;
    }
    const ended = error instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI ? /(killed by \w+|exited with status -?\d+)$/.exec(error.message) : null;
    const how = ended ? ` (qemu ${ended[1]})` : '';
    return { verdict: { passed: false, message: `${rules.explainNoVerdict()}${how}` }, consoleTail, seconds };
}


/***/ }),

/***/ 2733:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ qemuOptionValue),
/* harmony export */   BN: () => (/* binding */ machineArgs),
/* harmony export */   ET: () => (/* binding */ diskAppend),
/* harmony export */   O$: () => (/* binding */ gateAppend),
/* harmony export */   Q$: () => (/* binding */ qemuBinary),
/* harmony export */   Yf: () => (/* binding */ ROOT_DEVICE),
/* harmony export */   _d: () => (/* binding */ qemuCommand),
/* harmony export */   f1: () => (/* binding */ initrdAppend)
/* harmony export */ });
/* unused harmony export serialConsole */
/** The disk is the first virtio block device on both machines. */
const ROOT_DEVICE = '/dev/vda';
function qemuBinary(arch) {
    return arch === 'aarch64' ? 'qemu-system-aarch64' : 'qemu-system-x86_64';
}
function serialConsole(arch) {
    return arch === 'aarch64' ? 'ttyAMA0' : 'ttyS0';
}
/**
 * What every gate's guest starts from: the CPU (the host's under KVM), the accelerator, memory,
 * no default devices or user config, no display, and -no-reboot so a panic or the check's
 * power-off ends qemu.
 */
function machineArgs(accel, memoryMiB, cpu = accel === 'kvm' ? 'host' : undefined) {
    return [
        ...(cpu ? ['-cpu', cpu] : []),
        '-accel',
        accel,
        '-m',
        String(memoryMiB),
        '-nodefaults',
        '-no-user-config',
        '-display',
        'none',
        '-no-reboot'
    ];
}
function qemuCommand(spec) {
    const memoryMiB = spec.memoryMiB ?? 1024;
    const args = spec.arch === 'aarch64'
        ? ['-M', 'virt', ...machineArgs(spec.accel, memoryMiB, spec.accel === 'kvm' ? 'host' : 'cortex-a57')]
        : machineArgs(spec.accel, memoryMiB);
    args.push('-serial', 'stdio', '-kernel', spec.kernel);
    if (spec.initrd)
        args.push('-initrd', spec.initrd);
    args.push('-append', spec.append);
    if (spec.disk)
        args.push('-drive', `file=${qemuOptionValue(spec.disk)},if=virtio,format=raw`);
    return { file: qemuBinary(spec.arch), args };
}
/**
 * What every boot of the gate passes the kernel: the serial console, and a panic that ends qemu
 * at once. On x86, `no_timer_check` too: the kernel's IO-APIC timer check assumes real time, and
 * a TCG guest on a busy host misses it and panics ("IO-APIC + timer doesn't work!") — the
 * option virtual machines are booted with for that reason.
 */
function gateAppend(arch) {
    return `console=${serialConsole(arch)} panic=-1${arch === 'x86_64' ? ' no_timer_check' : ''}`;
}
/** Kernel command line of the full check: the disk is / and the check program is init. */
function diskAppend(arch, init) {
    return `${gateAppend(arch)} root=${ROOT_DEVICE} ro init=${init}`;
}
/**
 * Kernel command line of the initrd-only check: no disk, so the initramfs looks for the
 * root device, gives up after rootdelay, and (panic= set) reboots instead of a shell.
 */
function initrdAppend(arch) {
    return `${gateAppend(arch)} root=${ROOT_DEVICE} rootdelay=1`;
}
/** qemu splits -drive options on commas; a comma in a path is written twice. */
function qemuOptionValue(v) {
    return v.replace(/,/g, ',,');
}


/***/ }),

/***/ 94915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ makeScratchDir)
/* harmony export */ });
/* unused harmony export TEMP_PREFIX */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57636);
/**
 * Scratch directories for a boot check (the disk image alone is as big as the root
 * filesystem), removed in `finally`, and also when the process ends on a signal
 * (util/lifecycle.ts): a cancelled CI job must not leave gigabytes behind on a self-hosted
 * runner. The name carries the owner, so the next run removes those of a SIGKILLed one.
 */





/** Every scratch directory of this process starts with this, so tests can look for leftovers. */
const TEMP_PREFIX = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__/* .tempPrefix */ .hF)('verify');
/** Creates a scratch directory that disappears with the process if `dispose` never runs. */
function makeScratchDir(parent = (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)()) {
    const path = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(parent, TEMP_PREFIX));
    const untrack = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__/* .trackDir */ .F3)(path);
    return {
        path,
        dispose: async () => {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { recursive: true, force: true });
            untrack();
        }
    };
}


/***/ })

};
