export const id = 729;
export const ids = [729];
export const modules = {

/***/ 46729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FlattenError: () => (/* binding */ FlattenError),
  $E: () => (/* binding */ contentOf),
  Uf: () => (/* binding */ indexLayer),
  eu: () => (/* binding */ planFlatten),
  tE: () => (/* binding */ resolveInImage)
});

// EXTERNAL MODULE: ./src/exporters/file-reader.ts
var file_reader = __webpack_require__(77680);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/util/digest.ts
var digest = __webpack_require__(16178);
;// CONCATENATED MODULE: ./src/exporters/verify.ts
/**
 * Checks a layer against its digest in the pass that already walks it from start to end: the
 * index pass (plan.ts indexLayer), which reads every header in order and so most of the data
 * too, from the read-ahead window. VerifyingSource hashes every byte that pass reads and, where
 * it skips a member's data, reads the gap in 1 MiB steps to hash it; finish() hashes the rest up
 * to the layer's end. A layer is thus checked before any output is written, in one sequential
 * read that the data pass after it finds in the page cache.
 */



const GAP_CHUNK = 1 << 20;
class VerifyingSource {
    reader;
    start;
    length;
    expected;
    hash = (0,external_node_crypto_.createHash)('sha256');
    /** Absolute file position up to which every byte has been hashed. */
    hashedTo;
    scratch = Buffer.allocUnsafe(GAP_CHUNK);
    constructor(reader, start, length, expected) {
        this.reader = reader;
        this.start = start;
        this.length = length;
        this.expected = expected;
        this.hashedTo = start;
    }
    async read(pos, len) {
        await this.hashUpTo(Math.min(pos, this.end));
        const buf = await this.reader.read(pos, len);
        // The caller reads forward; only what lies past the hashed mark is new.
        const from = this.hashedTo - pos;
        if (from >= 0 && from < buf.length) {
            const upTo = Math.min(buf.length, this.end - pos);
            if (upTo > from) {
                this.hash.update(buf.subarray(from, upTo));
                this.hashedTo = pos + upTo;
            }
        }
        return buf;
    }
    /** Hashes what is left of the layer and throws CorruptBlobError when it is not what was expected. */
    async finish() {
        await this.hashUpTo(this.end);
        const actual = `sha256:${this.hash.digest('hex')}`;
        const bytes = this.hashedTo - this.start;
        const bad = (0,digest/* mismatch */.J4)(this.expected.digest, this.reader.path, actual, bytes, this.expected.size ?? this.length);
        if (bad)
            throw bad;
    }
    get end() {
        return this.start + this.length;
    }
    async hashUpTo(pos) {
        while (this.hashedTo < pos) {
            const n = Math.min(GAP_CHUNK, pos - this.hashedTo);
            let chunk;
            if (n <= file_reader/* READ_AHEAD */.p) {
                // A small gap (a small member's data) is mostly in the reader's window already, or the
                // window refilled here also serves the header read that follows: no extra read.
                chunk = await this.reader.read(this.hashedTo, n);
                // Shorter than its descriptor says: finish() reports the size.
                if (chunk.length === 0)
                    return;
            }
            else {
                chunk = this.scratch.subarray(0, n);
                await this.reader.readInto(chunk, 0, n, this.hashedTo);
            }
            this.hash.update(chunk);
            this.hashedTo += chunk.length;
        }
    }
}

// EXTERNAL MODULE: ./src/exporters/tar.ts
var tar = __webpack_require__(77137);
;// CONCATENATED MODULE: ./src/exporters/plan.ts



class FlattenError extends Error {
}
const KIND_NOUN = {
    file: 'a regular file',
    link: 'a hardlink',
    symlink: 'a symlink',
    char: 'a character device',
    block: 'a block device',
    dir: 'a directory',
    fifo: 'a fifo'
};
const where = (s, i) => `layer ${i} (${s.path}${s.offset ? `@${s.offset}` : ''})`;
/**
 * Reads a layer's headers (skipping data) into an index; a layer whose digest is known is
 * checked against it in the same pass (verify.ts), before anything is written.
 */
async function indexLayer(source, layer) {
    const reader = await file_reader/* FileReader */.q.open(source.path);
    const verifier = source.expected
        ? new VerifyingSource(reader, source.offset, source.length, source.expected)
        : null;
    const idx = { source, entries: [], whiteouts: [], opaques: [] };
    const byPath = new Map();
    let failure = null;
    let duplicates = false;
    try {
        let seq = 0;
        for await (const raw of (0,tar/* readHeaders */.jB)(verifier ?? reader, source.offset, source.length, where(source, layer))) {
            const path = (0,tar/* normalizePath */.Fd)(raw.rawPath);
            if (path === null)
                throw new FlattenError(`${where(source, layer)}: member "${(0,tar/* printable */.g$)(raw.rawPath)}" points outside the root`);
            // The root is a directory, whatever a layer says: a provisioner extracts the rootfs
            // over its target directory, and a root member that is a symlink or a file would
            // replace or redirect that directory (and the planner would hide every other member
            // below it). Refused rather than dropped: such a layer is broken or hostile, and an
            // image that silently differs from its layers is worse than one that does not export.
            if (path === '' && raw.type !== 'dir') {
                const to = raw.type === 'symlink' ? ` to "${(0,tar/* printable */.g$)(raw.rawLinkname)}"` : '';
                throw new FlattenError(`${where(source, layer)}: the root member "${(0,tar/* printable */.g$)(raw.rawPath)}" is ${KIND_NOUN[raw.type]}${to}; the root must be a directory`);
            }
            const base = (0,tar/* baseOf */.bx)(path);
            if (base.startsWith('.wh.')) {
                if (base === '.wh..wh..opq')
                    idx.opaques.push((0,tar/* parentOf */.gN)(path));
                else if (!base.startsWith('.wh..wh.')) {
                    const dir = (0,tar/* parentOf */.gN)(path);
                    idx.whiteouts.push(dir ? `${dir}/${base.slice(4)}` : base.slice(4));
                }
                // Other .wh..wh.* names are aufs bookkeeping: neither content nor a deletion.
                continue;
            }
            let linkname = raw.rawLinkname;
            if (raw.type === 'link') {
                const t = (0,tar/* normalizePath */.Fd)(linkname);
                if (t === null || t === '') {
                    throw new FlattenError(`${where(source, layer)}: hardlink "${(0,tar/* printable */.g$)(raw.rawPath)}" → "${(0,tar/* printable */.g$)(linkname)}" points outside the root`);
                }
                linkname = t;
            }
            // Every field spelled out, in one order: all entries then share one hidden class. Built
            // by spreading the raw member instead, each entry got shapes of its own (~500 bytes per
            // file, most of the index's memory on an image with 100k files). A hardlink's two fields
            // are added to hardlinks only (always both, in one order: one more class): 16 bytes on
            // every other member otherwise.
            const e = {
                path,
                type: raw.type,
                mode: raw.mode,
                uid: raw.uid,
                gid: raw.gid,
                size: raw.size,
                mtime: raw.mtime,
                linkname,
                devmajor: raw.devmajor,
                devminor: raw.devminor,
                xattrs: raw.xattrs,
                dataOffset: raw.dataOffset,
                layer,
                seq: seq++
            };
            if (e.type === 'link') {
                const t = byPath.get(linkname);
                e.target = t ? (t.type === 'link' ? t.target : t) : undefined;
                e.lowerTarget = !t ? linkname : t.type === 'link' && !t.target ? t.lowerTarget : undefined;
                if (e.target && e.target.type !== 'file') {
                    throw new FlattenError(`${where(source, layer)}: hardlink "${(0,tar/* printable */.g$)(path)}" names "${(0,tar/* printable */.g$)(linkname)}", which is a ${e.target.type}`);
                }
            }
            if (byPath.has(path))
                duplicates = true;
            byPath.set(path, e);
            idx.entries.push(e);
        }
        // A later member of the same path replaces an earlier one (as extraction would): only the
        // last is kept, so the planner needs no per-layer path map of its own. An earlier member
        // a hardlink names stays reachable through that link's `target`.
        if (duplicates)
            idx.entries = idx.entries.filter((e) => byPath.get(e.path) === e);
    }
    catch (e) {
        failure = e;
    }
    try {
        // A damaged layer is reported as such, not as the tar error the damage caused.
        await verifier?.finish();
    }
    finally {
        await reader.close();
    }
    if (failure)
        throw failure;
    return idx;
}
const orderOf = (layer, seq) => layer * 2 ** 32 + seq;
/**
 * Whether a path lies below something a higher layer (above `layer`) hides the subtree of:
 * a whiteout or opaque directory (`subtree`, few), or a visible non-directory. The latter is
 * looked up in `visible` rather than kept in a set of its own: on an image of a million files
 * that set held every file's path a second time.
 */
function hiddenAbove(path, layer, subtree, visible) {
    if (path === '')
        return false;
    let a = path;
    do {
        a = (0,tar/* parentOf */.gN)(a);
        if (subtree.has(a))
            return true;
        const v = visible.get(a);
        if (v && v.src.type !== 'dir' && v.src.layer > layer)
            return true;
    } while (a !== '');
    return false;
}
/** The flattened view of indexed layers (bottom first). */
function planFlatten(layers) {
    // Memory: one PlannedEntry and one `visible` slot per output member, nothing else per member.
    // A path a higher layer has is found in `visible` (each path occurs once per layer, see
    // indexLayer, so a hit there always comes from a higher layer).
    const deleted = new Set();
    const subtree = new Set();
    const visible = new Map();
    const materialized = new Map();
    const lowerLinks = [];
    for (let i = layers.length - 1; i >= 0; i--) {
        const L = layers[i];
        for (const e of L.entries) {
            // The top layer has nothing above it: no walk up its paths (often most of the members).
            if (i < layers.length - 1 && (deleted.has(e.path) || hiddenAbove(e.path, i, subtree, visible)))
                continue;
            const v = visible.get(e.path);
            if (v) {
                // A directory kept by a higher layer comes out where it first appears, so parents precede children.
                if (v.src.type === 'dir' && e.type === 'dir')
                    v.order = orderOf(i, e.seq);
                continue;
            }
            const p = {
                src: e,
                path: e.path,
                kind: 'copy',
                // linkTo and data are added to the few that need them (see IndexedEntry's fields).
                order: orderOf(i, e.seq)
            };
            if (e.type === 'link') {
                const t = e.target;
                if (!t)
                    lowerLinks.push(p);
                else if (visible.get(t.path)?.src === t)
                    Object.assign(p, { kind: 'link', linkTo: t.path });
                else if (materialized.has(t))
                    Object.assign(p, { kind: 'link', linkTo: materialized.get(t) });
                else {
                    Object.assign(p, { kind: 'materialize', data: t });
                    materialized.set(t, e.path);
                }
            }
            visible.set(e.path, p);
        }
        for (const w of L.whiteouts)
            deleted.add(w);
        for (const w of L.whiteouts)
            subtree.add(w);
        for (const o of L.opaques)
            subtree.add(o);
    }
    // Links to a file of a lower layer (legal when extracting onto a filesystem): link when that
    // file survives, else copy its content.
    for (const p of lowerLinks) {
        const name = p.src.lowerTarget;
        let t;
        for (let j = p.src.layer - 1; j >= 0 && !t; j--) {
            const es = layers[j].entries;
            for (let k = es.length - 1; k >= 0 && !t; k--)
                if (es[k].path === name)
                    t = es[k];
            if (t?.type === 'link')
                t = t.target;
        }
        if (!t || t.type !== 'file') {
            throw new FlattenError(`${where(layers[p.src.layer].source, p.src.layer)}: hardlink "${(0,tar/* printable */.g$)(p.path)}" names "${(0,tar/* printable */.g$)(name)}", which no layer holds`);
        }
        if (visible.get(t.path)?.src === t)
            Object.assign(p, { kind: 'link', linkTo: t.path });
        else
            Object.assign(p, { kind: 'materialize', data: t });
    }
    // Nothing may sit below a symlink or file: extracting it would write through the link.
    const dropped = [];
    // (Deleting the entry being visited while iterating a Map is safe: no copy of the keys.)
    for (const path of visible.keys()) {
        let a = path;
        while (a !== '') {
            a = (0,tar/* parentOf */.gN)(a);
            const v = visible.get(a);
            if (v && v.src.type !== 'dir') {
                dropped.push(path);
                visible.delete(path);
                break;
            }
        }
    }
    const entries = [...visible.values()].sort((a, b) => {
        if (a.path === '')
            return -1;
        if (b.path === '')
            return 1;
        return a.order - b.order;
    });
    return { layers, entries, visible, dropped };
}
/** The entry whose data a planned regular file (or hardlink) carries. */
function contentOf(plan, p) {
    if (p.kind === 'materialize')
        return p.data;
    if (p.kind === 'link') {
        const t = plan.visible.get(p.linkTo);
        return t ? contentOf(plan, t) : undefined;
    }
    return p.src.type === 'file' ? p.src : undefined;
}
/**
 * Resolves a path inside the image, following symlinks as a chroot would (`..` stops at
 * the root). Returns the final path and its entry, or null when a component is missing.
 */
function resolveInImage(plan, path, hops = 0) {
    if (hops > 40)
        return null;
    const parts = ((0,tar/* normalizePath */.Fd)(path) ?? '').split('/').filter(Boolean);
    let cur = '';
    for (let k = 0; k < parts.length; k++) {
        const next = cur ? `${cur}/${parts[k]}` : parts[k];
        const v = plan.visible.get(next);
        if (!v)
            return null;
        if (v.src.type === 'symlink') {
            const target = v.src.linkname;
            const joined = target.startsWith('/') ? target : `${cur}/${target}`;
            const rest = parts.slice(k + 1).join('/');
            return resolveInImage(plan, chrootNormalize(rest ? `${joined}/${rest}` : joined), hops + 1);
        }
        cur = next;
    }
    const entry = plan.visible.get(cur);
    return entry ? { path: cur, entry } : null;
}
function chrootNormalize(p) {
    const out = [];
    for (const part of p.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            out.pop();
        else
            out.push(part);
    }
    return out.join('/');
}


/***/ })

};
