export const id = 619;
export const ids = [619];
export const modules = {

/***/ 90242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gg: () => (/* binding */ replaceSpans),
/* harmony export */   KA: () => (/* binding */ dockerfileBuildArgs),
/* harmony export */   Kx: () => (/* binding */ dockerfileImageRefs)
/* harmony export */ });
/* unused harmony exports substitute, dockerfileFroms, buildArgsFrom */
/* harmony import */ var _dockerfile_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99107);

/** `$X`, `${X}`, `${X:-default}`, `${X:+alt}` (and `-`, `+` without colon) from `vars`. */
function substitute(s, vars) {
    return s.replace(/\\\$|\$\{(\w+)(?::?([-+])([^}]*))?\}|\$(\w+)/g, (m, braced, op, word, bare) => {
        if (m === '\\$')
            return '$';
        const name = braced ?? bare;
        const v = vars[name];
        if (op === '-')
            return v === undefined || v === '' ? word : v;
        if (op === '+')
            return v === undefined || v === '' ? '' : word;
        return v ?? '';
    });
}
function unquote(v) {
    return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}
/** The span in the file of `word.text.slice(from)`. */
function span(word, from = 0) {
    return { start: word.offsets[from], end: word.offsets[word.offsets.length - 1] + 1 };
}
/** Every image a Dockerfile names (FROM and COPY --from), given the build args passed to the build. */
function dockerfileImageRefs(text, buildArgs = {}) {
    const { instructions } = (0,_dockerfile_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDockerfile */ .A)(text);
    const globals = {};
    const stages = new Set();
    for (const ins of instructions)
        if (ins.keyword === 'FROM') {
            const words = ins.args.filter((w) => !w.text.startsWith('--'));
            if (words.length >= 3 && words[1].text.toLowerCase() === 'as')
                stages.add(words[2].text.toLowerCase());
        }
    /** What --from / from= names: an image, unless it is a stage (by name or index) or scratch. */
    const isImage = (ref) => !!ref && !/^\d+$/.test(ref) && !stages.has(ref.toLowerCase()) && ref.toLowerCase() !== 'scratch';
    const earlier = new Set();
    const refs = [];
    let seenFrom = false;
    for (const ins of instructions) {
        if (ins.keyword === 'ARG' && !seenFrom) {
            for (const { text: decl } of ins.args) {
                const eq = decl.indexOf('=');
                const name = eq < 0 ? decl : decl.slice(0, eq);
                const dflt = eq < 0 ? undefined : substitute(unquote(decl.slice(eq + 1)), globals);
                globals[name] = name in buildArgs ? buildArgs[name] : dflt;
            }
        }
        else if (ins.keyword === 'FROM') {
            seenFrom = true;
            const words = ins.args.filter((w) => !w.text.startsWith('--'));
            if (!words.length)
                continue;
            const ref = substitute(words[0].text, globals);
            const stage = earlier.has(ref.toLowerCase());
            if (words.length >= 3 && words[1].text.toLowerCase() === 'as')
                earlier.add(words[2].text.toLowerCase());
            if (stage || !ref || ref.toLowerCase() === 'scratch')
                continue;
            refs.push({ ref, line: ins.line, kind: 'FROM', ...span(words[0]) });
        }
        else if (ins.keyword === 'RUN') {
            // BuildKit's --mount=type=bind|cache,from=X,... reads X: a stage or an image.
            for (const w of ins.args) {
                if (!w.text.startsWith('--'))
                    break;
                if (!w.text.toLowerCase().startsWith('--mount='))
                    continue;
                let at = '--mount='.length;
                for (const field of w.text.slice(at).split(',')) {
                    if (field.toLowerCase().startsWith('from=')) {
                        const ref = unquote(substitute(field.slice('from='.length), globals));
                        if (isImage(ref))
                            refs.push({
                                ref,
                                line: ins.line,
                                kind: 'RUN --mount from',
                                start: w.offsets[at + 'from='.length],
                                end: w.offsets[at + field.length - 1] + 1
                            });
                    }
                    at += field.length + 1;
                }
            }
        }
        else if (ins.keyword === 'COPY') {
            // Flags come first and are written --flag=value.
            for (const w of ins.args) {
                if (!w.text.startsWith('--'))
                    break;
                if (!w.text.toLowerCase().startsWith('--from='))
                    continue;
                const ref = unquote(substitute(w.text.slice('--from='.length), globals));
                if (!isImage(ref))
                    continue;
                refs.push({ ref, line: ins.line, kind: 'COPY --from', ...span(w, '--from='.length) });
            }
        }
    }
    return refs;
}
/** External images named by FROM lines (any stage), given the build args passed to the build. */
function dockerfileFroms(text, buildArgs = {}) {
    return dockerfileImageRefs(text, buildArgs)
        .filter((r) => r.kind === 'FROM')
        .map(({ ref, line }) => ({ ref, line }));
}
/**
 * The build args `docker build` gets for an image, as far as they decide which images it names:
 * the catalog's args, then `--build-arg`s of extra_args (later on the command line, so they win).
 */
function dockerfileBuildArgs(spec) {
    return { ...spec.args, ...buildArgsFrom(spec.extraArgs) };
}
/** `text` with each span replaced (spans do not overlap). */
function replaceSpans(text, edits) {
    let out = text;
    for (const e of [...edits].sort((a, b) => b.start - a.start))
        out = out.slice(0, e.start) + e.with + out.slice(e.end);
    return out;
}
/** `--build-arg K=V` / `--build-arg=K=V` pairs found in extra builder arguments. */
function buildArgsFrom(extraArgs) {
    const out = {};
    extraArgs.forEach((a, i) => {
        const v = a === '--build-arg' ? extraArgs[i + 1] : a.startsWith('--build-arg=') ? a.slice(12) : undefined;
        if (v === undefined)
            return;
        const eq = v.indexOf('=');
        if (eq > 0)
            out[v.slice(0, eq)] = v.slice(eq + 1);
    });
    return out;
}


/***/ }),

/***/ 99107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ parseDockerfile)
/* harmony export */ });
/* unused harmony export heredocMarker */
/**
 * A Dockerfile read the way BuildKit's parser (moby/buildkit frontend/dockerfile/parser) reads
 * it, for what Kiln needs to know before a build: which instructions there are, their words
 * with their place in the text (so a reference can be replaced in a copy), and the heredocs.
 *
 * - Parser directives (`# escape=` …) are leading comment lines; `escape` may be `\` or a backtick.
 * - A line ending in the escape character (trailing blanks allowed) continues on the next one;
 *   the two are joined as they are, without a space. Comment lines and empty lines inside a
 *   continuation are dropped.
 * - RUN, COPY and ADD may hold heredocs (`<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<EOF`): the lines after
 *   the instruction up to the terminator are its body, not instructions, whatever they say.
 * - Words are split on blanks outside quotes; quotes stay in the word (BuildKit's RawQuotes).
 *
 * Why not a package: `dockerfile-ast` (rcjsuen, behind the VS Code Docker extension) reads
 * heredocs but is an editor's document model over vscode-languageserver types, and gives no
 * offsets of a word across continuations, which is what rewriting a reference needs;
 * `docker-file-parser` reads no heredocs. This is the small part Kiln needs, unit-tested.
 */
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
function splitLines(text) {
    const out = [];
    let start = 0;
    for (const raw of text.split('\n')) {
        out.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start });
        start += raw.length + 1;
    }
    return out;
}
const isComment = (l) => /^[ \t]*#/.test(l);
const isBlank = (l) => /^[ \t]*$/.test(l);
/** The escape character from the parser directives (leading `# key=value` comments). */
function escapeDirective(lines) {
    for (const l of lines) {
        const m = /^[ \t]*#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(\S*)[ \t]*$/.exec(l.text);
        if (!m)
            break;
        if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\'))
            return m[2];
    }
    return '\\';
}
/** Words of a logical line: blanks outside quotes separate them; quotes and escapes stay. */
function splitWords(chars, offsets, escape) {
    const words = [];
    let cur = null;
    let quote = null;
    for (let i = 0; i < chars.length; i++) {
        const c = chars[i];
        if (!quote && (c === ' ' || c === '\t')) {
            if (cur)
                words.push(cur);
            cur = null;
            continue;
        }
        cur ??= { text: '', offsets: [] };
        cur.text += c;
        cur.offsets.push(offsets[i]);
        if (c === escape && quote !== "'" && i + 1 < chars.length) {
            cur.text += chars[i + 1];
            cur.offsets.push(offsets[i + 1]);
            i++;
        }
        else if (quote && c === quote)
            quote = null;
        else if (!quote && (c === '"' || c === "'"))
            quote = c;
    }
    if (cur)
        words.push(cur);
    return words;
}
/** A heredoc marker word (`<<EOF`, `<<-"EOF"`, `2<<EOF`): its terminator and whether tabs are chomped. */
function heredocMarker(word) {
    const m = /^\d*<<(-?)([^<]*)$/.exec(word);
    if (!m || !m[2])
        return undefined;
    const name = m[2].replace(/^(["'])(.*)\1$/, '$2');
    return name ? { name, chomp: m[1] === '-' } : undefined;
}
function parseDockerfile(text) {
    const lines = splitLines(text);
    const escape = escapeDirective(lines);
    const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
    const instructions = [];
    let i = 0;
    while (i < lines.length) {
        if (isComment(lines[i].text) || isBlank(lines[i].text)) {
            i++;
            continue;
        }
        const line = i + 1;
        let chars = '';
        const offsets = [];
        while (i < lines.length) {
            const l = lines[i++];
            if (chars && (isComment(l.text) || isBlank(l.text)))
                continue;
            const m = continuation.exec(l.text);
            const body = m ? l.text.slice(0, m.index) : l.text;
            chars += body;
            for (let k = 0; k < body.length; k++)
                offsets.push(l.start + k);
            if (!m)
                break;
        }
        const words = splitWords(chars, offsets, escape);
        if (!words.length)
            continue;
        const keyword = words[0].text.toUpperCase();
        const heredocs = [];
        if (HEREDOC_KEYWORDS.has(keyword)) {
            for (const w of words.slice(1)) {
                const marker = heredocMarker(w.text);
                if (!marker)
                    continue;
                const doc = { name: marker.name, line: i + 1, body: [], terminated: false };
                while (i < lines.length) {
                    const l = lines[i++].text;
                    if ((marker.chomp ? l.replace(/^\t+/, '') : l) === marker.name) {
                        doc.terminated = true;
                        break;
                    }
                    doc.body.push(l);
                }
                heredocs.push(doc);
            }
        }
        instructions.push({ keyword, args: words.slice(1), line, heredocs });
    }
    return { escape, instructions };
}


/***/ }),

/***/ 39619:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KQ: () => (/* binding */ chainReferences),
/* harmony export */   LI: () => (/* binding */ topoOrder),
/* harmony export */   Ph: () => (/* binding */ dockerfileDeps),
/* harmony export */   SV: () => (/* binding */ canonicalRef),
/* harmony export */   SZ: () => (/* binding */ allDeps)
/* harmony export */ });
/* unused harmony export chainMatcher */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _model_load_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11655);
/* harmony import */ var _model_cycles_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(87102);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70017);
/* harmony import */ var _dockerfile_from_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(90242);
/* harmony import */ var _packer_refs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71616);
/**
 * The build graph: an image depends on its base (when it names an image), its depends_on,
 * and the chain images its Dockerfile builds FROM. Order is topological with the catalog's
 * list order breaking ties, so the same catalog always gives the same order.
 */







/** A docker reference in a comparable form: no default registry/namespace, no `:latest`. */
function canonicalRef(ref) {
    let r = ref.toLowerCase();
    r = r.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
    return r.replace(/:latest$/, '');
}
/**
 * Finds the chain image a FROM reference names: its name, name:latest, its tag, or a tag
 * its Packer template gives it (`extraTags`).
 */
function chainMatcher(specs, extraTags = new Map()) {
    const byRef = new Map();
    for (const s of specs)
        for (const t of [...(s.tag ? [s.tag] : []), ...(extraTags.get(s.name) ?? [])])
            if (!byRef.has(canonicalRef(t)))
                byRef.set(canonicalRef(t), s);
    // Names win over tags: they are what a v1 catalog's Dockerfiles write.
    for (const s of specs)
        byRef.set(canonicalRef(s.name), s);
    return (ref) => byRef.get(canonicalRef(ref));
}
/**
 * The chain images each image's main file names: a Dockerfile's FROM and COPY --from, a Packer
 * template's docker builder `image`. An image naming itself is left out: `FROM debian` in an
 * image named debian means the upstream one.
 */
async function chainReferences(catalog) {
    const texts = new Map();
    await Promise.all(catalog.images
        .filter((s) => (s.builder === 'dockerfile' || s.builder === 'packer') && s.file)
        .map(async (s) => texts.set(s.name, await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(catalog.root, s.file), 'utf8'))));
    const packerTags = new Map();
    for (const s of catalog.images)
        if (s.builder === 'packer' && texts.has(s.name))
            packerTags.set(s.name, (0,_packer_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .packerDockerTags */ .KR)(s.file, texts.get(s.name)));
    const match = chainMatcher(catalog.images, packerTags);
    const out = new Map();
    for (const s of catalog.images) {
        const text = texts.get(s.name);
        if (text === undefined)
            continue;
        const refs = s.builder === 'dockerfile'
            ? (0,_dockerfile_from_js__WEBPACK_IMPORTED_MODULE_4__/* .dockerfileImageRefs */ .Kx)(text, (0,_dockerfile_from_js__WEBPACK_IMPORTED_MODULE_4__/* .dockerfileBuildArgs */ .KA)(s)).map((f) => f.ref)
            : (0,_packer_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .packerDockerImages */ .LF)(s.file, text);
        const found = [];
        for (const ref of refs) {
            const m = match(ref);
            if (m && m.name !== s.name && !found.some((f) => f.ref === canonicalRef(ref)))
                found.push({ ref: canonicalRef(ref), image: m.name });
        }
        out.set(s.name, found);
    }
    return out;
}
/** The chain images each image's main file builds on, by name (see chainReferences). */
async function dockerfileDeps(catalog, refs) {
    const out = new Map();
    for (const [name, list] of refs ?? (await chainReferences(catalog)))
        out.set(name, [...new Set(list.map((r) => r.image))]);
    return out;
}
/** All dependencies of every image: base, depends_on, then FROM, without repeats. */
function allDeps(catalog, fromDeps) {
    const deps = new Map();
    for (const s of catalog.images)
        deps.set(s.name, [...new Set([...(0,_model_load_js__WEBPACK_IMPORTED_MODULE_2__/* .explicitDeps */ .Fx)(s), ...(fromDeps.get(s.name) ?? [])])]);
    return deps;
}
/** Topological order, ancestors first, list order as the tie-break. Throws InvalidInputError on a cycle. */
function topoOrder(catalog, deps) {
    const specs = catalog.images;
    const names = specs.map((s) => s.name);
    const cycles = (0,_model_cycles_js__WEBPACK_IMPORTED_MODULE_6__/* .findCycles */ .p)(names, (n) => deps.get(n) ?? []);
    if (cycles.length) {
        const byName = new Map(specs.map((s) => [s.name, s]));
        const file = (0,_model_load_js__WEBPACK_IMPORTED_MODULE_2__/* .displayPath */ .Gt)(catalog.file);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC(cycles.map((c) => {
            const s = byName.get(c[0]);
            return { file, pointer: s.pointer, line: s.line, image: s.name, message: (0,_model_cycles_js__WEBPACK_IMPORTED_MODULE_6__/* .formatCycle */ ._)(c) };
        }));
    }
    const remaining = new Map(specs.map((s) => [s.name, new Set(deps.get(s.name) ?? [])]));
    const done = new Set();
    const order = [];
    while (order.length < specs.length) {
        // Lowest list index among the images whose dependencies are all done.
        const next = specs.find((s) => !done.has(s.name) && [...(remaining.get(s.name) ?? [])].every((d) => done.has(d)));
        if (!next)
            throw new Error('[internal error] no ready image although no cycle was found');
        done.add(next.name);
        order.push(next);
    }
    return order;
}


/***/ }),

/***/ 71616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B7: () => (/* binding */ aciHostBinaries),
/* harmony export */   KR: () => (/* binding */ packerDockerTags),
/* harmony export */   LF: () => (/* binding */ packerDockerImages),
/* harmony export */   Z7: () => (/* binding */ aciManifestRefs),
/* harmony export */   rd: () => (/* binding */ packerRefs)
/* harmony export */ });
/* unused harmony exports packerJsonRefs, packerHclRefs */
/* harmony import */ var _model_aci_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71604);
/**
 * Files a Packer template reads, where the template says so plainly: provisioners'
 * `source`/`sources`, `script`/`scripts`, `playbook_file`, `galaxy_file`, `role_paths`.
 * JSON templates are walked; HCL templates are scanned for those attributes' string
 * literals. `{{template_dir}}` / `${path.root}` and `{{pwd}}` / `${path.cwd}` are
 * resolved; any other interpolation cannot be known before the build and is skipped.
 */

const KEYS = ['source', 'sources', 'script', 'scripts', 'playbook_file', 'galaxy_file', 'role_paths'];
function resolveVars(s) {
    let relativeTo = 'cwd';
    let p = s;
    const tmpl = /^(\{\{\s*template_dir\s*\}\}|\$\{path\.root\})\/?/;
    const cwd = /^(\{\{\s*pwd\s*\}\}|\$\{path\.cwd\})\/?/;
    if (tmpl.test(p)) {
        relativeTo = 'template';
        p = p.replace(tmpl, '');
    }
    else
        p = p.replace(cwd, '');
    if (!p || /\{\{|\$\{/.test(p) || /^[a-z]+:\/\//i.test(p))
        return undefined;
    return { path: p, relativeTo };
}
function packerJsonRefs(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return [];
    }
    const found = [];
    const provisioners = doc?.provisioners;
    for (const p of Array.isArray(provisioners) ? provisioners : []) {
        if (!p || typeof p !== 'object')
            continue;
        for (const k of KEYS) {
            const v = p[k];
            for (const s of Array.isArray(v) ? v : [v])
                if (typeof s === 'string')
                    found.push(s);
        }
    }
    return uniq(found);
}
function packerHclRefs(text) {
    const found = [];
    const attr = new RegExp(`^\\s*(?:${KEYS.join('|')})\\s*=\\s*(\\[[^\\]]*\\]|"(?:[^"\\\\]|\\\\.)*")`, 'gm');
    for (const m of text.matchAll(attr))
        for (const lit of m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g))
            found.push(lit[1].replace(/\\(.)/g, '$1'));
    // A build block's `sources = ["source.docker.x"]` names builders, not files.
    return uniq(found.filter((f) => !/^source\.[\w-]+\.[\w-]+$/.test(f)));
}
function packerRefs(file, text) {
    return /\.json$/i.test(file) ? packerJsonRefs(text) : packerHclRefs(text);
}
function uniq(paths) {
    const out = [];
    for (const s of paths) {
        const r = resolveVars(s);
        if (r && !out.some((o) => o.path === r.path && o.relativeTo === r.relativeTo))
            out.push(r);
    }
    return out;
}
/** The valid steps of an ACI manifest's text (none when it does not parse: loading reported that). */
function aciSteps(text) {
    try {
        return (0,_model_aci_js__WEBPACK_IMPORTED_MODULE_0__/* .checkSteps */ .wO)(JSON.parse(text)).steps;
    }
    catch {
        return [];
    }
}
/**
 * Project files an ACI manifest's build steps read, relative to the manifest: an `image`
 * path, a copied `cmd` script, a playbook, the project side of copy_host_files' `files`, and
 * the relative sources of `copy` (its absolute ones are in the base image, whose key counts).
 */
function aciManifestRefs(text) {
    const out = [];
    const relative = (p) => {
        if (!p.startsWith('/'))
            out.push(p);
    };
    for (const s of aciSteps(text)) {
        if (s.step === 'image' && s.path)
            out.push(s.path);
        else if (s.step === 'cmd' && (0,_model_aci_js__WEBPACK_IMPORTED_MODULE_0__/* .cmdCopies */ .ks)(s))
            out.push(s.path);
        else if (s.step === 'ansible')
            out.push(s.playbook);
        else if (s.step === 'copy_host_files')
            for (const [src] of s.files ?? [])
                out.push(src);
        else if (s.step === 'copy') {
            for (const b of s.binaries ?? [])
                relative(typeof b === 'string' ? b : b[0]);
            for (const [src] of s.files ?? [])
                relative(src);
        }
    }
    return [...new Set(out)];
}
/** Build-host programs an ACI manifest copies (copy_host_files' `binaries`): they count by content. */
function aciHostBinaries(text) {
    const out = aciSteps(text).flatMap((s) => (s.step === 'copy_host_files' ? (s.binaries ?? []) : []));
    return [...new Set(out)];
}
/** Docker images a Packer template's docker builders start from (`image`): chain images it depends on. */
function packerDockerImages(file, text) {
    if (!/\.json$/i.test(file)) {
        // HCL: `image = "..."` attributes (source "docker" blocks); interpolated values are unknowable.
        return [...text.matchAll(/^\s*image\s*=\s*"([^"$]+)"/gm)].map((m) => m[1]);
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return [];
    }
    const builders = Array.isArray(doc?.builders) ? doc.builders : [];
    return builders
        .filter((b) => b && b.type === 'docker' && typeof b.image === 'string' && !String(b.image).includes('{{'))
        .map((b) => String(b.image));
}
/** Docker tags a Packer JSON template gives its result (docker-tag / docker-import post-processors). */
function packerDockerTags(file, text) {
    if (!/\.json$/i.test(file))
        return [];
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return [];
    }
    const out = [];
    const visit = (p) => {
        if (Array.isArray(p))
            return p.forEach(visit);
        if (!p || typeof p !== 'object')
            return;
        const pp = p;
        if ((pp.type !== 'docker-tag' && pp.type !== 'docker-import') || typeof pp.repository !== 'string')
            return;
        const tags = Array.isArray(pp.tags) ? pp.tags : [pp.tag ?? 'latest'];
        for (const t of tags)
            if (typeof t === 'string' && !`${pp.repository}:${t}`.includes('{{'))
                out.push(`${pp.repository}:${t}`);
    };
    visit(doc?.['post-processors']);
    return out;
}


/***/ })

};
