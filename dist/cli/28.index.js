export const id = 28;
export const ids = [28,29];
export const modules = {

/***/ 92312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gz: () => (/* binding */ singleFileTarget),
/* harmony export */   P1: () => (/* binding */ selectBoot),
/* harmony export */   VB: () => (/* binding */ NoKernelError),
/* harmony export */   hN: () => (/* binding */ modulesTarget)
/* harmony export */ });
/* unused harmony exports compareVersions, listKernels */
/* harmony import */ var _flatten_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74660);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46729);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77137);
/**
 * Boot archives in the layout bare-metal provisioners expect (Packet's archive-* tools):
 * kernel.tar.gz holds `./vmlinuz`, initrd.tar.gz holds `./initrd`, modules.tar.gz holds
 * `lib/modules/<version>/…` (a clean relative path, unlike the temp prefix the originals
 * leaked). The kernel is chosen from the header indexes before the pass, so the archives
 * are written in the same pass as the rootfs.
 */



class NoKernelError extends Error {
}
/** `sort -V` order: digit runs compare as numbers, everything else as text. */
function compareVersions(a, b) {
    const pa = a.match(/\d+|\D+/g) ?? [];
    const pb = b.match(/\d+|\D+/g) ?? [];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i];
        const y = pb[i];
        if (x === undefined)
            return -1;
        if (y === undefined)
            return 1;
        const nx = /^\d/.test(x);
        const ny = /^\d/.test(y);
        if (nx && ny) {
            const d = Number(x) - Number(y);
            if (d)
                return d;
        }
        else if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/** Kernel versions found as boot/vmlinuz-<version> (regular files or links to one), rescue kernels left out. */
function listKernels(plan) {
    const out = [];
    // Only what lies below boot/ can match: no path string is made for the rest of the image.
    for (const { path } of plan.visible('boot')) {
        const m = /^boot\/vmlinuz-(.+)$/.exec(path);
        if (!m || /rescue/.test(m[1]))
            continue;
        const r = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, path);
        if (r && (r.entry.src.type === 'file' || r.entry.kind !== 'copy'))
            out.push(m[1]);
    }
    return out.sort(compareVersions);
}
const INITRD_NAMES = (v) => [
    `boot/initrd.img-${v}`,
    `boot/initramfs-${v}.img`,
    `boot/initrd-${v}`,
    `boot/initrd-${v}.img`
];
/**
 * Picks the kernel (newest, or `pin`, given as UTF-8 text), its initrd and its modules
 * directory. Throws NoKernelError naming what is missing.
 */
function selectBoot(plan, pin) {
    const kernels = listKernels(plan);
    if (!kernels.length)
        throw new NoKernelError('no kernel in the image: no /boot/vmlinuz-* file');
    const version = pin === undefined ? kernels[kernels.length - 1] : (0,_tar_js__WEBPACK_IMPORTED_MODULE_2__/* .binaryName */ .fW)(pin);
    if (!kernels.includes(version)) {
        throw new NoKernelError(`kernel ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$)(version)} is not in the image (found: ${kernels.map(_tar_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$).join(', ')})`);
    }
    const k = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, `boot/vmlinuz-${version}`);
    const sel = { version, kernelPath: k.path, kernel: k.entry };
    for (const name of INITRD_NAMES(version)) {
        const r = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, name);
        if (r && r.entry.src.type !== 'dir') {
            sel.initrdPath = r.path;
            sel.initrd = r.entry;
            break;
        }
    }
    const mods = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, `lib/modules/${version}`);
    if (mods && mods.entry.src.type === 'dir')
        sel.modulesPath = mods.path;
    return sel;
}
/** A regular file carrying `content` (for hardlinks: the inode's metadata and data). */
function fileHeader(name, p, content, sourceDateEpoch) {
    return { ...(0,_flatten_js__WEBPACK_IMPORTED_MODULE_0__/* .memberHeader */ .As)(name, content ?? p.src, sourceDateEpoch), type: 'file', size: content?.size ?? 0 };
}
/** A target taking one file of the image under a fixed name (./vmlinuz, ./initrd). */
function singleFileTarget(writer, entry, name, sourceDateEpoch) {
    return {
        writer,
        select: (p, content) => (p.id === entry.id ? fileHeader(name, p, content, sourceDateEpoch) : null)
    };
}
/** A target taking the modules tree, renamed to lib/modules/<version>/…; hardlinks become plain files. */
function modulesTarget(writer, sel, sourceDateEpoch) {
    const dir = sel.modulesPath;
    const prefix = `lib/modules/${sel.version}`;
    return {
        writer,
        select: (p, content) => {
            if (p.path !== dir && !p.path.startsWith(`${dir}/`))
                return null;
            const rel = p.path.slice(dir.length);
            const e = p.src;
            if (p.kind !== 'copy' || e.type === 'file')
                return fileHeader(`${prefix}${rel}`, p, content, sourceDateEpoch);
            return (0,_flatten_js__WEBPACK_IMPORTED_MODULE_0__/* .memberHeader */ .As)(`${prefix}${rel}`, e, sourceDateEpoch);
        }
    };
}


/***/ }),

/***/ 44028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ EXPORT_KINDS),
  badOutputName: () => (/* binding */ badOutputName),
  exportImage: () => (/* binding */ exportImage)
});

// UNUSED EXPORTS: OUTPUT_NAME

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(29906);
// EXTERNAL MODULE: ./src/exporters/boot.ts
var exporters_boot = __webpack_require__(92312);
// EXTERNAL MODULE: ./src/exporters/compress.ts
var compress = __webpack_require__(77152);
// EXTERNAL MODULE: ./src/exporters/flatten.ts + 1 modules
var flatten = __webpack_require__(74660);
// EXTERNAL MODULE: ./src/exporters/inputs.ts
var inputs = __webpack_require__(13029);
// EXTERNAL MODULE: ./src/exporters/manifest.ts
var exporters_manifest = __webpack_require__(26001);
// EXTERNAL MODULE: ./src/exporters/packages.ts
var exporters_packages = __webpack_require__(77949);
// EXTERNAL MODULE: ./src/exporters/plan.ts + 1 modules
var exporters_plan = __webpack_require__(46729);
// EXTERNAL MODULE: ./node_modules/execa/index.js + 132 modules
var execa = __webpack_require__(4434);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(37895);
// EXTERNAL MODULE: ./src/util/lifecycle.ts
var lifecycle = __webpack_require__(57636);
// EXTERNAL MODULE: ./src/exporters/file-reader.ts
var file_reader = __webpack_require__(77680);
// EXTERNAL MODULE: ./src/exporters/tar.ts
var tar = __webpack_require__(77137);
;// CONCATENATED MODULE: ./src/exporters/netboot.ts
/**
 * Netboot artifacts: out/<name>/netboot/ holds what an iPXE client needs, unwrapped, so the
 * directory can be served as it is (HTTP or TFTP):
 *
 *   vmlinuz          the kernel, as the image has it
 *   initrd           its initrd, as the image has it
 *   cmdline          the kernel command line (/etc/kernel/cmdline of the image, or a default)
 *   boot.ipxe        an iPXE script that boots them; every URL is ${base-url}/<file>
 *   rootfs.squashfs  (export "squashfs") the root filesystem, for a live boot
 *
 * Kernel and initrd are the ones the kernel/initrd exporters pick (boot.ts, resolved inside the
 * image), copied by byte range from their layer after the pass. The command line is image
 * content written into a script: it is reduced to words of a conservative character set, so
 * nothing in it can expand, chain or end an iPXE line.
 */











const NETBOOT_DIR = 'netboot';
const NETBOOT_FILES = {
    kernel: 'vmlinuz',
    initrd: 'initrd',
    cmdline: 'cmdline',
    script: 'boot.ipxe',
    squashfs: 'rootfs.squashfs'
};
/** Where the image states its kernel command line (systemd's kernel-install reads the same file). */
const CMDLINE_PATH = 'etc/kernel/cmdline';
/** A netboot without /etc/kernel/cmdline: read-only root, the rest is the deployer's (extra-args). */
const DEFAULT_CMDLINE = 'ro';
/** The kernel's own limit on x86 (COMMAND_LINE_SIZE) is 2048; more than that is not a command line. */
const MAX_CMDLINE_BYTES = 2048;
/**
 * Characters a command-line word may have. iPXE expands `${…}`, splits on `||` and `&&`, reads
 * quotes and backslashes, and ends a command at a newline: none of those can get through.
 */
const WORD = /^[A-Za-z0-9._,:=/+@%~^-]+$/;
class CmdlineError extends Error {
}
/**
 * The command line from the bytes of /etc/kernel/cmdline: whitespace runs (newlines included,
 * as kernel-install reads the file) become one space; a word with any other character is
 * refused, naming it. Undefined (no file) gives DEFAULT_CMDLINE.
 */
function kernelCmdline(raw) {
    if (raw === undefined)
        return DEFAULT_CMDLINE;
    if (raw.length > MAX_CMDLINE_BYTES)
        throw new CmdlineError(`/${CMDLINE_PATH}: ${raw.length} bytes, more than a kernel command line (${MAX_CMDLINE_BYTES})`);
    const words = raw
        .toString('latin1')
        .split(/[ \t\n\r\v\f]+/)
        .filter((w) => w !== '');
    for (const w of words) {
        if (!WORD.test(w)) {
            const bad = [...w].find((c) => !WORD.test(c)) ?? w;
            throw new CmdlineError(`/${CMDLINE_PATH}: the word ${(0,tar/* printable */.g$)(w)} has ${JSON.stringify(bad)}, which the netboot script cannot carry safely (letters, digits and ${'._,:=/+@%~^-'} only)`);
        }
    }
    return words.length ? words.join(' ') : DEFAULT_CMDLINE;
}
/** Lines the script prints when a step fails: the netboot gate reads them (console rules). */
const IPXE_FAIL = 'Kiln netboot failed:';
/** Text only of the safe set (for the script's comments and messages); anything else is '?'. */
function scriptText(s) {
    return (0,tar/* printable */.g$)(s).replace(/[^A-Za-z0-9._,:=/+@%~^-]/g, '?');
}
function ipxeScript(o) {
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(o.name))
        throw new Error(`netboot script: unsafe image name ${o.name}`);
    for (const w of o.cmdline.split(' '))
        if (!WORD.test(w))
            throw new Error(`netboot script: unsafe command line word ${JSON.stringify(w)}`);
    const kernel = scriptText(o.kernel);
    const f = NETBOOT_FILES;
    const lines = [
        '#!ipxe',
        `# Kiln netboot script: ${o.name}, kernel ${kernel}.`,
        '# Serve the files of this directory, set base-url to their URL (no trailing /) and chain this:',
        '#   set base-url http://192.0.2.1/' + o.name,
        '#   chain ${base-url}/boot.ipxe',
        '# Optional settings: extra-args (appended to the kernel command line), extra-initrd (URL of',
        `# one more initrd, loaded last)${o.squashfs ? `, live (any value: ${f.squashfs} is loaded into the` : ''}`,
        ...(o.squashfs ? ['# initramfs as /rootfs.squashfs, for an initrd that boots from it).'] : []),
        'isset ${base-url} || goto kiln-no-base-url',
        `echo Kiln netboot: ${o.name}, kernel ${kernel}, from \${base-url}`,
        `kernel \${base-url}/${f.kernel} initrd=${f.initrd} ${o.cmdline} \${extra-args} || goto kiln-no-kernel`,
        `initrd \${base-url}/${f.initrd} || goto kiln-no-initrd`
    ];
    if (o.squashfs) {
        lines.push('isset ${live} || goto kiln-extra', `initrd \${base-url}/${f.squashfs} /rootfs.squashfs || goto kiln-no-rootfs`, ':kiln-extra');
    }
    lines.push('isset ${extra-initrd} || goto kiln-boot', 'initrd ${extra-initrd} || goto kiln-no-extra-initrd', ':kiln-boot', 'boot || goto kiln-no-boot', ':kiln-no-base-url', `echo ${IPXE_FAIL} base-url is not set`, 'exit 1', ':kiln-no-kernel', `echo ${IPXE_FAIL} cannot load the kernel \${base-url}/${f.kernel}`, 'exit 1', ':kiln-no-initrd', `echo ${IPXE_FAIL} cannot load the initrd \${base-url}/${f.initrd}`, 'exit 1');
    if (o.squashfs)
        lines.push(':kiln-no-rootfs', `echo ${IPXE_FAIL} cannot load the root filesystem \${base-url}/${f.squashfs}`, 'exit 1');
    lines.push(':kiln-no-extra-initrd', `echo ${IPXE_FAIL} cannot load the extra initrd \${extra-initrd}`, 'exit 1', ':kiln-no-boot', `echo ${IPXE_FAIL} the kernel did not start`, 'exit 1', '');
    return lines.join('\n');
}
/**
 * Copies the data of one planned file (kernel, initrd) out of its layer into `dest`, hashed on
 * the way (FileSink: temporary name, renamed when complete).
 */
async function copyEntry(plan, entry, dest, signal) {
    const content = (0,exporters_plan/* contentOf */.$E)(plan, entry);
    const sink = new compress/* FileSink */.UP(dest);
    const reader = content ? await file_reader/* FileReader */.q.open(plan.layers[content.layer].source.path) : undefined;
    try {
        const CHUNK = 1 << 20;
        const buf = Buffer.allocUnsafe(CHUNK);
        for (let off = 0; content && off < content.size; off += CHUNK) {
            signal?.throwIfAborted();
            const n = Math.min(CHUNK, content.size - off);
            await reader.readInto(buf, 0, n, content.dataOffset + off);
            await sink.write(buf.subarray(0, n));
        }
        await sink.end();
    }
    catch (e) {
        await sink.abort();
        throw e;
    }
    finally {
        await reader?.close();
    }
    return { size: sink.size, sha256: sink.sha256 };
}
/**
 * tar2sqfs compressor options for the export's compression, at the levels the archives use:
 * `none` asks for speed (zstd -1), not for no compression. (squashfs-tools' own defaults, gzip -9
 * and zstd -15, took 152 s and 85 s on the kernel fixture where these take 4-25 s.)
 */
function squashfsCompressor(c) {
    // zstd -1, not lz4, for speed: squashfs-tools' unsquashfs 4.5 calls tar2sqfs' lz4 images corrupt.
    return c === 'gzip'
        ? ['-c', 'gzip', '-X', 'level=6']
        : ['-c', 'zstd', '-X', `level=${c === 'none' ? 1 : 3}`];
}
/**
 * The flattened rootfs tar piped into tar2sqfs (squashfs-tools-ng), which writes
 * rootfs.squashfs under a temporary name with a compressor job per core; renamed and hashed by
 * end(). It keeps owners, modes, links, xattrs and the times of the tar headers (clamped to
 * SOURCE_DATE_EPOCH). POSIX ACLs (system.posix_acl_* xattrs) are left out with a warning:
 * squashfs has no place for them (sqfstar drops them too). Not --no-skip: it would make them
 * fatal; the tar is Kiln's own, written by the pass, so there is no record it cannot read.
 */
class SquashfsSink {
    path;
    size = 0;
    sha256 = '';
    tmp;
    untrack;
    child;
    constructor(path, opts) {
        this.path = path;
        this.tmp = (0,lifecycle/* tempFileFor */.G2)(path);
        this.untrack = (0,lifecycle/* trackDir */.F3)(this.tmp);
        const args = ['--quiet', '-j', String((0,external_node_os_.availableParallelism)())];
        args.push(...squashfsCompressor(opts.compression));
        if (opts.sourceDateEpoch !== undefined)
            args.push('--defaults', `mtime=${opts.sourceDateEpoch}`);
        args.push('--', this.tmp);
        const [file, argv] = (0,exec/* dieWithKiln */.N7)('tar2sqfs', args);
        this.child = (0,execa/* execa */.Ho)(file, argv, { stdin: 'pipe', stdout: 'ignore', stderr: 'pipe' });
        this.child.catch(() => undefined);
    }
    failure(e) {
        const stderr = e.stderr ?? '';
        const lines = stderr
            .split('\n')
            .filter((l) => l.trim() && !/^WARNING: squashfs does not support xattr prefix/.test(l))
            .slice(-3);
        return new Error(`tar2sqfs could not make ${this.path}: ${lines.join(' | ') || e.message}${e.code === 'ENOENT' ? ' (install squashfs-tools-ng)' : ''}`);
    }
    async write(chunk) {
        try {
            await new Promise((resolve, reject) => {
                this.child.stdin.write(chunk, (e) => (e ? reject(e) : resolve()));
            });
        }
        catch (e) {
            // A dead tar2sqfs shows as EPIPE here: its own message says why.
            const exit = await this.child.then(() => e, (x) => x);
            throw this.failure(exit);
        }
    }
    async end() {
        this.child.stdin.end();
        try {
            await this.child;
        }
        catch (e) {
            await (0,promises_.rm)(this.tmp, { force: true });
            throw this.failure(e);
        }
        const hash = (0,external_node_crypto_.createHash)('sha256');
        for await (const chunk of (0,external_node_fs_.createReadStream)(this.tmp))
            hash.update(chunk);
        this.sha256 = hash.digest('hex');
        this.size = (await (0,promises_.stat)(this.tmp)).size;
        await (0,promises_.rename)(this.tmp, this.path);
        this.untrack();
    }
    async abort() {
        this.child.kill('SIGKILL');
        await this.child.catch(() => undefined);
        await (0,promises_.rm)(this.tmp, { force: true });
        this.untrack();
    }
}

// EXTERNAL MODULE: ./src/util/atomic-write.ts
var atomic_write = __webpack_require__(95105);
;// CONCATENATED MODULE: ./src/exporters/origin.ts
/**
 * Where an exported image's packages come from: the distribution (/etc/os-release) and, for
 * each package, the image of the build chain that first had it at that version. Both are read
 * from the layers the export pass has already indexed (and checked against their digests), so
 * nothing is unpacked and no ancestor is flattened again.
 *
 * An ancestor's package set is its package database as its own top layer left it. That is
 * known when the ancestor's layers are the bottom layers of this image (images built through
 * Docker, overlay packs and the sandbox keep their base's layers); an ancestor whose layers are
 * not such a prefix (e.g. a Packer build that commits a new image) is left out rather than
 * guessed at, and its packages are attributed to the nearest image that can be read.
 */



/** A package database larger than this is not read for attribution (a hostile layer could hold any size). */
const MAX_DATABASE_BYTES = 64 << 20;
const MAX_OS_RELEASE_BYTES = 64 << 10;
const MAX_COPYRIGHT_BYTES = 1 << 20;
async function readEntry(plan, layer, dataOffset, size) {
    if (size > MAX_DATABASE_BYTES)
        throw new Error(`a file of ${size} bytes is too large to read as a database`);
    const reader = await file_reader/* FileReader */.q.open(plan.layers[layer].source.path);
    try {
        return await reader.readFresh(dataOffset, size);
    }
    finally {
        await reader.close();
    }
}
/** Parses os-release text (KEY=value, values optionally quoted). */
function parseOsRelease(text) {
    const fields = new Map();
    for (const line of text.split('\n')) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (!m)
            continue;
        let v = m[2];
        if (/^(["']).*\1$/.test(v))
            v = v.slice(1, -1).replace(/\\(.)/g, '$1');
        fields.set(m[1], v);
    }
    return {
        id: fields.get('ID'),
        versionId: fields.get('VERSION_ID'),
        versionCodename: fields.get('VERSION_CODENAME'),
        prettyName: fields.get('PRETTY_NAME')
    };
}
/**
 * The image's /etc/os-release (or /usr/lib/os-release), resolved inside the image (its symlinks
 * never reach the host's); null when absent or not a plausible os-release (too large).
 */
async function readOsRelease(plan) {
    for (const path of ['etc/os-release', 'usr/lib/os-release']) {
        const r = (0,exporters_plan/* resolveInImage */.tE)(plan, path);
        if (!r)
            continue;
        const content = (0,exporters_plan/* contentOf */.$E)(plan, r.entry);
        if (!content || content.size > MAX_OS_RELEASE_BYTES)
            continue;
        const data = await readEntry(plan, content.layer, content.dataOffset, content.size);
        return parseOsRelease(data.toString('utf8'));
    }
    return null;
}
/**
 * The licence a machine-readable Debian copyright file (DEP-5) states for the package as a whole:
 * the License of its `Files: *` paragraph, in Debian's short names (e.g. "GPL-2+"), or undefined
 * when the file is free text or says no single licence.
 */
function dep5License(text) {
    if (!/^Format:\s*\S*copyright-format/i.test(text))
        return undefined;
    for (const paragraph of text.split(/\n\s*\n/)) {
        if (!/^Files:\s*\*\s*$/m.test(paragraph))
            continue;
        const license = /^License:[ \t]*(\S[^\n]*)$/m.exec(paragraph)?.[1].trim();
        return license && /^[\w.+ ()-]+$/.test(license) ? license : undefined;
    }
    return undefined;
}
/**
 * dpkg packages with the licence their /usr/share/doc/NAME/copyright states in DEP-5 form (read
 * inside the image; a file larger than a copyright file would be is skipped). Others unchanged.
 */
async function withDebianLicenses(plan, packages) {
    const out = [];
    for (const p of packages) {
        const r = p.license ? null : (0,exporters_plan/* resolveInImage */.tE)(plan, `usr/share/doc/${p.name}/copyright`);
        const content = r ? (0,exporters_plan/* contentOf */.$E)(plan, r.entry) : undefined;
        if (!content || content.size > MAX_COPYRIGHT_BYTES) {
            out.push(p);
            continue;
        }
        const license = dep5License((await readEntry(plan, content.layer, content.dataOffset, content.size)).toString('utf8'));
        out.push(license ? { ...p, license } : p);
    }
    return out;
}
/** name@version:arch: what "the same package" means when comparing images. */
const packageId = (p) => `${p.name}@${p.version}${p.arch ? `:${p.arch}` : ''}`;
/** Where each database whose per-layer versions can be read lives, and how to read it. */
const LAYER_DATABASES = {
    dpkg: { path: exporters_packages/* DPKG_STATUS */.ok, parse: exporters_packages/* parseDpkgStatus */._0 },
    apk: { path: exporters_packages/* APK_INSTALLED */._e, parse: exporters_packages/* parseApkInstalled */.MF }
};
/**
 * The package set as the top of layers [0, count) leaves it: the highest of those layers that
 * holds (or deletes) the database file decides; empty when none does. Null when it cannot be
 * told (a database too large to be real).
 */
async function packagesAtLayer(plan, count, db) {
    for (let i = count - 1; i >= 0; i--) {
        // The last member of that name is the one the layer leaves.
        const found = plan.memberInLayer(i, db.path);
        const entry = found?.type === 'file' ? found : undefined;
        if (!entry) {
            if (plan.layers[i].whiteouts.includes(db.path))
                return new Set();
            continue;
        }
        if (entry.size > MAX_DATABASE_BYTES)
            return null;
        const data = await readEntry(plan, i, entry.dataOffset, entry.size);
        return new Set(db.parse(data.toString('utf8')).map(packageId));
    }
    return new Set();
}
/**
 * For each package of the image (by packageId): the name of the first image of the chain
 * (farthest ancestor first) whose package set already held it at that version, or `image` when
 * none did. `ancestors` are nearest first, as manifest.json's `base` lists them.
 *
 * A package is left out (its origin unknown) rather than guessed when, walking up the chain,
 * an ancestor whose set cannot be read comes before one that has it: an ancestor whose layers are
 * not the bottom of this image's, a database too large to be real, or an rpm database (read
 * only for the whole image, with the host's rpm).
 */
async function attributePackages(plan, list, image, ancestors) {
    const out = new Map();
    const db = list.format === 'dpkg' || list.format === 'apk' ? LAYER_DATABASES[list.format] : null;
    if (!db)
        return out;
    const own = plan.layers.map((l) => l.source.digest);
    // Farthest first; null where the set cannot be read.
    const chain = [];
    for (const a of [...ancestors].reverse()) {
        const isPrefix = a.layers.length <= own.length && a.layers.every((d, i) => d === own[i]);
        chain.push({ name: a.name, ids: isPrefix ? await packagesAtLayer(plan, a.layers.length, db) : null });
    }
    for (const p of list.packages) {
        const id = packageId(p);
        let origin = image;
        for (const c of chain) {
            if (!c.ids) {
                origin = undefined;
                break;
            }
            if (c.ids.has(id)) {
                origin = c.name;
                break;
            }
        }
        if (origin)
            out.set(id, origin);
    }
    return out;
}

// EXTERNAL MODULE: ./src/exporters/provenance.ts
var provenance = __webpack_require__(91215);
;// CONCATENATED MODULE: ./src/exporters/sbom.ts
/**
 * Software bills of materials of an exported image, in the two standard formats: SPDX 2.3 JSON
 * (sbom.spdx.json) and CycloneDX 1.5 JSON (sbom.cdx.json). They list the packages of the image's
 * own package database (packages.ts) with a package URL each, and say which image of the build
 * chain added each package (origin.ts). Pure functions of their input, sorted, with the creation
 * time from SOURCE_DATE_EPOCH when set: the same image gives the same bytes.
 *
 * Licences: apk and rpm databases state one, and so does a Debian package whose copyright file is
 * machine-readable (DEP-5, origin.ts), each in its own words (often not an SPDX expression: "GPLv2+",
 * "GPL-2+"). So SPDX gets NOASSERTION with the stated text as a comment, and CycloneDX gets it as a
 * licence name; a package whose licence is free text gets none.
 */


const SBOM_FORMATS = (/* unused pure expression or super */ null && (['spdx', 'cyclonedx', 'both', 'none']));
const SPDX_FILE = 'sbom.spdx.json';
const CYCLONEDX_FILE = 'sbom.cdx.json';
/** The files a format choice writes. */
function sbomFiles(format) {
    if (format === 'none')
        return [];
    if (format === 'spdx')
        return [SPDX_FILE];
    if (format === 'cyclonedx')
        return [CYCLONEDX_FILE];
    return [SPDX_FILE, CYCLONEDX_FILE];
}
const PURL_TYPE = { dpkg: 'deb', apk: 'apk', rpm: 'rpm' };
/** Percent-encoding of a purl component: as encodeURIComponent, ':' left as it is (as packageurl-js does). */
const purlEncode = (s) => encodeURIComponent(s).replace(/%3A/g, ':');
/**
 * The package URL of a package: pkg:deb/debian/dpkg@1.21.22?arch=amd64&distro=debian-12
 * (type from the database, namespace from os-release's ID, qualifiers sorted by key).
 */
function purlOf(p, format, os) {
    const namespace = (os?.id ?? (format === 'apk' ? 'alpine' : '')).toLowerCase();
    const distroVersion = os?.versionId ?? os?.versionCodename;
    const qualifiers = [];
    if (p.arch)
        qualifiers.push(['arch', p.arch]);
    if (os?.id)
        qualifiers.push(['distro', distroVersion ? `${os.id}-${distroVersion}` : os.id]);
    if (p.source && p.source !== p.name)
        qualifiers.push(['upstream', p.source]);
    qualifiers.sort(([a], [b]) => (a < b ? -1 : 1));
    const name = format === 'apk' ? p.name : p.name.toLowerCase();
    const query = qualifiers.map(([k, v]) => `${k}=${purlEncode(v)}`).join('&');
    return (`pkg:${PURL_TYPE[format]}/${namespace ? `${purlEncode(namespace)}/` : ''}${purlEncode(name)}` +
        `${p.version ? `@${purlEncode(p.version)}` : ''}${query ? `?${query}` : ''}`);
}
/** ISO time without milliseconds (SPDX's YYYY-MM-DDThh:mm:ssZ), from SOURCE_DATE_EPOCH when set. */
function creationTime(sourceDateEpoch) {
    const ms = sourceDateEpoch !== undefined ? sourceDateEpoch * 1000 : Date.now();
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** A digest of everything the document says, for names that must be unique yet reproducible. */
function contentId(input) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(JSON.stringify([
        input.image,
        input.key ?? null,
        input.packages.map(packageId).sort(),
        input.archives.map((a) => `${a.sha256} ${a.file}`).sort()
    ]))
        .digest('hex');
}
const sorted = (packages) => [...packages].sort((a, b) => {
    const x = packageId(a);
    const y = packageId(b);
    return x < y ? -1 : x > y ? 1 : 0;
});
/** SPDX element ids allow letters, digits, '.' and '-' only. */
const spdxId = (kind, text) => `SPDXRef-${kind}-${text.replace(/[^A-Za-z0-9.-]/g, '-')}-${(0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 8)}`;
/** The SPDX 2.3 document of an image. */
function spdxDocument(input) {
    const created = creationTime(input.sourceDateEpoch);
    const tool = `Tool: kiln-${input.toolVersion}`;
    const imageId = spdxId('Image', input.image);
    const imagePackage = {
        SPDXID: imageId,
        name: input.image,
        ...(input.key ? { versionInfo: input.key } : {}),
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'OPERATING-SYSTEM',
        comment: `Operating-system image built by Kiln${input.key ? ` from input key ${input.key}` : ''}${input.os?.prettyName ? `; ${input.os.prettyName}` : ''}`
    };
    const archives = [...input.archives]
        .sort((a, b) => (a.file < b.file ? -1 : 1))
        .map((a) => ({
        SPDXID: spdxId('Archive', a.file),
        name: a.file,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        checksums: [{ algorithm: 'SHA256', checksumValue: a.sha256 }],
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'ARCHIVE'
    }));
    const packages = sorted(input.packages).map((p) => {
        const id = packageId(p);
        const addedBy = input.addedBy.get(id);
        return {
            SPDXID: spdxId('Package', id),
            name: p.name,
            versionInfo: p.version,
            ...(p.source && p.source !== p.name ? { sourceInfo: `built from the source package ${p.source}` } : {}),
            downloadLocation: 'NOASSERTION',
            filesAnalyzed: false,
            licenseConcluded: 'NOASSERTION',
            licenseDeclared: 'NOASSERTION',
            ...(p.license ? { licenseComments: `The package database states: ${p.license}` } : {}),
            copyrightText: 'NOASSERTION',
            ...(input.packageFormat
                ? {
                    externalRefs: [
                        {
                            referenceCategory: 'PACKAGE-MANAGER',
                            referenceType: 'purl',
                            referenceLocator: purlOf(p, input.packageFormat, input.os)
                        }
                    ]
                }
                : {}),
            ...(addedBy
                ? {
                    annotations: [
                        {
                            annotationType: 'OTHER',
                            annotator: tool,
                            annotationDate: created,
                            comment: `kiln:added-by=${addedBy}`
                        }
                    ]
                }
                : {}),
            primaryPackagePurpose: 'INSTALL'
        };
    });
    const relationships = [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
        ...packages.map((p) => ({
            spdxElementId: imageId,
            relationshipType: 'CONTAINS',
            relatedSpdxElement: p.SPDXID
        })),
        ...archives.map((a) => ({
            spdxElementId: a.SPDXID,
            relationshipType: 'DISTRIBUTION_ARTIFACT',
            relatedSpdxElement: imageId
        }))
    ];
    return {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: input.image,
        documentNamespace: `https://spdx.org/spdxdocs/kiln/${input.image}-${contentId(input)}`,
        creationInfo: { created, creators: [tool] },
        packages: [imagePackage, ...archives, ...packages],
        relationships
    };
}
/** A UUID-shaped name made from a digest (CycloneDX's serialNumber), the same for the same content. */
function uuidOf(hex) {
    const h = `${hex.slice(0, 12)}5${hex.slice(13, 16)}${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 32)}`;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
/** The CycloneDX 1.5 BOM of an image. */
function cyclonedxDocument(input) {
    const imageRef = `image:${input.image}`;
    const components = sorted(input.packages).map((p) => {
        const id = packageId(p);
        const purl = input.packageFormat ? purlOf(p, input.packageFormat, input.os) : undefined;
        const addedBy = input.addedBy.get(id);
        const properties = [
            ...(addedBy ? [{ name: 'kiln:added-by', value: addedBy }] : []),
            ...(p.arch ? [{ name: 'kiln:arch', value: p.arch }] : []),
            ...(p.source && p.source !== p.name ? [{ name: 'kiln:source-package', value: p.source }] : [])
        ];
        return {
            type: 'library',
            'bom-ref': purl ?? `package:${id}`,
            name: p.name,
            version: p.version,
            ...(p.license ? { licenses: [{ license: { name: p.license } }] } : {}),
            ...(purl ? { purl } : {}),
            properties
        };
    });
    const archives = [...input.archives]
        .sort((a, b) => (a.file < b.file ? -1 : 1))
        .map((a) => ({
        type: 'file',
        'bom-ref': `archive:${a.file}`,
        name: a.file,
        hashes: [{ alg: 'SHA-256', content: a.sha256 }]
    }));
    return {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        serialNumber: `urn:uuid:${uuidOf(contentId(input))}`,
        version: 1,
        metadata: {
            timestamp: creationTime(input.sourceDateEpoch),
            tools: { components: [{ type: 'application', name: 'kiln', version: input.toolVersion }] },
            component: {
                type: 'operating-system',
                'bom-ref': imageRef,
                name: input.image,
                ...(input.key ? { version: input.key } : {}),
                ...(input.os?.prettyName ? { description: input.os.prettyName } : {}),
                components: archives
            },
            ...(input.key ? { properties: [{ name: 'kiln:key', value: input.key }] } : {})
        },
        components,
        dependencies: [{ ref: imageRef, dependsOn: components.map((c) => c['bom-ref']) }]
    };
}

;// CONCATENATED MODULE: ./src/exporters/supply-chain.ts
/**
 * The documents written next to an image's archives that say what it holds and how it was made:
 * the SBOM(s) (sbom.ts) and the provenance statement (provenance.ts). Written after the archives
 * (whose digests they name) and before manifest.json and SHA256SUMS (which list them).
 */






async function writeJson(dir, file, doc) {
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    const path = (0,external_node_path_.join)(dir, file);
    const tmp = `${path}.tmp-${process.pid}`;
    await (0,promises_.writeFile)(tmp, text);
    await (0,promises_.rename)(tmp, path);
    return { file, sha256: (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex') };
}
/** The signature of SHA256SUMS (sign.ts): any earlier one no longer matches a new SHA256SUMS. */
const SUMS_SIGNATURE_FILE = 'SHA256SUMS.asc';
/**
 * Writes the documents asked for and removes those of an earlier export that were not (another
 * SBOM format, a signature of the old SHA256SUMS), so out/<name>/ never mixes two exports.
 */
async function writeSupplyChainDocuments(opts) {
    const written = [];
    for (const stale of [SPDX_FILE, CYCLONEDX_FILE, provenance/* PROVENANCE_FILE */.LP, SUMS_SIGNATURE_FILE])
        await (0,promises_.rm)((0,external_node_path_.join)(opts.dir, stale), { force: true });
    const files = sbomFiles(opts.sbomFormat);
    if (files.length) {
        const { format } = opts.packages;
        const packages = format === 'dpkg' ? await withDebianLicenses(opts.plan, opts.packages.packages) : opts.packages.packages;
        const input = {
            image: opts.image,
            key: opts.key,
            packageFormat: format,
            packages,
            os: await readOsRelease(opts.plan),
            addedBy: await attributePackages(opts.plan, opts.packages, opts.image, opts.ancestors),
            archives: opts.archives,
            sourceDateEpoch: opts.sourceDateEpoch,
            toolVersion: opts.kilnVersion
        };
        if (files.includes(SPDX_FILE))
            written.push(await writeJson(opts.dir, SPDX_FILE, spdxDocument(input)));
        if (files.includes(CYCLONEDX_FILE))
            written.push(await writeJson(opts.dir, CYCLONEDX_FILE, cyclonedxDocument(input)));
    }
    if (opts.provenance) {
        const statement = (0,provenance/* provenanceStatement */.D2)(opts.image, opts.archives, opts.provenance, new Date().toISOString());
        written.push(await writeJson(opts.dir, provenance/* PROVENANCE_FILE */.LP, statement));
    }
    return written;
}

// EXTERNAL MODULE: ./src/util/tool-versions.ts
var tool_versions = __webpack_require__(23180);
;// CONCATENATED MODULE: ./src/exporters/export.ts
/**
 * exportImage: the archives a bare-metal provisioner needs, from one pass over the layers.
 * out/<name>/image.tar.gz, kernel.tar.gz, initrd.tar.gz, modules.tar.gz (suffix follows the
 * compression), the SBOM and provenance (supply-chain.ts), manifest.json and SHA256SUMS; and
 * out/<name>/netboot/ for the netboot and squashfs exports (netboot.ts).
 */

















const EXPORT_KINDS = ['rootfs', 'kernel', 'initrd', 'modules', 'netboot', 'squashfs'];
/**
 * What an output name may be: as an image name of IMAGES.json (schema/images-v1.schema.json),
 * so out/<name> is one directory right under out/, never `..`, `.` or a path.
 */
const OUTPUT_NAME = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
/** Why `name` cannot name out/<name>, or null. */
function badOutputName(name) {
    if (OUTPUT_NAME.test(name))
        return null;
    return `${JSON.stringify(name)} is not an image name (lowercase letters, digits, '_', '.', '-'; starting with a letter or digit; at most 128 characters), so it cannot name a directory of the output`;
}
/** The tar archives; netboot and squashfs write files of netboot/ (netboot.ts). */
const ARCHIVE_BASE = {
    rootfs: 'image',
    kernel: 'kernel',
    initrd: 'initrd',
    modules: 'modules'
};
/** Database files to read during the pass, keyed by their planned entry. */
function packageCaptures(plan) {
    const captures = new Map();
    const got = new Map();
    for (const path of [exporters_packages/* DPKG_STATUS */.ok, exporters_packages/* APK_INSTALLED */._e]) {
        const r = (0,exporters_plan/* resolveInImage */.tE)(plan, path);
        if (r && r.entry.src.type !== 'dir')
            captures.set(r.entry.id, (_p, data) => got.set(path, data));
    }
    let rpmDir;
    for (const dir of exporters_packages/* RPM_DIRS */.Xq) {
        const r = (0,exporters_plan/* resolveInImage */.tE)(plan, dir);
        if (!r || r.entry.src.type !== 'dir')
            continue;
        rpmDir = dir;
        for (const p of plan.visible(r.path)) {
            const path = p.path;
            if (p.src.type === 'file' || p.kind !== 'copy') {
                captures.set(p.id, (_p, data) => got.set(`rpm:${path.slice(r.path.length + 1)}`, data));
            }
        }
        break;
    }
    return { captures, got, rpmDir };
}
async function readPackages(got, rpmDir, reporter) {
    const dpkg = got.get(exporters_packages/* DPKG_STATUS */.ok);
    if (dpkg)
        return { format: 'dpkg', packages: (0,exporters_packages/* parseDpkgStatus */._0)(dpkg.toString('utf8')) };
    const apk = got.get(exporters_packages/* APK_INSTALLED */._e);
    if (apk)
        return { format: 'apk', packages: (0,exporters_packages/* parseApkInstalled */.MF)(apk.toString('utf8')) };
    if (rpmDir) {
        const files = new Map([...got].filter(([k]) => k.startsWith('rpm:')).map(([k, v]) => [k.slice(4), v]));
        return { format: 'rpm', packages: (await (0,exporters_packages/* queryRpm */.eO)(rpmDir, files, reporter)) ?? [] };
    }
    return { format: null, packages: [] };
}
/** Writes the requested archives, manifest.json and SHA256SUMS for one image. */
async function exportImage(opts) {
    const reporter = opts.reporter ?? new log/* SilentReporter */.hs();
    const t0 = Date.now();
    const dir = (0,external_node_path_.join)(opts.outDir, opts.name);
    const fail = (step, e) => {
        if (e instanceof errors/* BuildError */.zS)
            throw e;
        const err = new errors/* BuildError */.zS(opts.name, step, (0,errors/* errorMessage */.gJ)(e));
        // Kept so the caller can tell a corrupt blob (util/digest.ts findCorruptBlob) and act on it.
        err.cause = e;
        throw err;
    };
    const badName = badOutputName(opts.name);
    if (badName)
        fail('export', badName);
    const input = await (0,inputs/* resolveLayers */.h)(opts.layers).catch((e) => fail('read layers', e));
    try {
        const plan = await (0,flatten/* planLayers */.Q7)(input.layers).catch((e) => fail('index layers', e));
        (0,flatten/* ensureRoot */.RP)(plan, opts.sourceDateEpoch);
        for (const d of plan.dropped)
            reporter.warn(`${opts.name}: dropped ${(0,tar/* printable */.g$)(d)}: it lies below a symlink or file`);
        const wants = new Set(opts.exports);
        let boot = null;
        if (wants.has('kernel') || wants.has('initrd') || wants.has('modules') || wants.has('netboot')) {
            try {
                boot = (0,exporters_boot/* selectBoot */.P1)(plan, opts.kernel);
            }
            catch (e) {
                if (e instanceof exporters_boot/* NoKernelError */.VB)
                    throw new errors/* BuildError */.zS(opts.name, 'export boot archives', e.message);
                throw e;
            }
            if ((wants.has('initrd') || wants.has('netboot')) && !boot.initrd) {
                throw new errors/* BuildError */.zS(opts.name, 'export boot archives', `no initrd for kernel ${(0,tar/* printable */.g$)(boot.version)} (looked for /boot/initrd.img-V, initramfs-V.img, initrd-V)`);
            }
            if (wants.has('modules') && !boot.modulesPath) {
                throw new errors/* BuildError */.zS(opts.name, 'export boot archives', `no /lib/modules/${(0,tar/* printable */.g$)(boot.version)} directory for kernel ${(0,tar/* printable */.g$)(boot.version)}`);
            }
            reporter.info(`${opts.name}: kernel ${(0,tar/* printable */.g$)(boot.version)} (/${(0,tar/* printable */.g$)(boot.kernelPath)})`);
        }
        await (0,promises_.mkdir)(dir, { recursive: true });
        const sde = opts.sourceDateEpoch;
        const files = [];
        const targets = [];
        const netbootDir = (0,external_node_path_.join)(dir, NETBOOT_DIR);
        if (wants.has('netboot') || wants.has('squashfs'))
            await (0,promises_.mkdir)(netbootDir, { recursive: true });
        let squashfs;
        if (wants.has('squashfs')) {
            squashfs = new SquashfsSink((0,external_node_path_.join)(netbootDir, NETBOOT_FILES.squashfs), {
                compression: opts.compression,
                sourceDateEpoch: sde
            });
            targets.push({ writer: new flatten/* TarWriter */.rW(squashfs), select: (p, c) => (0,flatten/* rootfsHeader */.Xk)(p, c, sde) });
        }
        for (const kind of EXPORT_KINDS) {
            if (!wants.has(kind) || !ARCHIVE_BASE[kind])
                continue;
            const file = `${ARCHIVE_BASE[kind]}${(0,compress/* suffixFor */.P)(opts.compression)}`;
            const sink = new compress/* FileSink */.UP((0,external_node_path_.join)(dir, file));
            // vmlinuz and the initrd are compressed already: level 1 is as good and far faster.
            const level = opts.compression === 'gzip' && (kind === 'kernel' || kind === 'initrd') ? 1 : undefined;
            const writer = new flatten/* TarWriter */.rW(await (0,compress/* compressor */.e)(opts.compression, sink, level));
            files.push({ kind, file, sink });
            if (kind === 'rootfs')
                targets.push({ writer, select: (p, c) => (0,flatten/* rootfsHeader */.Xk)(p, c, sde) });
            else if (kind === 'kernel')
                targets.push((0,exporters_boot/* singleFileTarget */.Gz)(writer, boot.kernel, './vmlinuz', sde));
            else if (kind === 'initrd')
                targets.push((0,exporters_boot/* singleFileTarget */.Gz)(writer, boot.initrd, './initrd', sde));
            else
                targets.push((0,exporters_boot/* modulesTarget */.hN)(writer, boot, sde));
        }
        const pkg = packageCaptures(plan);
        // The image's kernel command line, read in the pass (a link is followed inside the image).
        let cmdlineRaw;
        if (wants.has('netboot')) {
            const r = (0,exporters_plan/* resolveInImage */.tE)(plan, CMDLINE_PATH);
            if (r && r.entry.src.type !== 'dir') {
                if (((0,exporters_plan/* contentOf */.$E)(plan, r.entry)?.size ?? 0) > MAX_CMDLINE_BYTES)
                    throw new errors/* BuildError */.zS(opts.name, 'export netboot', kernelCmdlineSizeError((0,exporters_plan/* contentOf */.$E)(plan, r.entry).size));
                if (!pkg.captures.has(r.entry.id))
                    pkg.captures.set(r.entry.id, (_p, data) => (cmdlineRaw = data));
            }
        }
        await (0,flatten/* runPass */.Br)({
            plan,
            targets,
            captures: pkg.captures,
            reporter,
            label: opts.name,
            signal: opts.signal
        }).catch((e) => fail('write archives', e));
        const packages = await readPackages(pkg.got, pkg.rpmDir, reporter);
        const archives = files.map((f) => ({
            kind: f.kind,
            file: f.file,
            path: f.sink.path,
            size: f.sink.size,
            sha256: f.sink.sha256
        }));
        if (wants.has('netboot')) {
            archives.push(...(await writeNetboot({
                plan,
                dir,
                name: opts.name,
                boot: boot,
                cmdlineRaw,
                squashfs: wants.has('squashfs'),
                signal: opts.signal
            }).catch((e) => fail('export netboot', e))));
        }
        if (squashfs) {
            const file = `${NETBOOT_DIR}/${NETBOOT_FILES.squashfs}`;
            archives.push({
                kind: 'squashfs',
                file,
                path: squashfs.path,
                size: squashfs.size,
                sha256: squashfs.sha256
            });
        }
        const documents = await writeSupplyChainDocuments({
            plan,
            dir,
            image: opts.name,
            key: opts.key,
            packages,
            archives,
            sbomFormat: opts.sbomFormat ?? 'spdx',
            ancestors: opts.ancestors ?? [],
            provenance: opts.provenance,
            sourceDateEpoch: sde,
            kilnVersion: (0,tool_versions/* kilnVersion */.xy)()
        }).catch((e) => fail('write SBOM and provenance', e));
        let fsSize = 0;
        for (const p of plan.entries())
            if (p.kind !== 'link' && (p.src.type === 'file' || p.kind === 'materialize'))
                fsSize += (p.data ?? p.src).size;
        const manifest = {
            schemaVersion: 1,
            name: opts.name,
            key: opts.key,
            base: opts.baseChain ?? [],
            layers: input.layers.map((l) => l.digest ?? null),
            archives: archives.map(({ path: _p, ...a }) => a),
            entries: plan.size,
            fsSize,
            kernel: boot ? (0,tar/* textOf */.b6)(boot.version) : null,
            ...(opts.arch ? { arch: opts.arch } : {}),
            packageFormat: packages.format,
            packages: packages.packages,
            documents
        };
        const manifestPath = (0,external_node_path_.join)(dir, 'manifest.json');
        await (0,exporters_manifest/* writeManifest */.HN)(manifestPath, manifest);
        const manifestSha = (0,external_node_crypto_.createHash)('sha256')
            .update(await (0,promises_.readFile)(manifestPath))
            .digest('hex');
        const sumsPath = (0,external_node_path_.join)(dir, 'SHA256SUMS');
        await (0,exporters_manifest/* writeSums */.em)(sumsPath, [...archives, ...documents, { file: 'manifest.json', sha256: manifestSha }]);
        const seconds = (Date.now() - t0) / 1000;
        reporter.info(`${opts.name}: ${archives.map((a) => `${a.file} ${(0,log/* formatBytes */.z3)(a.size)}`).join(', ')} in ${(0,log/* formatSeconds */.Xo)(seconds)}`);
        return { dir, archives, manifest, manifestPath, sumsPath, documents, kernel: manifest.kernel, seconds };
    }
    finally {
        await input.cleanup();
    }
}
function kernelCmdlineSizeError(size) {
    return `/${CMDLINE_PATH}: ${size} bytes, more than a kernel command line (${MAX_CMDLINE_BYTES})`;
}
/**
 * netboot/vmlinuz, initrd, cmdline and boot.ipxe: kernel and initrd copied out of their layers
 * (the entries selectBoot resolved inside the image), the command line checked (netboot.ts).
 */
async function writeNetboot(o) {
    let cmdline;
    try {
        cmdline = kernelCmdline(o.cmdlineRaw);
    }
    catch (e) {
        if (e instanceof CmdlineError)
            throw new errors/* BuildError */.zS(o.name, 'export netboot', e.message);
        throw e;
    }
    const out = [];
    const add = (file, path, size, sha256) => {
        out.push({ kind: 'netboot', file: `${NETBOOT_DIR}/${file}`, path, size, sha256 });
    };
    for (const [file, entry] of [
        [NETBOOT_FILES.kernel, o.boot.kernel],
        [NETBOOT_FILES.initrd, o.boot.initrd]
    ]) {
        const path = (0,external_node_path_.join)(o.dir, NETBOOT_DIR, file);
        const r = await copyEntry(o.plan, entry, path, o.signal);
        add(file, path, r.size, r.sha256);
    }
    const text = (file, content) => {
        const path = (0,external_node_path_.join)(o.dir, NETBOOT_DIR, file);
        const data = Buffer.from(content);
        return (0,atomic_write/* writeFileAtomic */.Z)(path, data).then(() => add(file, path, data.length, (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex')));
    };
    await text(NETBOOT_FILES.cmdline, `${cmdline}\n`);
    await text(NETBOOT_FILES.script, ipxeScript({ name: o.name, kernel: o.boot.version, cmdline, squashfs: o.squashfs }));
    return out;
}


/***/ }),

/***/ 13029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   InputError: () => (/* binding */ InputError),
/* harmony export */   h: () => (/* binding */ resolveLayers),
/* harmony export */   resolveInput: () => (/* binding */ resolveInput)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(4434);
/* harmony import */ var _util_digest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(16178);
/* harmony import */ var _file_reader_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(77680);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(77137);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(57636);
/**
 * Where the layers of an image come from, reduced to one shape: regions of uncompressed
 * tar on disk, bottom layer first. A layer inside a `docker save` tarball or an OCI
 * archive is just a region of that file (no copy); compressed layers are decompressed
 * once to a temporary file; stdin is spooled first, because a save stream may put
 * manifest.json (the layer order) last.
 */












class InputError extends Error {
}
function isLayerRef(x) {
    return 'diffID' in x;
}
/** Temporary directory for one input; removed by cleanup(). */
async function scratch() {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(process.env.KILN_TMPDIR ?? (0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_10__/* .tempPrefix */ .hF)('export')));
    return { dir, cleanup: () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true }) };
}
/**
 * Opens an input: `-` (stdin), a `docker save` tarball (legacy or OCI form), an OCI
 * archive, or an OCI layout directory (optionally `DIR:TAG`).
 */
async function resolveInput(input, stdin = process.stdin) {
    const tmp = await scratch();
    try {
        let path = input;
        if (input === '-') {
            path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(tmp.dir, 'stdin.tar');
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)(stdin, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(path));
        }
        const layers = await resolvePath(path, tmp.dir);
        return { layers, cleanup: tmp.cleanup };
    }
    catch (e) {
        await tmp.cleanup();
        throw e;
    }
}
/** Store layers (or layer sources) to sources, decompressing any that are compressed. */
async function resolveLayers(layers) {
    const tmp = await scratch();
    try {
        const out = [];
        for (const [i, l] of layers.entries()) {
            const src = isLayerRef(l)
                ? {
                    path: l.path,
                    offset: 0,
                    length: l.size,
                    digest: l.diffID,
                    expected: { digest: l.digest, size: l.size }
                }
                : l;
            out.push(await uncompressed(src, tmp.dir, i));
        }
        return { layers: out, cleanup: tmp.cleanup };
    }
    catch (e) {
        await tmp.cleanup();
        throw e;
    }
}
async function resolvePath(input, tmpDir) {
    let path = input;
    let tag;
    let st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => null);
    if (!st && input.includes(':')) {
        path = input.slice(0, input.lastIndexOf(':'));
        tag = input.slice(input.lastIndexOf(':') + 1);
        st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => null);
    }
    if (!st)
        throw new InputError(`${input}: no such file or directory`);
    if (st.isDirectory())
        return fromLayoutDir(path, tag, tmpDir);
    const reader = await _file_reader_js__WEBPACK_IMPORTED_MODULE_8__/* .FileReader */ .q.open(path);
    try {
        // Keyed by member name as a binary string (tar.ts); the names asked for come from JSON.
        const members = new Map();
        for await (const e of (0,_tar_js__WEBPACK_IMPORTED_MODULE_9__/* .readHeaders */ .jB)(reader, 0, st.size, path)) {
            if (e.type === 'file')
                members.set(e.rawPath.replace(/^\.?\//, ''), { offset: e.dataOffset, size: e.size });
        }
        const readJson = async (name, digest) => {
            const m = members.get((0,_tar_js__WEBPACK_IMPORTED_MODULE_9__/* .binaryName */ .fW)(name));
            if (!m)
                throw new InputError(`${path}: no ${name} in the archive`);
            return parseBlob(await reader.readFresh(m.offset, m.size), `${path}: ${name}`, digest);
        };
        const regionOf = (name) => {
            const m = members.get((0,_tar_js__WEBPACK_IMPORTED_MODULE_9__/* .binaryName */ .fW)(name));
            if (!m)
                throw new InputError(`${path}: layer ${name} named by the manifest is not in the archive`);
            return { path, offset: m.offset, length: m.size };
        };
        let names;
        if (members.has('manifest.json') && !tag) {
            // docker save (both forms): [{Config, RepoTags, Layers: ["<id>/layer.tar" | "blobs/sha256/<hex>"]}]
            const manifest = (await readJson('manifest.json'));
            if (!Array.isArray(manifest) || !manifest[0]?.Layers)
                throw new InputError(`${path}: manifest.json has no Layers`);
            if (manifest.length > 1)
                throw new InputError(`${path}: holds ${manifest.length} images; save one image at a time`);
            names = stringList(manifest[0].Layers, `${path}: manifest.json: Layers`);
        }
        else if (members.has('index.json')) {
            names = (await ociLayers(readJson, path, tag)).map((l) => l.path);
        }
        else {
            throw new InputError(`${path}: neither a docker save tarball (manifest.json) nor an OCI archive (index.json)`);
        }
        const out = [];
        for (const [i, n] of names.entries()) {
            const src = regionOf(n);
            const hex = /([0-9a-f]{64})/.exec(n)?.[1];
            // blobs/sha256/<hex> names its content; a legacy <id>/layer.tar id does not.
            const named = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(n.replace(/^\.?\//, ''))?.[1];
            const expected = named ? { digest: `sha256:${named}` } : undefined;
            out.push(await uncompressed({ ...src, digest: hex ? `sha256:${hex}` : undefined, expected }, tmpDir, i));
        }
        return out;
    }
    finally {
        await reader.close();
    }
}
function stringList(v, what) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
        throw new InputError(`${what} must be a list of file names`);
    return v;
}
/** A list of OCI descriptors, each with a digest string (what the walk below reads). */
function descriptors(v, what) {
    if (!Array.isArray(v) || v.some((d) => typeof d?.digest !== 'string'))
        throw new InputError(`${what} must be a list of descriptors, each with a digest`);
    return v;
}
/**
 * The layout path of a blob named by a descriptor read from the input: its digest is checked
 * first (a digest like `sha256:../../etc/shadow` must never become a path).
 */
function blobPath(digest, where) {
    try {
        return `blobs/sha256/${(0,_util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .checkDigest */ .H2)(digest, where).slice('sha256:'.length)}`;
    }
    catch (e) {
        if (e instanceof _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .InvalidDigestError */ .uH)
            throw new InputError(e.message);
        throw e;
    }
}
/** JSON of a blob (or a member), checked against its digest when the input names one. */
function parseBlob(bytes, where, digest) {
    if (digest) {
        const actual = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
        if (actual !== digest)
            throw new _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .CorruptBlobError */ .VS(digest, where, `hashes to ${actual}`);
    }
    try {
        return JSON.parse(bytes.toString('utf8'));
    }
    catch (e) {
        const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
        throw new InputError(`${where} is not valid JSON (${why})`);
    }
}
/** Layers of an OCI image (blob path and digest): index.json → (nested index →) manifest → layers. */
async function ociLayers(readJson, where, tag) {
    const index = (await readJson('index.json'));
    let list = descriptors(index?.manifests ?? [], `${where}: index.json: manifests`);
    if (tag) {
        list = list.filter((m) => {
            const ref = m.annotations?.['org.opencontainers.image.ref.name'] ?? '';
            return ref === tag || ref.endsWith(`:${tag}`);
        });
        if (!list.length)
            throw new InputError(`${where}: no image tagged ${tag} in index.json`);
    }
    if (list.length !== 1) {
        throw new InputError(`${where}: index.json names ${list.length} images; pick one with ${where}:TAG`);
    }
    let desc = list[0];
    let at = `${where}: index.json: manifests[${index.manifests.indexOf(desc)}].digest`;
    for (let depth = 0; depth < 4; depth++) {
        const path = blobPath(desc.digest, at);
        const doc = (await readJson(path, desc.digest));
        if (doc?.layers) {
            return descriptors(doc.layers, `${where}: ${path}: layers`).map((l, i) => ({
                path: blobPath(l.digest, `${where}: ${path}: layers[${i}].digest`),
                digest: l.digest,
                size: typeof l.size === 'number' ? l.size : undefined
            }));
        }
        const ms = descriptors(doc?.manifests ?? [], `${where}: ${path}: manifests`);
        const pick = ms.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ?? ms[0];
        if (!pick)
            break;
        at = `${where}: ${path}: manifests[${ms.indexOf(pick)}].digest`;
        desc = pick;
    }
    throw new InputError(`${where}: no image manifest found under ${desc.digest}`);
}
async function fromLayoutDir(dir, tag, tmpDir) {
    const { readFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 51455, 23));
    const readJson = async (p, digest) => {
        const bytes = await readFile((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, p)).catch((e) => {
            throw new InputError(`${dir}: cannot read ${p}: ${e.code ?? e.message}`);
        });
        return parseBlob(bytes, (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, p), digest);
    };
    const layers = await ociLayers(readJson, dir, tag);
    const out = [];
    for (const [i, l] of layers.entries()) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, l.path);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => null);
        if (!st)
            throw new InputError(`${dir}: layer blob ${l.path} is missing`);
        const expected = { digest: l.digest, size: l.size };
        out.push(await uncompressed({ path, offset: 0, length: st.size, digest: l.digest, expected }, tmpDir, i));
    }
    return out;
}
/** The source itself when it is plain tar; else decompressed once (gzip or zstd) to a temp file. */
async function uncompressed(src, tmpDir, i) {
    const reader = await _file_reader_js__WEBPACK_IMPORTED_MODULE_8__/* .FileReader */ .q.open(src.path);
    let magic;
    try {
        magic = Buffer.from(await reader.read(src.offset, Math.min(4, src.length)));
    }
    finally {
        await reader.close();
    }
    // A layer may be shorter than a magic number (an empty file): then it is neither.
    const gzip = magic.length >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    const zstd = magic.length >= 4 && magic.readUInt32LE(0) === 0xfd2fb528;
    if (!gzip && !zstd)
        return src;
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(tmpDir, `layer-${i}.tar`);
    const raw = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(src.path, {
        start: src.offset,
        end: src.offset + src.length - 1,
        highWaterMark: 1 << 20
    });
    // The compressed blob is what its digest names: checked in this, its one sequential pass.
    const check = new _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .DigestCheck */ .FL(src.expected?.digest ?? '', src.path, src.expected?.size);
    const input = src.expected ? [raw, check] : [raw];
    if (gzip) {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)([...input, (0,node_zlib__WEBPACK_IMPORTED_MODULE_6__.createGunzip)(), (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(out)]);
    }
    else {
        const child = (0,execa__WEBPACK_IMPORTED_MODULE_11__/* .execa */ .Ho)('zstd', ['-d', '-q', '-c'], { stdin: 'pipe', stdout: { file: out }, stderr: 'pipe' });
        await Promise.all([(0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)([...input, child.stdin]), child]).catch((e) => {
            if (e instanceof _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .CorruptBlobError */ .VS)
                throw e;
            throw new InputError(`${src.path}: layer ${i}: zstd -d failed: ${e instanceof Error ? e.message : String(e)}`);
        });
    }
    return { path: out, offset: 0, length: (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(out)).size, digest: src.digest, expected: undefined };
}


/***/ }),

/***/ 26001:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ writeManifest),
/* harmony export */   em: () => (/* binding */ writeSums)
/* harmony export */ });
/* unused harmony export formatSums */
/* harmony import */ var _util_atomic_write_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95105);
/**
 * What an export directory says about itself: manifest.json (name, key, base chain,
 * layers, archives, kernel, packages) and SHA256SUMS (the format `sha256sum -c` reads).
 * Both are deterministic for the same image and written atomically.
 */

async function writeManifest(path, m) {
    await (0,_util_atomic_write_js__WEBPACK_IMPORTED_MODULE_0__/* .writeFileAtomic */ .Z)(path, `${JSON.stringify(m, null, 2)}\n`);
}
/** `<sha256>  <file>` lines, sorted by file name. */
function formatSums(entries) {
    return [...entries]
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
        .map((e) => `${e.sha256}  ${e.file}\n`)
        .join('');
}
async function writeSums(path, entries) {
    await (0,_util_atomic_write_js__WEBPACK_IMPORTED_MODULE_0__/* .writeFileAtomic */ .Z)(path, formatSums(entries));
}


/***/ }),

/***/ 77949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MF: () => (/* binding */ parseApkInstalled),
/* harmony export */   Xq: () => (/* binding */ RPM_DIRS),
/* harmony export */   _0: () => (/* binding */ parseDpkgStatus),
/* harmony export */   _e: () => (/* binding */ APK_INSTALLED),
/* harmony export */   eO: () => (/* binding */ queryRpm),
/* harmony export */   ok: () => (/* binding */ DPKG_STATUS)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37895);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57636);
/**
 * Installed packages, read from the image's own package database without running the
 * image: dpkg's status file, apk's installed file, or the rpm database (queried with the
 * host's rpm on a temporary copy, when rpm exists).
 */





/** Database files to capture during the pass, as paths inside the image. */
const DPKG_STATUS = 'var/lib/dpkg/status';
const APK_INSTALLED = 'lib/apk/db/installed';
const RPM_DIRS = ['var/lib/rpm', 'usr/lib/sysimage/rpm'];
function stanzas(text) {
    const out = [];
    for (const block of text.split(/\n\s*\n/)) {
        const m = new Map();
        for (const line of block.split('\n')) {
            const i = line.indexOf(':');
            if (i > 0 && !/^\s/.test(line))
                m.set(line.slice(0, i), line.slice(i + 1).trim());
        }
        if (m.size)
            out.push(m);
    }
    return out;
}
const byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : (a.arch ?? '').localeCompare(b.arch ?? '');
/** Installed packages from var/lib/dpkg/status (Status "… installed" only). */
function parseDpkgStatus(text) {
    return stanzas(text)
        .filter((s) => s.has('Package') && / installed$/.test(s.get('Status') ?? ''))
        .map((s) => {
        const pkg = {
            name: s.get('Package'),
            version: s.get('Version') ?? '',
            arch: s.get('Architecture')
        };
        // "Source: glibc (2.36-9)" when the source version differs from the binary's.
        const source = s.get('Source')?.split(' ')[0];
        if (source)
            pkg.source = source;
        return pkg;
    })
        .sort(byName);
}
/** Packages from lib/apk/db/installed (P: name, V: version, A: arch, o: origin, L: licence). */
function parseApkInstalled(text) {
    const out = [];
    for (const block of text.split(/\n\s*\n/)) {
        const f = new Map();
        for (const line of block.split('\n'))
            if (line[1] === ':')
                f.set(line[0], line.slice(2));
        if (!f.has('P'))
            continue;
        const pkg = { name: f.get('P'), version: f.get('V') ?? '', arch: f.get('A') };
        if (f.get('o'))
            pkg.source = f.get('o');
        if (f.get('L'))
            pkg.license = f.get('L');
        out.push(pkg);
    }
    return out.sort(byName);
}
/** Queries an rpm database (files keyed by name inside `dbDir`) with the host's rpm. Null without rpm. */
async function queryRpm(dbDir, files, reporter) {
    if (!(await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .hasTool */ .J2)('rpm'))) {
        reporter?.warn('rpm database found but no rpm tool on this host: package list left empty');
        return null;
    }
    const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__/* .tempPrefix */ .hF)('rpmdb')));
    try {
        for (const [name, data] of files) {
            const p = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, dbDir, name);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(p), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(p, data);
        }
        const { stdout } = await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('rpm', [
            '--root',
            root,
            '--dbpath',
            `/${dbDir}`,
            '-qa',
            '--qf',
            '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\n'
        ], {
            reporter
        });
        return stdout
            .split('\n')
            .filter(Boolean)
            .map((l) => {
            const [name, v, arch, source, license] = l.split('\t');
            const pkg = { name, version: v.replace(/^0:/, ''), arch };
            // The source rpm's file name, e.g. bash-5.1.8-6.el9.src.rpm: its name is what comes before version-release.
            const srcName = source && source !== '(none)' ? source.replace(/-[^-]+-[^-]+\.src\.rpm$/, '') : '';
            if (srcName && srcName !== source)
                pkg.source = srcName;
            if (license && license !== '(none)')
                pkg.license = license;
            return pkg;
        })
            .sort(byName);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(root, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 91215:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D2: () => (/* binding */ provenanceStatement),
/* harmony export */   Gk: () => (/* binding */ githubRunUrl),
/* harmony export */   LP: () => (/* binding */ PROVENANCE_FILE)
/* harmony export */ });
/* unused harmony exports STATEMENT_TYPE, PREDICATE_TYPE, BUILD_TYPE, BUILDER_ID, inputDescriptor */
/**
 * Build provenance of an exported image: an in-toto Statement v1 whose predicate is SLSA
 * Provenance v1 (out/<name>/provenance.intoto.json). Its subjects are the image's archives by
 * sha256; the build definition is the catalog entry (externalParameters), the input key
 * (internalParameters) and everything the key hashed, the images of the chain below it and the
 * base source (resolvedDependencies); the run details name Kiln, its version, the tools it ran
 * and, on GitHub Actions, the workflow run.
 *
 * The statement is unsigned: it says what Kiln did, and is as trustworthy as the runner that
 * wrote it. Sign it (e.g. actions/attest-build-provenance over SHA256SUMS) to bind it to that runner.
 */
const PROVENANCE_FILE = 'provenance.intoto.json';
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const PREDICATE_TYPE = 'https://slsa.dev/provenance/v1';
/**
 * What the fields of buildDefinition mean (documented in the README's Provenance section). URNs:
 * Kiln has no web address of its own to name them by.
 */
const BUILD_TYPE = 'urn:kiln:build-type:image:v1';
const BUILDER_ID = 'urn:kiln:builder:v1';
/**
 * Inputs whose digest is the plain sha256 of one file's bytes (what `sha256sum` prints); the
 * others (trees, the spec, args, builder) are Kiln's own digests of what it hashed, named as such.
 */
const FILE_KINDS = new Set([
    'file',
    'dockerignore',
    'packer-ref',
    'aci-ref',
    'aci-host-binary',
    'pack',
    'copy',
    'host-file',
    'host-copy',
    'base-tar',
    'base-squashfs'
]);
/** A key input as a resolved dependency. */
function inputDescriptor(i) {
    const hex = i.digest.replace(/^sha256:/, '');
    if (i.kind === 'base-stored')
        return {
            name: i.name,
            uri: `kiln-store:${i.name}`,
            digest: { sha256: hex },
            annotations: { kind: i.kind }
        };
    const plainFile = FILE_KINDS.has(i.kind);
    return {
        name: i.name,
        digest: plainFile ? { sha256: hex } : { kilnInputSha256: hex },
        annotations: { kind: i.kind }
    };
}
/** The SLSA v1 provenance statement of an image's archives. */
function provenanceStatement(image, archives, ctx, finishedOn) {
    // Chain images count through their own entries below, with their manifest digests.
    const inputs = ctx.inputs.filter((i) => i.kind !== 'base' && i.kind !== 'dep');
    const ancestors = ctx.ancestors.map((a) => ({
        name: a.name,
        uri: `kiln-image:${a.name}`,
        ...(a.manifestDigest ? { digest: { sha256: a.manifestDigest.replace(/^sha256:/, '') } } : {}),
        annotations: { kind: 'chain-image', ...(a.key ? { key: a.key } : {}) }
    }));
    // A descriptor needs a uri or a digest: an ancestor not in the store gets its key as its name only.
    for (const a of ancestors)
        if (!a.digest && a.annotations?.key)
            a.digest = { kilnKey: String(a.annotations.key) };
    return {
        _type: STATEMENT_TYPE,
        subject: [...archives]
            .sort((a, b) => (a.file < b.file ? -1 : 1))
            .map((a) => ({ name: `${image}/${a.file}`, digest: { sha256: a.sha256 } })),
        predicateType: PREDICATE_TYPE,
        predicate: {
            buildDefinition: {
                buildType: BUILD_TYPE,
                externalParameters: { image: ctx.spec },
                internalParameters: {
                    key: ctx.key,
                    ...(ctx.manifestDigest ? { manifestDigest: ctx.manifestDigest } : {}),
                    tools: { kiln: ctx.kilnVersion, ...ctx.toolVersions }
                },
                resolvedDependencies: [...inputs.map(inputDescriptor), ...ancestors, ...ctx.baseSources]
            },
            runDetails: {
                builder: {
                    id: BUILDER_ID,
                    version: { kiln: ctx.kilnVersion, ...ctx.toolVersions }
                },
                metadata: {
                    invocationId: ctx.invocationId,
                    startedOn: ctx.startedOn,
                    finishedOn
                },
                ...(ctx.runUrl ? { byproducts: [{ name: 'workflow-run', uri: ctx.runUrl }] } : {})
            }
        }
    };
}
/** The URL of the GitHub Actions run, from the runner's environment; undefined elsewhere. */
function githubRunUrl(env = process.env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    if (!server || !repo || !run)
        return undefined;
    const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
    return `${server}/${repo}/actions/runs/${run}${attempt}`;
}


/***/ }),

/***/ 95105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23797);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57636);
/** Small files written whole or not at all: a temporary name beside them, then a rename. */




/**
 * Writes `data` to `path` atomically. On failure (a full disk) the temporary file is removed
 * and the error reads `PATH: cause`.
 */
async function writeFileAtomic(path, data) {
    const tmp = `${(0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .tempFileFor */ .G2)(path)}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(tmp, data);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(tmp, path);
    }
    catch (e) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tmp, { force: true });
        throw new _io_error_js__WEBPACK_IMPORTED_MODULE_2__/* .IoError */ .dA(e, path);
    }
}


/***/ }),

/***/ 23180:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ toolVersions),
/* harmony export */   xy: () => (/* binding */ kilnVersion)
/* harmony export */ });
/* unused harmony exports TOOLS, versionIn, toolVersion */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37895);
/**
 * The versions of the external tools a build ran, for provenance. Each tool is asked once per
 * process, and only when a provenance needs it: a run that never uses Packer never starts it.
 * A tool that is missing or does not answer has no version (it did not run, or cannot say).
 */


const TOOLS = (/* unused pure expression or super */ null && (['docker', 'packer', 'umoci', 'runc', 'qemu', 'mmdebstrap']));
/** How each tool states its version, and the first version-looking word of that answer. */
const QUERIES = {
    docker: { file: 'docker', args: ['version', '--format', '{{.Server.Version}}'] },
    packer: { file: 'packer', args: ['version'] },
    umoci: { file: 'umoci', args: ['--version'] },
    runc: { file: 'runc', args: ['--version'] },
    qemu: { file: 'qemu-system-x86_64', args: ['--version'] },
    mmdebstrap: { file: 'mmdebstrap', args: ['--version'] }
};
const asked = new Map();
/** The first dotted version number in a tool's answer, e.g. "Packer v1.9.4" → "1.9.4". */
function versionIn(text) {
    return /\d+\.\d+(?:\.\d+)?(?:[-+~][\w.+~-]*)?/.exec(text)?.[0];
}
function toolVersion(tool) {
    let p = asked.get(tool);
    if (!p) {
        const q = QUERIES[tool];
        p = (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .tryRun */ .JR)(q.file, q.args).then((r) => (r ? versionIn(r.stdout) : undefined));
        asked.set(tool, p);
    }
    return p;
}
/** Versions of `tools`, leaving out those that cannot say. */
async function toolVersions(tools) {
    const out = {};
    for (const t of [...new Set(tools)].sort()) {
        const v = await toolVersion(t);
        if (v)
            out[t] = v;
    }
    return out;
}
let ownVersion;
/** Kiln's own version, from its package.json (found from the source or from dist/). */
function kilnVersion() {
    if (ownVersion)
        return ownVersion;
    for (const rel of ['../../package.json', '../package.json']) {
        try {
            const pkg = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(new URL(rel, import.meta.url), 'utf8'));
            if (pkg.name === 'kiln' && pkg.version)
                return (ownVersion = pkg.version);
        }
        catch {
            // not at this place in this layout
        }
    }
    return (ownVersion = '0.0.0-unknown');
}


/***/ })

};
