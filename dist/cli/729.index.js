export const id = 729;
export const ids = [729];
export const modules = {

/***/ 46729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FlattenError: () => (/* binding */ FlattenError),
  rP: () => (/* binding */ LinkTargets),
  $E: () => (/* binding */ contentOf),
  Uf: () => (/* binding */ indexLayer),
  eu: () => (/* binding */ planFlatten),
  tE: () => (/* binding */ resolveInImage)
});

// UNUSED EXPORTS: FlattenPlan

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
 * Hardlink resolution, kept beside the index (few members are hardlinks): the regular file a
 * link names, resolved inside its own layer, or (when its own layer has no such path) the
 * node of the normalised target path, looked for in lower layers by planFlatten.
 */
class LinkTargets {
    target = new Map();
    lower = new Map();
}
/**
 * Reads a layer's headers (skipping data) into the index; a layer whose digest is known is
 * checked against it in the same pass (verify.ts), before anything is written. Layers are
 * indexed bottom first, `layer` counting from 0.
 */
async function indexLayer(index, links, source, layer) {
    const reader = await file_reader/* FileReader */.q.open(source.path);
    const verifier = source.expected
        ? new VerifyingSource(reader, source.offset, source.length, source.expected)
        : null;
    const idx = { source, whiteouts: [], opaques: [] };
    const paths = index.paths;
    index.beginLayer(source.offset);
    let failure = null;
    try {
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
            const node = paths.intern(path);
            let target = -1;
            let lower = -1;
            if (raw.type === 'link') {
                const t = (0,tar/* normalizePath */.Fd)(linkname);
                if (t === null || t === '') {
                    throw new FlattenError(`${where(source, layer)}: hardlink "${(0,tar/* printable */.g$)(raw.rawPath)}" → "${(0,tar/* printable */.g$)(linkname)}" points outside the root`);
                }
                linkname = t;
                // What this layer has at the target path so far (a link there stands for its own target).
                const tn = paths.lookup(t);
                const m = tn < 0 ? -1 : index.inLayer(tn);
                const mIsLink = m >= 0 && index.type(m) === 'link';
                target = m < 0 ? -1 : mIsLink ? (links.target.get(m) ?? -1) : m;
                lower = m < 0 ? paths.intern(t) : mIsLink && target < 0 ? links.lower.get(m) : -1;
                if (target >= 0 && index.type(target) !== 'file') {
                    throw new FlattenError(`${where(source, layer)}: hardlink "${(0,tar/* printable */.g$)(path)}" names "${(0,tar/* printable */.g$)(linkname)}", which is a ${index.type(target)}`);
                }
            }
            // A later member of the same path replaces an earlier one (as extraction would): only the
            // last is kept. An earlier member a hardlink names stays reachable through that link's target.
            const before = index.inLayer(node);
            if (before >= 0)
                index.replace(before);
            const id = index.add(node, {
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
                dataOffset: raw.dataOffset
            });
            if (target >= 0)
                links.target.set(id, target);
            if (lower >= 0)
                links.lower.set(id, lower);
        }
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
/**
 * The flattened view: which member each path shows (`visible`, by path node), the output
 * order, and the few members that are written other than as they are (hardlinks). Members
 * are numbers of `index`; readers get objects for one use through entries(), get() and
 * resolveInImage().
 */
class FlattenPlan {
    index;
    layers;
    visibleAt;
    movedTo;
    linkTo;
    dataOf;
    dropped;
    count;
    /** A moved directory's lower member → the directory (the inverse of movedTo). */
    movedFrom = new Map();
    constructor(index, layers, 
    /** Path node → the member the image shows there, or -1. */
    visibleAt, 
    /**
     * Directories kept from a higher layer → the member of the lowest layer that has them: the
     * directory comes out there, so parents precede children (see entries()).
     */
    movedTo, 
    /** Planned hardlinks: member → node of the path they link to. */
    linkTo, 
    /** Planned materialised copies: member → the member whose content they carry. */
    dataOf, 
    /** Members dropped because they sit below a non-directory (hostile or broken input). */
    dropped, count) {
        this.index = index;
        this.layers = layers;
        this.visibleAt = visibleAt;
        this.movedTo = movedTo;
        this.linkTo = linkTo;
        this.dataOf = dataOf;
        this.dropped = dropped;
        this.count = count;
        for (const [v, m] of movedTo)
            this.movedFrom.set(m, v);
    }
    /** Number of output members. */
    get size() {
        return this.count;
    }
    /**
     * The output members in output order, one view at a time: the root first, then bottom
     * layer first, each in its tar order. A member's number is that order (layer, then place in
     * the tar), so the order is walked, not stored: the members' own order, with each moved
     * directory at its lower member's place.
     */
    *entries() {
        const { index } = this;
        const root = this.visibleAt[0];
        if (root >= 0)
            yield this.entry(root);
        const end = index.layerStart(index.layerCount);
        for (let m = 0; m < end; m++) {
            const moved = this.movedFrom.get(m);
            // A moved directory comes out at its lower member's place, not at its own.
            if (moved === undefined && this.movedTo.has(m))
                continue;
            const v = moved ?? m;
            // Visible still: not replaced, hidden, shown by another layer's member, nor dropped.
            if (v !== root && this.visibleAt[index.node(v)] === v)
                yield this.entry(v);
        }
    }
    /** The member the image shows at a normalised path. */
    get(path) {
        const m = this.visibleMember(path);
        return m < 0 ? undefined : this.entry(m);
    }
    has(path) {
        return this.visibleMember(path) >= 0;
    }
    visibleMember(path) {
        const node = this.index.paths.lookup(path);
        return node < 0 || node >= this.visibleAt.length ? -1 : this.visibleAt[node];
    }
    /** The member shown at a path node, or -1. */
    visibleAtNode(node) {
        return node < this.visibleAt.length ? this.visibleAt[node] : -1;
    }
    /**
     * Every visible member (below `dir` only, when given: strictly below that normalised path), in
     * the order the planner found them: top layer first, each in tar order (the synthetic root last).
     */
    *visible(dir) {
        const { index } = this;
        const under = dir === undefined ? -1 : index.paths.lookup(dir);
        if (dir !== undefined && under < 0)
            return;
        for (const m of planningOrder(index)) {
            const node = index.node(m);
            if (this.visibleAt[node] !== m)
                continue;
            if (under >= 0 && !index.paths.isBelow(node, under))
                continue;
            yield this.entry(m);
        }
        const root = this.visibleAt[0];
        if (root >= 0 && index.layerOf(root) < 0 && dir === undefined)
            yield this.entry(root);
    }
    /** A member as a TarEntry (with its layer and number), made now. */
    member(m, path = this.index.paths.pathOf(this.index.node(m))) {
        const { index } = this;
        return { path, ...index.fields(m), id: m, layer: index.layerOf(m), seq: index.seqOf(m) };
    }
    /** A planned member as its view, made now. */
    entry(m) {
        const path = this.index.paths.pathOf(this.index.node(m));
        const p = { id: m, src: this.member(m, path), path, kind: 'copy' };
        const link = this.linkTo.get(m);
        if (link !== undefined)
            Object.assign(p, { kind: 'link', linkTo: this.index.paths.pathOf(link) });
        const data = this.dataOf.get(m);
        if (data !== undefined)
            Object.assign(p, { kind: 'materialize', data: this.member(data) });
        return p;
    }
    /** The member whose data a planned regular file (or hardlink) carries, or -1. */
    contentMember(m) {
        const data = this.dataOf.get(m);
        if (data !== undefined)
            return data;
        const link = this.linkTo.get(m);
        if (link !== undefined) {
            const t = this.visibleAtNode(link);
            return t >= 0 ? this.contentMember(t) : -1;
        }
        return this.index.type(m) === 'file' ? m : -1;
    }
    /**
     * The member a layer leaves at a path (the last of that path in its tar), or undefined;
     * a layer's own view, before any layer above it applies.
     */
    memberInLayer(layer, path) {
        const { index } = this;
        const node = index.paths.lookup(path);
        if (node < 0)
            return undefined;
        for (let m = index.layerStart(layer + 1) - 1; m >= index.layerStart(layer); m--)
            if (index.node(m) === node && !index.replaced(m))
                return this.member(m);
        return undefined;
    }
    /** Adds a root directory (0755 root:root) first in the output, for an image whose layers have none. */
    addRoot(mtime) {
        if (this.visibleAt[0] >= 0)
            return;
        const m = this.index.add(0, {
            type: 'dir',
            mode: 0o755,
            uid: 0,
            gid: 0,
            size: 0,
            mtime,
            linkname: '',
            devmajor: 0,
            devminor: 0,
            dataOffset: 0
        });
        this.visibleAt[0] = m;
        this.count++;
    }
}
/** Members of the layers top layer first, each in tar order, replaced ones left out: how the planner visits them. */
function* planningOrder(index) {
    for (let i = index.layerCount - 1; i >= 0; i--)
        for (let m = index.layerStart(i); m < index.layerStart(i + 1); m++)
            if (!index.replaced(m))
                yield m;
}
/** The flattened view of the indexed layers (bottom first). */
function planFlatten(index, links, layers) {
    const { paths } = index;
    // Per path node, the member shown there; a path a higher layer has is found here (each path
    // occurs once per layer, see indexLayer, so a hit always comes from a higher layer).
    const visible = index.seal();
    // A directory kept from a higher layer comes out where it first appears (the lowest layer
    // having it), so parents precede children: its output position, when not its own.
    const movedTo = new Map();
    // Whiteouts (deleted), and whiteouts plus opaque directories (subtree hidden): few, by node.
    const deleted = new Set();
    const subtree = new Set();
    const linkTo = new Map();
    const dataOf = new Map();
    // A hardlink target materialised already → the node of the path that got its copy.
    const materialized = new Map();
    const lowerLinks = [];
    const L = layers.length;
    /**
     * Whether a node lies below something a layer above `layer` hides the subtree of: a
     * whiteout or opaque directory, or a visible non-directory.
     */
    const hiddenAbove = (node, layer) => {
        const above = index.layerStart(layer + 1);
        for (let a = paths.parentOf(node); a >= 0; a = paths.parentOf(a)) {
            if (subtree.has(a))
                return true;
            const v = visible[a];
            if (v >= above && !index.isDir(v))
                return true;
        }
        return false;
    };
    for (let i = L - 1; i >= 0; i--) {
        for (let m = index.layerStart(i); m < index.layerStart(i + 1); m++) {
            if (index.replaced(m))
                continue;
            const node = index.node(m);
            // The top layer has nothing above it: no walk up its paths (often most of the members).
            if (i < L - 1 && (deleted.has(node) || hiddenAbove(node, i)))
                continue;
            const v = visible[node];
            if (v >= 0) {
                if (index.isDir(v) && index.isDir(m))
                    movedTo.set(v, m);
                continue;
            }
            if (index.type(m) === 'link') {
                const t = links.target.get(m);
                if (t === undefined)
                    lowerLinks.push(m);
                else if (visible[index.node(t)] === t)
                    linkTo.set(m, index.node(t));
                else if (materialized.has(t))
                    linkTo.set(m, materialized.get(t));
                else {
                    dataOf.set(m, t);
                    materialized.set(t, node);
                }
            }
            visible[node] = m;
        }
        for (const w of layers[i].whiteouts) {
            const node = paths.lookup(w);
            if (node >= 0)
                deleted.add(node);
            if (node >= 0)
                subtree.add(node);
        }
        for (const o of layers[i].opaques) {
            const node = paths.lookup(o);
            if (node >= 0)
                subtree.add(node);
        }
    }
    // Links to a file of a lower layer (legal when extracting onto a filesystem): link when that
    // file survives, else copy its content.
    // The members at the paths such links name, found in one pass over the members (in layer
    // order; one per layer and path): scanning the layers below once per link took quadratic
    // time on a layer of many links, and layers are content from outside.
    const named = new Map();
    for (const m of lowerLinks)
        named.set(links.lower.get(m), []);
    if (named.size)
        for (let k = 0; k < index.layerStart(L); k++)
            if (!index.replaced(k))
                named.get(index.node(k))?.push(k);
    for (const m of lowerLinks) {
        const layer = index.layerOf(m);
        const name = links.lower.get(m);
        let t = -1;
        // The nearest layer below that has the path; a link there stands for its own target.
        const at = named.get(name);
        for (let c = at.length - 1; c >= 0 && t < 0; c--) {
            if (index.layerOf(at[c]) >= layer)
                continue;
            t = at[c];
            if (index.type(t) === 'link')
                t = links.target.get(t) ?? -1;
        }
        if (t < 0 || index.type(t) !== 'file') {
            throw new FlattenError(`${where(layers[layer].source, layer)}: hardlink "${(0,tar/* printable */.g$)(paths.pathOf(index.node(m)))}" names "${(0,tar/* printable */.g$)(paths.pathOf(name))}", which no layer holds`);
        }
        if (visible[index.node(t)] === t)
            linkTo.set(m, index.node(t));
        else
            dataOf.set(m, t);
    }
    // Nothing may sit below a symlink or file: extracting it would write through the link.
    // Visited in the order they became visible; one dropped is gone for those after it.
    const dropped = [];
    for (const m of planningOrder(index)) {
        const node = index.node(m);
        if (visible[node] !== m)
            continue;
        for (let a = paths.parentOf(node); a >= 0; a = paths.parentOf(a)) {
            const v = visible[a];
            if (v >= 0 && !index.isDir(v)) {
                dropped.push(paths.pathOf(node));
                visible[node] = -1;
                break;
            }
        }
    }
    let count = 0;
    for (let node = 0; node < paths.count; node++)
        if (visible[node] >= 0)
            count++;
    // Planning found everything by node number; lookups by name are few from here on.
    paths.release();
    return new FlattenPlan(index, layers, visible, movedTo, linkTo, dataOf, dropped, count);
}
/** The entry whose data a planned regular file (or hardlink) carries. */
function contentOf(plan, p) {
    const m = plan.contentMember(p.id);
    return m < 0 ? undefined : m === p.id ? p.src : plan.member(m);
}
/**
 * Resolves a path inside the image, following symlinks as a chroot would (`..` stops at
 * the root). Returns the final path and its entry, or null when a component is missing.
 */
function resolveInImage(plan, path, hops = 0) {
    if (hops > 40)
        return null;
    const paths = plan.index.paths;
    const parts = ((0,tar/* normalizePath */.Fd)(path) ?? '').split('/').filter(Boolean);
    let cur = '';
    let node = 0;
    for (let k = 0; k < parts.length; k++) {
        const next = cur ? `${cur}/${parts[k]}` : parts[k];
        node = paths.child(node, parts[k]);
        const v = node < 0 ? -1 : plan.visibleAtNode(node);
        if (v < 0)
            return null;
        if (plan.index.type(v) === 'symlink') {
            const target = plan.index.linkname(v);
            const joined = target.startsWith('/') ? target : `${cur}/${target}`;
            const rest = parts.slice(k + 1).join('/');
            return resolveInImage(plan, chrootNormalize(rest ? `${joined}/${rest}` : joined), hops + 1);
        }
        cur = next;
    }
    const m = plan.visibleAtNode(node);
    return m >= 0 ? { path: cur, entry: plan.entry(m) } : null;
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
