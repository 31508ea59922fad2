export const id = 655;
export const ids = [655];
export const modules = {

/***/ 71604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W$: () => (/* binding */ ACI_COMPRESSIONS),
  SI: () => (/* binding */ STEPS_KEY),
  uD: () => (/* binding */ acIdentifier),
  L2: () => (/* binding */ checkAciDocument),
  K7: () => (/* binding */ checkManifest),
  wO: () => (/* binding */ checkSteps),
  ks: () => (/* binding */ cmdCopies),
  DT: () => (/* binding */ isCurrentFormat),
  ab: () => (/* binding */ mergeManifest),
  Zp: () => (/* binding */ modeNumber)
});

// UNUSED EXPORTS: AC_VERSION, STEP_KINDS, appcArch, appcProblems

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(42463);
;// CONCATENATED MODULE: ./schema/aci-packer-steps.schema.json
const aci_packer_steps_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"BG":{"pair":{"type":"array","items":{"type":"string","minLength":1},"minItems":2,"maxItems":2},"mode":{"description":"permission bits: an integer (JSON has no octal: 493 is 0755) or an octal string such as \\"0755\\"","oneOf":[{"type":"integer","minimum":0,"maximum":4095},{"type":"string","pattern":"^0?[0-7]{1,4}$"}]},"image":{"description":"Unpack a root file system tarball (a project file, or a URL fetched at build time); with neither, the node\'s base image (Kiln).","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"path":{"type":"string","minLength":1},"url":{"type":"string","pattern":"^(https?|file)://"},"from":{"const":"base"}},"additionalProperties":false},"setup_chroot":{"description":"How later cmd/shell steps see the root: host resolv.conf and hosts, /proc, /dev, /sys (all true by default), a policy-rc.d that stops services from starting (false by default).","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"copy_resolvconf":{"type":"boolean"},"copy_hosts":{"type":"boolean"},"mount_proc":{"type":"boolean"},"mount_dev":{"type":"boolean"},"mount_sys":{"type":"boolean"},"make_debian_policy_rc":{"type":"boolean"}},"additionalProperties":false},"ansible":{"description":"ansible-playbook through the chroot connection (a project file); takes setup_chroot\'s flags, false by default.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"playbook":{"type":"string","minLength":1},"copy_resolvconf":{"type":"boolean"},"copy_hosts":{"type":"boolean"},"mount_proc":{"type":"boolean"},"mount_dev":{"type":"boolean"},"mount_sys":{"type":"boolean"},"make_debian_policy_rc":{"type":"boolean"}},"additionalProperties":false,"required":["playbook"]},"cmd":{"description":"A program run in the root (chroot): with copy (default true), the project file `path` copied in first.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"path":{"type":"string","minLength":1},"args":{"type":"array","items":{"type":"string"}},"copy":{"type":"boolean"}},"additionalProperties":false,"required":["path"]},"shell":{"description":"A host command (/bin/sh -c) whose environment is only ROOTFS, the root file system\'s path (and a default PATH).","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"cmd":{"type":"string","minLength":1}},"additionalProperties":false,"required":["cmd"]},"copy":{"description":"Copies from the host - in Kiln, the node\'s base image - into the root: binaries with their library closure, every executable under find_executable, [src, dst] files (directories copied whole); excludes are path prefixes. A relative src is a project file.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"binaries":{"type":"array","items":{"oneOf":[{"type":"string","minLength":1},{"$ref":"#/definitions/pair"}]}},"find_executable":{"type":"array","items":{"type":"string","minLength":1}},"files":{"type":"array","items":{"$ref":"#/definitions/pair"}},"excludes":{"type":"array","items":{"type":"string","minLength":1}},"uid":{"type":"integer","minimum":0},"gid":{"type":"integer","minimum":0},"mode":{"$ref":"#/definitions/mode"}},"additionalProperties":false},"symlink":{"description":"[target, link] pairs: each link created in the root (replacing what was there).","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"links":{"type":"array","items":{"$ref":"#/definitions/pair"}}},"additionalProperties":false,"required":["links"]},"write":{"description":"Writes contents to path in the root (0644).","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"path":{"type":"string","minLength":1},"contents":{"type":"string"}},"additionalProperties":false,"required":["path","contents"]},"delete":{"description":"Removes files and directories from the root; a missing one is not an error.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"files":{"type":"array","items":{"type":"string","minLength":1}}},"additionalProperties":false,"required":["files"]},"mkdir":{"description":"Creates directories (and their parents) in the root: new ones get mode (0777 under umask 022, so 0755, unless given); uid and gid own each listed directory.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"dirs":{"oneOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1}}]},"mode":{"$ref":"#/definitions/mode"},"uid":{"type":"integer","minimum":0},"gid":{"type":"integer","minimum":0}},"additionalProperties":false,"required":["dirs"]},"ld.so.cache":{"description":"Writes the root\'s /etc/ld.so.cache with the host\'s ldconfig (in Kiln, the base image\'s); host_base: the base image\'s ld.so.conf as the configuration.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"ldconfig":{"type":"string","minLength":1},"host_base":{"type":"boolean"}},"additionalProperties":false},"extract":{"description":"Keeps only binaries, their library closure and keeps; removes the rest.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"binaries":{"type":"array","items":{"type":"string","minLength":1}},"keeps":{"type":"array","items":{"type":"string","minLength":1}}},"additionalProperties":false,"required":["binaries"]},"create_python_env":{"description":"A minimal Python environment from the image\'s own interpreter.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"python_exe":{"type":"string","minLength":1}},"additionalProperties":false},"copy_host_files":{"description":"Copies build-host binaries with their library closure to the same paths, and [project file, image path] files.","type":"object","properties":{"step":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"binaries":{"type":"array","items":{"type":"string","minLength":1}},"files":{"type":"array","items":{"$ref":"#/definitions/pair"}}},"additionalProperties":false}}}');
;// CONCATENATED MODULE: ./schema/appc-image-manifest.schema.json
const appc_image_manifest_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://kiln.invalid/schema/appc-image-manifest.schema.json","title":"appc App Container Image manifest (spec/aci.md, types.md)","type":"object","required":["acKind","acVersion","name"],"properties":{"acKind":{"const":"ImageManifest"},"acVersion":{"description":"AC Version: a semantic version","type":"string","pattern":"^(0|[1-9][0-9]*)\\\\.(0|[1-9][0-9]*)\\\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\\\+[0-9A-Za-z.-]+)?$"},"name":{"$ref":"#/definitions/acIdentifier"},"labels":{"type":"array","items":{"type":"object","required":["name","value"],"additionalProperties":false,"properties":{"name":{"allOf":[{"$ref":"#/definitions/acIdentifier"},{"not":{"const":"name"}}]},"value":{"type":"string"}}}},"app":{"type":"object","required":["exec","user","group"],"properties":{"exec":{"type":"array","minItems":1,"items":{"type":"string"}},"user":{"type":"string"},"group":{"type":"string"},"supplementaryGIDs":{"type":"array","items":{"type":"integer"}},"eventHandlers":{"type":"array","items":{"type":"object","required":["name","exec"],"properties":{"name":{"enum":["pre-start","post-stop"]},"exec":{"type":"array","minItems":1,"items":{"type":"string"}}}}},"workingDirectory":{"type":"string","pattern":"^/"},"environment":{"type":"array","items":{"type":"object","required":["name","value"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9_]+$"},"value":{"type":"string"}}}},"isolators":{"type":"array","items":{"type":"object","required":["name","value"],"properties":{"name":{"$ref":"#/definitions/acIdentifier"}}}},"mountPoints":{"type":"array","items":{"type":"object","required":["name","path"],"properties":{"name":{"$ref":"#/definitions/acName"},"path":{"type":"string"},"readOnly":{"type":"boolean"}}}},"ports":{"type":"array","items":{"type":"object","required":["name","protocol","port"],"properties":{"name":{"$ref":"#/definitions/acName"},"protocol":{"type":"string"},"port":{"type":"integer","minimum":1,"maximum":65535},"count":{"type":"integer","minimum":1},"socketActivated":{"type":"boolean"}}}}}},"dependencies":{"type":"array","items":{"type":"object","required":["imageName"],"properties":{"imageName":{"$ref":"#/definitions/acIdentifier"},"imageID":{"type":"string","pattern":"^[a-z0-9]+-[0-9a-f]+$"},"labels":{"$ref":"#/properties/labels"},"size":{"type":"integer","minimum":0}}}},"pathWhitelist":{"type":"array","items":{"type":"string","pattern":"^/"}},"annotations":{"type":"array","items":{"type":"object","required":["name","value"],"properties":{"name":{"$ref":"#/definitions/acName"},"value":{"type":"string"}}}}},"definitions":{"acIdentifier":{"description":"AC Identifier: lower-case letters, digits and -._~/, starting and ending with a letter or digit","type":"string","pattern":"^[a-z0-9]+([-._~/][a-z0-9]+)*$"},"acName":{"description":"AC Name: lower-case letters and digits, words joined by single dashes","type":"string","pattern":"^[a-z0-9]+(-[a-z0-9]+)*$"}}}');
// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
// EXTERNAL MODULE: ./src/model/validate.ts + 2 modules
var validate = __webpack_require__(17533);
;// CONCATENATED MODULE: ./src/model/aci.ts
/**
 * aci-packer manifests, checked when the catalog loads (so `kiln plan` refuses a bad one with
 * its file, line and column, before anything is built): an appc image manifest plus the key
 * `-aci-packer-build-steps-`, a list of steps in either of aci-packer's two formats:
 *
 * - the old one (aci-packer.py): each step keyed `"type"`: image, setup_chroot, ansible, cmd,
 *   extract, create_python_env, copy_host_files;
 * - the current one (acipacker.py): keyed `"step"`, with an optional `"name"`, and the steps
 *   shell, copy, symlink, write, delete, mkdir and ld.so.cache as well.
 *
 * Kiln takes every step under either key. Each step's fields are in
 * schema/aci-packer-steps.schema.json; the manifest that ships (the user's over the defaults)
 * is checked against schema/appc-image-manifest.schema.json.
 */





const STEPS_KEY = '-aci-packer-build-steps-';
const AC_VERSION = '0.8.11';
/** `.aci` compressions: aci-packer's -C (gzip, xz, bzip2, none) and zstd. */
const ACI_COMPRESSIONS = ['gzip', 'xz', 'bzip2', 'zstd', 'none'];
const definitions = aci_packer_steps_schema_namespaceObject.BG;
const STEP_KINDS = Object.keys(definitions).filter((k) => k !== 'pair' && k !== 'mode');
// Each step kind's validator is compiled when a manifest first uses that kind: most commands
// never read an ACI manifest, and compiling all of them costs a quarter of a second.
let aci_ajv;
const validators = new Map();
let appcValidator;
function stepValidator(kind) {
    let v = validators.get(kind);
    if (!v) {
        aci_ajv ??= new ajv.Ajv({ allErrors: true, verbose: true, strict: false });
        v = aci_ajv.compile({ ...definitions[kind], definitions });
        validators.set(kind, v);
    }
    return v;
}
/** The steps of a manifest and every problem with them (the steps are usable only when there is none). */
function checkSteps(doc) {
    const problems = [];
    if (!doc || typeof doc !== 'object' || Array.isArray(doc))
        return { steps: [], problems: [{ pointer: '', message: 'an ACI manifest is a JSON object' }] };
    const raw = doc[STEPS_KEY];
    if (raw === undefined)
        return { steps: [], problems };
    const at = `/${STEPS_KEY}`;
    if (!Array.isArray(raw))
        return { steps: [], problems: [{ pointer: at, message: 'must be a list of steps' }] };
    const steps = [];
    raw.forEach((s, i) => {
        const here = `${at}/${i}`;
        if (!s || typeof s !== 'object' || Array.isArray(s)) {
            problems.push({ pointer: here, message: `step ${i}: a step is an object` });
            return;
        }
        const o = s;
        if (o.step !== undefined && o.type !== undefined) {
            problems.push({
                pointer: `${here}/type`,
                message: `step ${i}: give "step" (current format) or "type" (old format), not both`,
                key: true
            });
            return;
        }
        const keyName = o.step !== undefined ? 'step' : 'type';
        const kind = o[keyName];
        if (kind === undefined) {
            problems.push({ pointer: here, message: `step ${i}: missing key "step" (or "type" in the old format)` });
            return;
        }
        if (typeof kind !== 'string' || !STEP_KINDS.includes(kind)) {
            problems.push({
                pointer: `${here}/${keyName}`,
                message: `step ${i}: unknown step ${JSON.stringify(kind)}; expected one of ${STEP_KINDS.join(', ')}${typeof kind === 'string' ? (0,suggest/* didYouMean */.au)(kind, STEP_KINDS) : ''}`
            });
            return;
        }
        const label = `step ${i} (${kind})`;
        const before = problems.length;
        const validate = stepValidator(kind);
        if (!validate(o)) {
            const seen = new Set();
            for (const e of validate.errors ?? []) {
                if (/\/oneOf\/\d+\//.test(e.schemaPath))
                    continue;
                const d = describeStepError(e);
                const id = `${d.pointer}\0${d.message}`;
                if (seen.has(id))
                    continue;
                seen.add(id);
                problems.push({
                    pointer: `${here}${d.pointer}`,
                    message: `${label}: ${d.message}`,
                    ...(d.key ? { key: true } : {})
                });
            }
        }
        if (kind === 'image' && [o.path, o.url, o.from].filter((v) => v !== undefined).length > 1)
            problems.push({ pointer: here, message: `${label}: give one of "path", "url" or "from", not several` });
        if (kind === 'copy' && !['binaries', 'find_executable', 'files'].some((k) => o[k] !== undefined))
            problems.push({ pointer: here, message: `${label}: give "binaries", "find_executable" or "files"` });
        if (problems.length === before)
            steps.push({ ...o, step: kind });
    });
    return { steps, problems };
}
/**
 * Whether a `cmd` step copies a project file in before running it. aci-packer.py copied
 * `path` when it was a file on the host (copy: true by default); acipacker.py runs the
 * image's own program. Kiln: `copy` when given, else a relative path is a project file
 * (copied) and an absolute one is the image's program (run in place).
 */
function cmdCopies(step) {
    return step.copy ?? !step.path.startsWith('/');
}
/** Whether a manifest is in aci-packer's current format (its steps keyed "step"). */
function isCurrentFormat(doc) {
    const raw = doc?.[STEPS_KEY];
    return Array.isArray(raw) && raw.some((s) => s && typeof s === 'object' && 'step' in s);
}
function describeStepError(e) {
    if (e.keyword === 'oneOf') {
        const field = e.instancePath.slice(e.instancePath.lastIndexOf('/') + 1);
        const message = field === 'mode'
            ? 'must be an integer or an octal string such as "0755"'
            : field === 'dirs'
                ? 'must be a path or a list of paths'
                : 'must be a path or a [src, dst] pair';
        return { pointer: e.instancePath, message };
    }
    if (e.keyword === 'minItems' || e.keyword === 'maxItems')
        return { pointer: e.instancePath, message: 'must be a pair of paths' };
    if (e.keyword === 'pattern' && e.instancePath === '/url')
        return { pointer: e.instancePath, message: 'must be an http://, https:// or file:// URL' };
    return (0,validate/* describe */.q0)(e);
}
/** A mode value as a number (an octal string is read as octal). */
function modeNumber(m, dflt) {
    if (m === undefined)
        return dflt;
    return typeof m === 'number' ? m : parseInt(m, 8);
}
/** appc's arch label for an OCI/uname architecture. */
function appcArch(arch) {
    const m = {
        x86_64: 'amd64',
        amd64: 'amd64',
        aarch64: 'arm64',
        arm64: 'arm64',
        i686: 'i386',
        i386: 'i386',
        '386': 'i386'
    };
    return m[arch] ?? arch;
}
/** The user's manifest merged onto the defaults (labels merged by name, the user's win). */
function mergeManifest(doc, defaults) {
    const user = { ...doc };
    delete user[STEPS_KEY];
    const labels = new Map([
        ['os', defaults.os ?? 'linux'],
        ['arch', appcArch(defaults.arch)]
    ]);
    const given = Array.isArray(user.labels) ? user.labels : [];
    for (const l of given)
        if (l && typeof l === 'object')
            labels.set(l.name, l.value);
    return {
        acKind: 'ImageManifest',
        acVersion: AC_VERSION,
        name: defaults.name,
        ...user,
        labels: [...labels].map(([name, value]) => ({ name, value }))
    };
}
/** Problems with a manifest against the appc schema ("/app/exec: must …"), empty when valid. */
function checkManifest(m) {
    return appcProblems(m).map((p) => `${p.pointer || '/'}: ${p.message}`);
}
/** The same, as pointers and messages. */
function appcProblems(m) {
    appcValidator ??= (aci_ajv ??= new ajv.Ajv({ allErrors: true, verbose: true, strict: false })).compile(appc_image_manifest_schema_namespaceObject);
    if (appcValidator(m))
        return [];
    return (appcValidator.errors ?? []).map((e) => ({
        pointer: e.instancePath,
        message: e.message ?? 'invalid'
    }));
}
/** An appc identifier made from an image name (lower case, other characters → "-"). */
function acIdentifier(name) {
    return (name
        .toLowerCase()
        .replace(/[^a-z0-9._~/-]+/g, '-')
        .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'image');
}
/**
 * Every problem of one node's manifest document: its steps, then (when the steps are fine)
 * the appc manifest it becomes, merged onto the defaults of the image `name` and `arch`.
 */
function checkAciDocument(doc, image) {
    const { problems } = checkSteps(doc);
    if (problems.length || !doc || typeof doc !== 'object')
        return problems;
    return appcProblems(mergeManifest(doc, { name: acIdentifier(image.name), arch: image.arch })).map((p) => ({ ...p, message: `appc image manifest: ${p.message}` }));
}


/***/ }),

/***/ 87102:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ formatCycle),
/* harmony export */   p: () => (/* binding */ findCycles)
/* harmony export */ });
/** Dependency cycles among named nodes, found by depth-first search in list order (so reports are stable). */
function findCycles(nodes, edges) {
    const state = new Map();
    const stack = [];
    const cycles = [];
    const visit = (n) => {
        state.set(n, 'active');
        stack.push(n);
        for (const d of edges(n)) {
            const s = state.get(d);
            if (s === 'active')
                cycles.push([...stack.slice(stack.indexOf(d)), d]);
            else if (s === undefined && nodes.includes(d))
                visit(d);
        }
        stack.pop();
        state.set(n, 'done');
    };
    for (const n of nodes)
        if (!state.has(n))
            visit(n);
    return cycles;
}
function formatCycle(cycle) {
    return `dependency cycle: ${cycle.join(' -> ')}`;
}


/***/ }),

/***/ 53959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ displayPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/** A path as shown in messages: relative to the current directory when it is below it. */
function displayPath(abs) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_0___default().relative(process.cwd(), abs);
    return rel && !rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_0___default().isAbsolute(rel) ? rel : abs;
}


/***/ }),

/***/ 11655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Gt: () => (/* reexport */ model_display/* displayPath */.G),
  Fx: () => (/* binding */ explicitDeps),
  findCatalog: () => (/* binding */ findCatalog),
  loadCatalog: () => (/* binding */ loadCatalog)
});

// UNUSED EXPORTS: DEFAULT_CATALOG_FILES

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/model/positions.ts
/**
 * Parses a catalog file (JSON or YAML) keeping where every value sits, so each problem can
 * name its line and column. The `yaml` package reads both (JSON is YAML 1.2 flow syntax);
 * JSON files are read by JSON.parse for their values, so numbers and strings mean exactly
 * what JSON says, and by `yaml` only for positions.
 */

function isJsonText(file, text) {
    if (/\.json$/i.test(file))
        return true;
    if (/\.ya?ml$/i.test(file))
        return false;
    return /^\s*[{[]/.test(text);
}
/** Parses `text`; returns the document, or the syntax problems (all of them) with their positions. */
function parseSource(display, text, json) {
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
    const problems = [];
    let value;
    if (json) {
        try {
            value = JSON.parse(text);
        }
        catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            const at = /at position (\d+)/.exec(message);
            const pos = at ? lines.linePos(Number(at[1])) : undefined;
            problems.push({
                file: display,
                pointer: '',
                line: pos?.line,
                column: pos?.col,
                message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '')}`
            });
            return problems;
        }
    }
    for (const err of doc.errors) {
        const pos = err.linePos?.[0];
        problems.push({
            file: display,
            pointer: '',
            line: pos?.line,
            column: pos?.col,
            message: `${json ? 'invalid JSON' : 'invalid YAML'}: ${firstLine(err.message)}`
        });
    }
    if (problems.length)
        return problems;
    if (!json)
        value = doc.toJS({ maxAliasCount: 100 });
    return { display, value, locate: (pointer, opts) => locate(doc, lines, pointer, opts?.key ?? false) };
}
function firstLine(message) {
    return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
function pointerOf(path) {
    return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
function splitPointer(pointer) {
    if (!pointer)
        return [];
    return pointer
        .slice(1)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function locate(doc, lines, pointer, wantKey) {
    let node = doc.contents;
    let keyNode;
    for (const part of splitPointer(pointer)) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && String(p.key.value) === part);
            if (!pair)
                break;
            keyNode = pair.key;
            node = pair.value;
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            const item = node.items[Number(part)];
            if (item === undefined)
                break;
            keyNode = undefined;
            node = item;
        }
        else
            break;
    }
    const target = (wantKey && keyNode ? keyNode : node);
    const offset = target?.range?.[0];
    if (offset === undefined)
        return undefined;
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
}

;// CONCATENATED MODULE: ./src/model/problems.ts
/** Collects every problem of one file with its position, so all of them are reported at once. */
class Problems {
    doc;
    list = [];
    constructor(doc) {
        this.doc = doc;
    }
    /** `key`: point at the key of the member rather than its value (unknown keys). */
    add(pointer, message, image, opts) {
        const pos = this.doc.locate(pointer, opts);
        this.list.push({ file: this.doc.display, pointer, line: pos?.line, column: pos?.column, image, message });
    }
}

// EXTERNAL MODULE: ./src/model/validate.ts + 2 modules
var validate = __webpack_require__(17533);
;// CONCATENATED MODULE: ./src/model/paths.ts
/**
 * Every path in a catalog is relative to the project root and must stay inside it, also
 * through symlinks: the build must not read what the checkout does not hold, and keys
 * must not depend on where the checkout sits.
 */


/** Root-relative, normalised form of a path given in the catalog ('.' for the root itself). */
function normalizeRel(p) {
    const n = external_node_path_default().posix.normalize(p.replace(/\\/g, '/'));
    // "/" stays absolute: stripping its one slash would turn the host's root into the project's.
    if (n === '/')
        return n;
    return n.replace(/\/+$/, '') || '.';
}
/** Why `rel` is not usable, or undefined when it is a `kind` inside `root` (an absolute, real path). */
async function checkPath(root, rel, kind) {
    if (external_node_path_default().isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel))
        return `path "${rel}" must be relative to the project root, not absolute`;
    const n = normalizeRel(rel);
    if (n === '..' || n.startsWith('../'))
        return `path "${rel}" leaves the project root`;
    const abs = external_node_path_default().join(root, n);
    try {
        await (0,promises_.lstat)(abs);
    }
    catch {
        return `${kind === 'dir' ? 'directory' : kind === 'file' ? 'file' : 'path'} "${rel}" does not exist`;
    }
    let real;
    try {
        real = await (0,promises_.realpath)(abs);
    }
    catch {
        return `path "${rel}" is a dangling symlink`;
    }
    if (real !== root && !real.startsWith(root + (external_node_path_default()).sep))
        return `path "${rel}" leaves the project root through a symlink (to ${external_node_path_default().relative(root, real)})`;
    const st = await (0,promises_.stat)(real);
    if (kind === 'file' && !st.isFile())
        return `"${rel}" is not a file`;
    if (kind === 'dir' && !st.isDirectory())
        return `"${rel}" is not a directory`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/model/shell-words.ts
/**
 * Splits a command-line string into words the way a POSIX shell would quote them (like
 * Python's shlex.split), without expanding anything and without ever running a shell.
 * corpusops writes builder arguments as one string; Kiln passes them as an argument array.
 */
function splitShellWords(s) {
    const words = [];
    let word = '';
    let inWord = false;
    let i = 0;
    while (i < s.length) {
        const c = s[i];
        if (c === "'") {
            const end = s.indexOf("'", i + 1);
            if (end < 0)
                return 'unterminated single quote';
            word += s.slice(i + 1, end);
            inWord = true;
            i = end + 1;
        }
        else if (c === '"') {
            i++;
            for (;;) {
                if (i >= s.length)
                    return 'unterminated double quote';
                const d = s[i];
                if (d === '"')
                    break;
                // Inside double quotes a backslash only escapes these, as in sh.
                if (d === '\\' && i + 1 < s.length && '\\"$`\n'.includes(s[i + 1])) {
                    if (s[i + 1] !== '\n')
                        word += s[i + 1];
                    i += 2;
                }
                else {
                    word += d;
                    i++;
                }
            }
            inWord = true;
            i++;
        }
        else if (c === '\\') {
            if (i + 1 >= s.length)
                return 'trailing backslash';
            if (s[i + 1] !== '\n') {
                word += s[i + 1];
                inWord = true;
            }
            i += 2;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
            i++;
        }
        else {
            word += c;
            inWord = true;
            i++;
        }
    }
    if (inWord)
        words.push(word);
    return words;
}

;// CONCATENATED MODULE: ./src/model/extra-args.ts
/**
 * `extra_args` is a way for a catalog to reach a builder's own command line, so it is parsed
 * here against an allowlist instead of being appended as it is. Kiln runs as root: a catalog
 * word that the tool reads as an option it did not expect could write a host file
 * (`--iidfile`, `--output`, `--metadata-file`), read one (`-f /etc/passwd`, `--secret`,
 * `-var-file`), or reach the host's environment (`--build-arg NAME` without a value copies
 * the host's variable). Only options that change what is built, never where Kiln reads from
 * or writes to, are accepted; every other word is refused when the catalog is loaded.
 *
 * The accepted words are returned in one `--flag=value` form, so a value can never be read as
 * the next option, whatever the tool's option parser does with a separate one.
 */
const ARG = /^[A-Za-z_][A-Za-z0-9_-]*=/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** `docker build` options an image may add. A value-less entry is a switch. */
const DOCKER_BUILD_OPTIONS = {
    '--build-arg': { pattern: ARG, expected: 'NAME=value' },
    '--label': { pattern: /^[^-=][^=]*=/, expected: 'key=value' },
    '--target': { pattern: NAME, expected: 'a stage name' },
    '--network': { pattern: NAME, expected: 'a network name (host, none, default, bridge, ...)' },
    '--platform': {
        pattern: /^[a-z0-9]+(\/[a-z0-9._-]+){0,2}(,[a-z0-9]+(\/[a-z0-9._-]+){0,2})*$/,
        expected: 'os/arch[/variant]'
    },
    '--add-host': { pattern: /^[A-Za-z0-9][A-Za-z0-9.-]*:[A-Za-z0-9.:[\]-]+$/, expected: 'host:address' },
    '--shm-size': { pattern: /^[0-9]+[bkmgBKMG]?$/, expected: 'a size such as 256m' },
    '--no-cache': null,
    '--pull': null,
    '--squash': null,
    '--rm': null,
    '--force-rm': null,
    '--compress': null,
    '--quiet': null
};
/** `packer build` options an image may add: variables only. */
const PACKER_BUILD_OPTIONS = {
    '-var': { pattern: ARG, expected: 'name=value' }
};
/**
 * The words of `extra_args` for `builder` in `--flag=value` form, or why they are refused
 * (the message names the word). `--flag value` and `--flag=value` are both read.
 */
function checkExtraArgs(builder, words) {
    const allowed = builder === 'packer' ? PACKER_BUILD_OPTIONS : DOCKER_BUILD_OPTIONS;
    const names = Object.keys(allowed);
    const out = [];
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        const eq = word.indexOf('=');
        const flag = eq > 0 && word.startsWith('-') ? word.slice(0, eq) : word;
        if (!(flag in allowed)) {
            const what = word.startsWith('-') ? `option "${flag}"` : `argument "${word}"`;
            return {
                error: `${what} is not allowed in extra_args of a ${builder} image; allowed: ${names.join(', ')}`
            };
        }
        const rule = allowed[flag];
        if (!rule) {
            if (eq > 0)
                return { error: `option "${flag}" takes no value (got "${word}")` };
            out.push(flag);
            continue;
        }
        let value;
        if (eq > 0)
            value = word.slice(eq + 1);
        else if (i + 1 < words.length)
            value = words[++i];
        else
            return { error: `option "${flag}" needs a value (${rule.expected})` };
        if (!rule.pattern.test(value))
            return { error: `option "${flag}" needs ${rule.expected}, not ${JSON.stringify(value)}` };
        out.push(`${flag}=${value}`);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/model/verify.ts
function parseVerify(raw) {
    if (raw === undefined || raw === true)
        return { boot: true, install: false, netboot: false };
    if (raw === false)
        return { boot: false, install: false, netboot: false };
    return { boot: raw.boot ?? true, install: raw.install ?? false, netboot: raw.netboot ?? false };
}

;// CONCATENATED MODULE: ./src/model/normalize.ts
/**
 * IMAGES.json v1 entry → ImageSpec, with the defaults applied. Runs on entries the schema
 * accepted, so the raw types are known; adds the problems the schema cannot see (a builder
 * without the file it needs, steps a builder would ignore) and lists the paths to check.
 */





const OVERLAY_STEPS = ['packs', 'run', 'copy'];
function parseBase(base) {
    if (base === undefined || base === 'scratch' || base === 'empty')
        return { kind: 'scratch' };
    if (typeof base === 'string')
        return { kind: 'image', name: base };
    if ('image' in base)
        return { kind: 'docker', ref: String(base.image) };
    if ('tar' in base)
        return { kind: 'tar', path: normalizeRel(String(base.tar)) };
    if ('dir' in base)
        return { kind: 'dir', path: normalizeRel(String(base.dir)) };
    if ('squashfs' in base)
        return { kind: 'squashfs', path: normalizeRel(String(base.squashfs)) };
    return { kind: 'bootstrap', bootstrap: { ...base.bootstrap } };
}
function isSource(b) {
    return b.kind !== 'scratch' && b.kind !== 'image';
}
/** Builder when the entry names none: overlay steps → overlay; file name → dockerfile/packer; a bare source → import. */
function inferBuilder(raw, base) {
    if (OVERLAY_STEPS.some((k) => raw[k] !== undefined))
        return 'overlay';
    if (raw.file) {
        const f = external_node_path_default().posix.basename(raw.file);
        if (/^Dockerfile|\.dockerfile$|^Containerfile/i.test(f))
            return 'dockerfile';
        if (/\.pkr\.(hcl|json)$/i.test(f))
            return 'packer';
        return `cannot tell the builder from file "${raw.file}": set "builder"`;
    }
    if (isSource(base))
        return 'import';
    return 'nothing to build: give "builder" and "file", overlay steps, or a base source';
}
/** `extra_args` split like a shell would and checked against the builder's allowlist. */
function extraArgsOf(given, builder) {
    const words = Array.isArray(given) ? given : splitShellWords(given);
    if (typeof words === 'string')
        return { error: words };
    if (builder !== 'dockerfile' && builder !== 'packer')
        return { error: '"extra_args" is only used by the dockerfile and packer builders' };
    return checkExtraArgs(builder, words);
}
function normalizeV1(raw, index, defaults, line) {
    const at = `/images/${index}`;
    const problems = [];
    const paths = [];
    const base = parseBase(raw.base);
    let builder = 'import';
    let known = true;
    if (raw.builder)
        builder = raw.builder;
    else {
        const b = inferBuilder(raw, base);
        if (['dockerfile', 'packer', 'overlay', 'import'].includes(b))
            builder = b;
        else {
            problems.push([at, b]);
            known = false; // no checks of what a builder needs: it is not known
        }
    }
    const workingDir = normalizeRel(raw.working_dir ?? '.');
    if (raw.working_dir !== undefined)
        paths.push({ pointer: `${at}/working_dir`, rel: raw.working_dir, kind: 'dir' });
    let file = raw.file === undefined ? undefined : normalizeRel(raw.file);
    if (raw.file !== undefined)
        paths.push({ pointer: `${at}/file`, rel: raw.file, kind: 'file' });
    else if (builder === 'dockerfile') {
        // docker's own default: <context>/Dockerfile
        file = normalizeRel(external_node_path_default().posix.join(workingDir, 'Dockerfile'));
        paths.push({ pointer: at, rel: file, kind: 'file' });
    }
    else if (builder === 'packer' || builder === 'aci')
        problems.push([at, `builder "${builder}" needs "file"`]);
    if (known) {
        if (builder !== 'overlay')
            for (const k of OVERLAY_STEPS)
                if (raw[k] !== undefined)
                    problems.push([`${at}/${k}`, `"${k}" is only used by the overlay builder`]);
        if (builder === 'import' && !isSource(base))
            problems.push([
                at,
                'builder "import" needs a base source: {image}, {tar}, {dir}, {squashfs} or {bootstrap}'
            ]);
        if (builder === 'import' && raw.file !== undefined)
            problems.push([`${at}/file`, 'builder "import" reads no file']);
        if (raw.vars !== undefined && builder !== 'packer')
            problems.push([
                `${at}/vars`,
                '"vars" is only used by the packer builder (use "args" for build arguments)'
            ]);
        if (raw.target !== undefined && builder !== 'dockerfile')
            problems.push([`${at}/target`, '"target" is only used by the dockerfile builder']);
    }
    const boot = base.kind === 'bootstrap' ? base.bootstrap : undefined;
    if (boot?.snapshot && boot.mirror && /^deb(-src)? /.test(boot.mirror))
        problems.push([
            `${at}/base/bootstrap/mirror`,
            'with "snapshot", "mirror" is the snapshot archive\'s root URL, not an apt source line'
        ]);
    if (base.kind === 'tar' || base.kind === 'squashfs' || base.kind === 'dir') {
        // Checked as written, so that the message quotes the user's own text.
        const written = String(raw.base[base.kind]);
        paths.push({
            pointer: `${at}/base/${base.kind}`,
            rel: written,
            kind: base.kind === 'dir' ? 'dir' : 'file'
        });
    }
    raw.packs?.forEach((p, i) => paths.push({ pointer: `${at}/packs/${i}`, rel: p, kind: 'any' }));
    raw.copy?.forEach((c, i) => paths.push({ pointer: `${at}/copy/${i}/src`, rel: c.src, kind: 'any' }));
    let overlay;
    const hasOverlay = [...OVERLAY_STEPS, 'env', 'entrypoint', 'cmd', 'mounts', 'policy_rc_d'].some((k) => raw[k] !== undefined);
    const mounts = raw.mounts ?? defaults.mounts;
    const policyRcD = raw.policy_rc_d ?? defaults.policy_rc_d;
    if (hasOverlay || builder === 'overlay') {
        overlay = {};
        if (raw.packs)
            overlay.packs = raw.packs.map(normalizeRel);
        if (raw.run)
            overlay.run = raw.run;
        if (raw.copy)
            overlay.copy = raw.copy.map((c) => ({ src: normalizeRel(c.src), dest: c.dest }));
        if (raw.env)
            overlay.env = raw.env;
        if (raw.entrypoint)
            overlay.entrypoint = raw.entrypoint;
        if (raw.cmd)
            overlay.cmd = raw.cmd;
        if (mounts)
            overlay.mounts = mounts;
        if (policyRcD !== undefined)
            overlay.policyRcD = policyRcD;
    }
    // An entry whose builder is not known already has its problem: no second one about extra_args.
    const extraArgs = raw.extra_args === undefined || !known ? [] : extraArgsOf(raw.extra_args, builder);
    if (!Array.isArray(extraArgs))
        problems.push([`${at}/extra_args`, extraArgs.error]);
    const spec = {
        name: raw.name,
        index,
        pointer: at,
        builder,
        base,
        dependsOn: raw.depends_on ?? [],
        arch: raw.arch ?? defaults.arch ?? 'x86_64',
        workingDir,
        args: { ...(raw.args ?? {}), ...(raw.vars ?? {}) },
        extraArgs: Array.isArray(extraArgs) ? extraArgs : [],
        labels: { ...(defaults.labels ?? {}), ...(raw.labels ?? {}) },
        exports: raw.exports ?? defaults.exports ?? [],
        verify: parseVerify(raw.verify ?? defaults.verify).boot
    };
    const gates = parseVerify(raw.verify ?? defaults.verify);
    if (gates.install || gates.netboot)
        spec.gates = { install: gates.install, netboot: gates.netboot };
    const distro = raw.distro ?? defaults.distro;
    const plan = raw.plan ?? defaults.plan;
    if (distro !== undefined)
        spec.distro = distro;
    if (plan !== undefined)
        spec.plan = plan;
    if (file !== undefined)
        spec.file = file;
    if (raw.tag !== undefined)
        spec.tag = raw.tag;
    if (raw.version !== undefined)
        spec.version = raw.version;
    if (raw.target !== undefined)
        spec.target = raw.target;
    const network = raw.network ?? defaults.network ?? (builder === 'dockerfile' ? 'host' : undefined);
    if (network !== undefined)
        spec.network = network;
    if (overlay)
        spec.overlay = overlay;
    if (raw.kernel !== undefined)
        spec.kernel = raw.kernel;
    if (line !== undefined)
        spec.line = line;
    return { spec, paths, problems };
}

// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
;// CONCATENATED MODULE: ./src/model/corpusops.ts
/**
 * The corpusops build-chain IMAGES.json (`{"images": [...]}` with `builder_type` entries)
 * loads as it is, with the defaulting rules of corpusops' docker_build_chain.py:
 *
 * - `builder_type`: `packer` (default), `dockerfile`, or its alias `docker`; a `dockerfile`
 *   or `docker_file` key forces dockerfile (and names the file when `file` is absent).
 * - `name` defaults to the project directory's name without a `setups.` prefix.
 * - dockerfile entries need `tag`, read as `[host[:port]/][repo/]image[:version]`: the image
 *   part becomes `name` and the tag part `version`, over what the entry says.
 * - `version` otherwise is the file name minus its last extension (a bare `Dockerfile` has none).
 * - `file` defaults to `{name}-{version}.json`, or `{name}.json` without a `version` (packer,
 *   looked up in `<IMAGES dir>/packer/`), or `Dockerfile.{name}-{version}`, or `Dockerfile`
 *   (dockerfile, looked up in the working dir). Only an explicit `version` counts here, as in
 *   corpusops. `{...}` placeholders in a dockerfile's `file` are expanded.
 * - `working_dir` defaults to the parent of the IMAGES.json directory. It is resolved against
 *   the IMAGES.json directory, as corpusops documents (its code used the current directory,
 *   which made the result depend on where it was started).
 * - `extra_args` has `{tag}`, `{name}`, `{version}`, `{file}`, `{working_dir}`, `{builder_type}`
 *   and `{img_parts[...]}` (registry, registry_host, registry_port, repo, image, tag) expanded as Python's
 *   str.format would, then is split into words like a shell would, without running one.
 *
 * The project root of a corpusops file is the parent of its directory (it lives in
 * `.docker/` or `docker/`), since its working dir defaults there.
 *
 * Kiln's image name for an entry (its store tag and out/ directory) is derived from the tag:
 * `[repo/]image[:version]`, lowercased, with every run of characters a docker tag cannot hold
 * (`/`, `:`, ...) replaced by `-`: `corpusops/docker-matrix:v0.25.1` → `corpusops-docker-matrix-v0.25.1`.
 * Packer entries (no tag) use their file name without its extension, as corpusops keys them
 * by file: `myapp-1.0.json` → `myapp-1.0`. The docker tag itself is kept in `tag`.
 */





const CORPUSOPS_KEYS = [
    'builder_type',
    'file',
    'working_dir',
    'extra_args',
    'tag',
    'name',
    'version',
    'dockerfile',
    'docker_file'
];
/** True when the document is a corpusops list rather than Kiln's v1 (which has `version: 1`). */
function isCorpusopsDoc(doc) {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc))
        return false;
    const d = doc;
    if (d.version !== undefined || !Array.isArray(d.images))
        return false;
    return d.images.some((i) => i !== null && typeof i === 'object' && ('builder_type' in i || 'dockerfile' in i || 'docker_file' in i));
}
/** `[host[:port]/][repo/]image[:tag]`; the first component is a host when it has a `.` or `:` or is localhost. */
function parseTag(tag) {
    const parts = tag.split('/');
    if (parts.some((p) => p === ''))
        return undefined;
    let host;
    if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]))
        host = parts.shift();
    const last = parts.pop();
    const m = /^([^:@]+)(?::([\w][\w.-]{0,127}))?$/.exec(last);
    if (!m)
        return undefined;
    const out = { image: m[1] };
    if (host)
        out.host = host;
    if (parts.length)
        out.repo = parts.join('/');
    if (m[2])
        out.tag = m[2];
    return out;
}
/** The parts under corpusops' names (its tag regex's groups), for `{img_parts[...]}`. */
function imgParts(p) {
    const [host, port] = (p?.host ?? '').split(':');
    return {
        registry: p?.host ?? null,
        registry_host: host || null,
        registry_port: port || null,
        repo: p?.repo ?? null,
        image: p?.image ?? null,
        tag: p?.tag ?? null
    };
}
function sanitizeName(s) {
    return s
        .toLowerCase()
        .replace(/[^a-z0-9_.-]+/g, '-')
        .replace(/^[^a-z0-9]+/, '')
        .slice(0, 128);
}
/** Python's str.format over a dict: `{key}`, `{key[sub]}`, `{{`, `}}`. Returns an error message for unknown keys. */
function pyFormat(template, values) {
    let error;
    const out = template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field) => {
        if (m === '{{')
            return '{';
        if (m === '}}')
            return '}';
        const f = /^(\w+)(?:\[(\w+)\])?$/.exec(field ?? '');
        let v = f ? values[f[1]] : undefined;
        if (f?.[2] !== undefined)
            v = v && typeof v === 'object' ? v[f[2]] : undefined;
        if (v === null) {
            error ??= `placeholder "${m}" has no value here`;
            return m;
        }
        if (v === undefined) {
            error ??= `unknown placeholder "${m}"${(0,suggest/* didYouMean */.au)(field ?? '', Object.keys(values))}`;
            return m;
        }
        return String(v);
    });
    return error === undefined ? out : { error };
}
/** corpusops' own id of an entry (its images dict key): identical ids collapse into one image there. */
function corpusopsId(builderType, tag, file) {
    return builderType === 'dockerfile' ? `dockerfile__${tag}` : `packer__${file}`;
}
/** The spec without its place in the file: what two entries must share to be the same image. */
function sameImage(a, b) {
    const strip = ({ index: _i, pointer: _p, line: _l, ...rest }) => JSON.stringify(rest);
    return strip(a) === strip(b);
}
/** Normalises every entry; `imagesDir` and `root` are absolute. */
async function normalizeCorpusops(entries, imagesDir, root, lines) {
    const specs = [];
    const problems = [];
    const warnings = [];
    const byId = new Map();
    const where = (s) => `${s.pointer}${s.line !== undefined ? ` (line ${s.line})` : ''}`;
    const rel = (abs) => normalizeRel(external_node_path_default().relative(root, abs) || '.');
    for (const [index, value] of entries.entries()) {
        const at = `/images/${index}`;
        const before = problems.length;
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
            problems.push([at, 'must be an object']);
            continue;
        }
        const e = value;
        for (const k of Object.keys(e))
            if (!CORPUSOPS_KEYS.includes(k))
                problems.push([`${at}/${k}`, `unknown key "${k}"${(0,suggest/* didYouMean */.au)(k, CORPUSOPS_KEYS)}`]);
        for (const k of CORPUSOPS_KEYS)
            if (e[k] !== undefined && typeof e[k] !== 'string')
                problems.push([`${at}/${k}`, 'must be a string']);
        if (problems.length > before)
            continue;
        const str = (k) => e[k] || undefined;
        let builderType = str('builder_type') ?? 'packer';
        if (builderType === 'docker')
            builderType = 'dockerfile';
        if (str('dockerfile') || str('docker_file'))
            builderType = 'dockerfile';
        if (builderType !== 'packer' && builderType !== 'dockerfile') {
            problems.push([
                `${at}/builder_type`,
                `unknown builder_type "${builderType}"; expected packer, dockerfile or docker${(0,suggest/* didYouMean */.au)(builderType, ['packer', 'dockerfile', 'docker'])}`
            ]);
            continue;
        }
        const tag = str('tag');
        let parts;
        if (tag) {
            parts = parseTag(tag);
            if (!parts) {
                problems.push([`${at}/tag`, `tag "${tag}" is not [host[:port]/][repo/]image[:tag]`]);
                continue;
            }
        }
        else if (builderType === 'dockerfile') {
            problems.push([at, 'builder_type dockerfile needs "tag"']);
            continue;
        }
        let name = str('name') ?? external_node_path_default().basename(root).replace(/^setups\./, '');
        let version = str('version');
        // The default file uses the version given, not the tag's (corpusops picks it first).
        let fileName = str('file') ??
            str('dockerfile') ??
            str('docker_file') ??
            (builderType === 'packer'
                ? version
                    ? `${name}-${version}.json`
                    : `${name}.json`
                : version
                    ? `Dockerfile.${name}-${version}`
                    : 'Dockerfile');
        // A dockerfile's tag names the image: its parts win over `name` and `version`.
        if (parts) {
            name = parts.image;
            if (parts.tag)
                version = parts.tag;
        }
        const workingDir = external_node_path_default().resolve(imagesDir, str('working_dir') ?? '..');
        const fileDir = builderType === 'packer' ? external_node_path_default().join(imagesDir, 'packer') : workingDir;
        const img = {
            ...e,
            builder_type: builderType,
            name,
            img_parts: imgParts(parts),
            working_dir: normalizeRel(external_node_path_default().relative(root, workingDir) || '.')
        };
        if (version)
            img.version = version;
        if (fileName.includes('{') && fileName.includes('}')) {
            const f = pyFormat(fileName, { ...img, 0: name, 1: version ?? null });
            if (typeof f !== 'string') {
                problems.push([`${at}/file`, f.error]);
                continue;
            }
            fileName = f;
        }
        if (!version) {
            const base = external_node_path_default().basename(fileName);
            const dot = base.lastIndexOf('.');
            if (dot <= 0) {
                problems.push([
                    at,
                    `no version: give "version", a tag with ":version", or a file name with an extension (not "${base}")`
                ]);
                continue;
            }
            version = base.slice(0, dot);
        }
        img.version = version;
        img.file = fileName;
        const kilnName = tag
            ? sanitizeName(`${parts?.repo ? parts.repo + '/' : ''}${parts?.image}${version ? ':' + version : ''}`)
            : sanitizeName(external_node_path_default().basename(fileName).replace(/\.[^.]*$/, ''));
        if (!kilnName) {
            problems.push([at, `cannot derive an image name from "${tag ?? name}"`]);
            continue;
        }
        let extraArgs = [];
        const rawExtra = str('extra_args');
        if (rawExtra) {
            // corpusops formats only strings holding both braces, so a lone brace stays as is.
            const f = rawExtra.includes('{') && rawExtra.includes('}') ? pyFormat(rawExtra, img) : rawExtra;
            const words = typeof f === 'string' ? splitShellWords(f) : f.error;
            const checked = typeof words === 'string' ? { error: words } : checkExtraArgs(builderType, words);
            if (!Array.isArray(checked)) {
                problems.push([`${at}/extra_args`, checked.error, kilnName]);
                continue;
            }
            extraArgs = checked;
        }
        const fileAbs = external_node_path_default().resolve(fileDir, fileName);
        const spec = {
            name: kilnName,
            index,
            pointer: at,
            builder: builderType,
            base: { kind: 'scratch' },
            dependsOn: [],
            arch: 'x86_64',
            file: rel(fileAbs),
            workingDir: rel(workingDir),
            args: {},
            extraArgs,
            labels: {},
            exports: [],
            verify: true,
            version
        };
        if (tag)
            spec.tag = tag;
        if (lines[index] !== undefined)
            spec.line = lines[index];
        const namePointer = tag ? `${at}/tag` : str('file') ? `${at}/file` : at;
        const id = corpusopsId(builderType, tag, fileName);
        const first = byId.get(id);
        if (first && sameImage(first, spec)) {
            warnings.push([
                namePointer,
                `repeats ${where(first)} (corpusops' ${id}) exactly: dropped, as corpusops drops it`
            ]);
            continue;
        }
        if (first) {
            problems.push([
                namePointer,
                `${where(first)} is corpusops' ${id} too, with other settings: corpusops would keep only one; remove one or give it another ${tag ? 'tag' : 'file'}`
            ]);
            continue;
        }
        byId.set(id, spec);
        specs.push({
            namePointer,
            spec,
            paths: [
                {
                    pointer: str('working_dir') ? `${at}/working_dir` : at,
                    rel: external_node_path_default().relative(root, workingDir) || '.',
                    kind: 'dir'
                },
                { pointer: str('file') ? `${at}/file` : at, rel: external_node_path_default().relative(root, fileAbs), kind: 'file' }
            ]
        });
    }
    return { specs, problems, warnings };
}

// EXTERNAL MODULE: ./src/model/cycles.ts
var model_cycles = __webpack_require__(87102);
// EXTERNAL MODULE: ./src/model/display.ts
var model_display = __webpack_require__(53959);
// EXTERNAL MODULE: ./src/model/arch.ts
var arch = __webpack_require__(13705);
;// CONCATENATED MODULE: ./src/model/genoci.ts
/**
 * genoci's YAML (a map of tag → keys) loaded as a chain of overlay images.
 *
 *   base        `empty` (scratch), another tag of the file, or an image already in the store
 *               (a tag another file built; the plan checks it is there and keys it by digest)
 *   expand      tarballs laid over the root (a space-separated string or a list)
 *   run         a script (run with /bin/sh -ec), a list of scripts, or the path of a host
 *               script file, whose text is then run (with its own #! line if it has one)
 *   copy        "src dest" (dest inside the image), or a list of them
 *   install     .deb / .rpm files (dpkg -i / rpm -Uvh inside)
 *   pre, post   host commands, %ROOT% replaced by the mounted root; post also after a failure
 *   entrypoint  a command line, split like a shell would; it sets the image's **Cmd**
 *               (genoci passed it to `umoci config --config.cmd`), not its Entrypoint
 *   annotations a list; `- env: K=V` items set environment variables, others become
 *               manifest annotations
 *
 * Stages run in genoci's fixed order: pre, copy, install, expand, run, then the config
 * (entrypoint, annotations), then post. Paths are relative to the YAML file's directory, or
 * absolute host paths (genoci's own recipes use them: the user's own files, keyed by content).
 * Where genoci looped forever on a dependency cycle, this reports every problem before
 * anything runs, each with its line and column.
 */









const KEYS = ['base', 'expand', 'run', 'copy', 'install', 'pre', 'post', 'entrypoint', 'annotations'];
const genoci_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
async function loadGenoci(file) {
    const abs = (0,external_node_path_.resolve)(file);
    // The same real root as Kiln's other catalogs, so keys do not depend on a symlinked checkout path.
    const root = await (0,promises_.realpath)((0,external_node_path_.dirname)(abs)).catch(() => (0,external_node_path_.dirname)(abs));
    const display = (0,model_display/* displayPath */.G)(abs);
    const text = await (0,promises_.readFile)(abs, 'utf8').catch((e) => {
        throw new errors/* InvalidInputError */.oC([
            { file: display, pointer: '', message: `cannot read: ${e.code ?? e.message}` }
        ]);
    });
    const parsed = parseSource(display, text, false);
    if (Array.isArray(parsed))
        throw new errors/* InvalidInputError */.oC(parsed);
    const doc = parsed.value;
    const problems = new Problems(parsed);
    if (!isMap(doc)) {
        problems.add('', 'a genoci file is a map of tag → build steps');
        throw new errors/* InvalidInputError */.oC(problems.list);
    }
    const problem = (image, key, message, opts) => problems.add(`/${esc(image)}${key ? `/${key}` : ''}`, message, image, opts);
    const lineOf = (pointer) => {
        const at = parsed.locate(pointer, { key: true });
        return at ? { line: at.line } : {};
    };
    const baseAt = (pointer) => {
        const at = parsed.locate(`${pointer}/base`);
        return at ? { baseLine: at.line, baseColumn: at.column } : {};
    };
    const tags = Object.keys(doc);
    const images = [];
    for (const [index, tag] of tags.entries()) {
        const raw = doc[tag];
        if (!genoci_NAME.test(tag))
            problem(tag, null, 'a tag must start with a letter or digit and hold only letters, digits, "_", "." and "-"');
        if (!isMap(raw)) {
            problem(tag, null, 'expected a map of build steps (base, expand, run, copy, install, pre, post, entrypoint, annotations)');
            continue;
        }
        for (const k of Object.keys(raw))
            if (!KEYS.includes(k))
                problem(tag, k, `unknown key; expected one of ${KEYS.join(', ')}`, { key: true });
        const base = raw.base;
        if (typeof base !== 'string' || !base)
            problem(tag, 'base', 'base is required: "empty", another tag of this file or an image of the store');
        else if (base !== 'empty' && !tags.includes(base) && !genoci_NAME.test(base))
            problem(tag, 'base', `base "${base}" is neither "empty", a tag of this file nor an image name`);
        const o = {};
        const words = (k) => {
            const v = raw[k];
            if (v === undefined || v === null)
                return undefined;
            if (typeof v === 'string')
                return v.split(/\s+/).filter(Boolean);
            if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
                return v;
            problem(tag, k, 'expected a string or a list of strings');
            return undefined;
        };
        const list = (k) => {
            const v = raw[k];
            if (v === undefined || v === null)
                return undefined;
            if (typeof v === 'string')
                return [v];
            if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
                return v;
            problem(tag, k, 'expected a string or a list of strings');
            return undefined;
        };
        /** Relative paths stay inside the file's directory; absolute ones are the user's host files. */
        const files = async (k, paths) => {
            if (!paths)
                return undefined;
            for (const p of paths) {
                const full = (0,external_node_path_.resolve)(root, p);
                if (!(0,external_node_path_.isAbsolute)(p) && full !== root && !full.startsWith(`${root}/`))
                    problem(tag, k, `${p}: a relative path must stay inside ${root} (an absolute host path may leave it)`);
                else if (!(await (0,promises_.stat)(full).catch(() => null)))
                    problem(tag, k, `${p}: no such file or directory${(0,external_node_path_.isAbsolute)(p) ? '' : ` (relative to ${root})`}`);
            }
            return paths;
        };
        o.expand = await files('expand', words('expand'));
        o.install = await files('install', words('install'));
        o.pre = list('pre');
        o.post = list('post');
        const copies = list('copy');
        if (copies) {
            o.copy = [];
            for (const c of copies) {
                const parts = c.trim().split(/\s+/);
                if (parts.length !== 2) {
                    problem(tag, 'copy', `"${c}": expected "source destination"`);
                    continue;
                }
                await files('copy', [parts[0]]);
                o.copy.push({ src: parts[0], dest: parts[1] });
            }
        }
        const runs = list('run');
        if (runs) {
            o.run = [];
            for (const r of runs) {
                // A single line naming a host file: genoci copied that script in and ran it.
                const line = r.trim();
                const hostScript = !line.includes('\n') && !(0,external_node_path_.isAbsolute)(line) && line ? (0,external_node_path_.resolve)(root, line) : null;
                const st = hostScript && hostScript.startsWith(`${root}/`) ? await (0,promises_.stat)(hostScript).catch(() => null) : null;
                o.run.push(st?.isFile() && hostScript ? await (0,promises_.readFile)(hostScript, 'utf8') : r);
            }
        }
        const ep = raw.entrypoint;
        if (typeof ep === 'string') {
            const w = splitShellWords(ep);
            if (typeof w === 'string')
                problem(tag, 'entrypoint', `cannot split "${ep}": ${w}`);
            else
                o.cmd = w;
        }
        else if (Array.isArray(ep) && ep.every((x) => typeof x === 'string'))
            o.cmd = ep;
        else if (ep !== undefined && ep !== null)
            problem(tag, 'entrypoint', 'expected a command line or a list of words');
        const ann = raw.annotations;
        if (ann !== undefined && ann !== null) {
            if (!Array.isArray(ann))
                problem(tag, 'annotations', 'expected a list such as "- env: K=V"');
            else
                for (const [i, a] of ann.entries()) {
                    if (!isMap(a)) {
                        problem(tag, `annotations/${i}`, 'expected a map such as "env: K=V"');
                        continue;
                    }
                    for (const [k, v] of Object.entries(a)) {
                        if (k === 'env') {
                            const s = String(v);
                            const eq = s.indexOf('=');
                            if (eq <= 0)
                                problem(tag, `annotations/${i}/env`, `"${s}": expected K=V`);
                            else
                                (o.env ??= {})[s.slice(0, eq)] = s.slice(eq + 1);
                        }
                        else
                            (o.annotations ??= {})[k] = String(v);
                    }
                }
        }
        if (!o.expand &&
            !o.run &&
            !o.copy &&
            !o.install &&
            !o.pre &&
            !o.post &&
            !o.cmd &&
            !o.env &&
            !o.annotations)
            problem(tag, null, 'nothing to do: give at least one of expand, run, copy, install, pre, post, entrypoint, annotations');
        images.push({
            name: tag,
            index,
            pointer: `/${esc(tag)}`,
            builder: 'overlay',
            base: base === 'empty' || typeof base !== 'string'
                ? { kind: 'scratch' }
                : tags.includes(base)
                    ? { kind: 'image', name: base }
                    : { kind: 'stored', name: base },
            dependsOn: [],
            arch: (0,arch/* hostArch */.LY)(),
            workingDir: '.',
            args: {},
            extraArgs: [],
            labels: {},
            overlay: stripUndefined(o),
            exports: ['rootfs'],
            verify: false,
            ...lineOf(`/${esc(tag)}`),
            ...(typeof base === 'string' && base !== 'empty' && !tags.includes(base) ? baseAt(`/${esc(tag)}`) : {})
        });
    }
    const baseOf = (n) => {
        const img = images.find((i) => i.name === n);
        return img?.base.kind === 'image' ? [img.base.name] : [];
    };
    for (const c of (0,model_cycles/* findCycles */.p)(images.map((i) => i.name), baseOf))
        problem(c[0], 'base', (0,model_cycles/* formatCycle */._)(c));
    if (problems.list.length)
        throw new errors/* InvalidInputError */.oC(problems.list);
    return { file: abs, format: 'genoci', root, images };
}
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function esc(s) {
    return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
function stripUndefined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// EXTERNAL MODULE: ./src/model/aci.ts + 2 modules
var aci = __webpack_require__(71604);
// EXTERNAL MODULE: ./src/model/defaults.ts
var defaults = __webpack_require__(9555);
;// CONCATENATED MODULE: ./src/model/load.ts
/**
 * loadCatalog: reads IMAGES.json (v1 or corpusops, JSON or YAML; genoci YAML goes to its
 * own loader), validates it, and returns
 * the normalised Catalog, or throws InvalidInputError listing every problem found, each with
 * its file, JSON pointer, line and column. Nothing runs before the whole file is known good.
 */
















// In a module of its own so the CLI's help text does not load the catalog parser.

/** The first default catalog file that exists in `dir`, else `IMAGES.json` (whose absence loadCatalog reports). */
async function findCatalog(dir = process.cwd()) {
    for (const name of defaults/* DEFAULT_CATALOG_FILES */.Y) {
        const f = external_node_path_default().join(dir, name);
        if (await (0,promises_.access)(f).then(() => true, () => false))
            return f;
    }
    return external_node_path_default().join(dir, defaults/* DEFAULT_CATALOG_FILES */.Y[0]);
}
async function loadCatalog(file, opts = {}) {
    const abs = external_node_path_default().resolve(file);
    const display = (0,model_display/* displayPath */.G)(abs);
    let text;
    try {
        text = await (0,promises_.readFile)(abs, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new errors/* InvalidInputError */.oC([
            {
                file: display,
                pointer: '',
                message: code === 'ENOENT' ? 'file does not exist' : `cannot read: ${String(e)}`
            }
        ]);
    }
    const parsed = parseSource(display, text, isJsonText(abs, text));
    if (Array.isArray(parsed))
        throw new errors/* InvalidInputError */.oC(parsed);
    // genoci's YAML (a map of tag → steps, with no `images` list) has its own loader.
    if (isGenociDoc(parsed.value))
        return { format: 'genoci', ...(await loadGenoci(abs)) };
    // Paths are compared with the real root, so derive everything from the file's real path.
    const realFile = await (0,promises_.realpath)(abs);
    const corpusops = isCorpusopsDoc(parsed.value);
    const rootGiven = opts.root ?? (corpusops ? external_node_path_default().dirname(external_node_path_default().dirname(realFile)) : external_node_path_default().dirname(realFile));
    let root;
    try {
        root = await (0,promises_.realpath)(external_node_path_default().resolve(rootGiven));
    }
    catch {
        throw new errors/* InvalidInputError */.oC([
            { file: display, pointer: '', message: `project root "${rootGiven}" does not exist` }
        ]);
    }
    const problems = new Problems(parsed);
    const warnings = new Problems(parsed);
    const entries = [];
    if (corpusops) {
        const images = parsed.value.images;
        const lines = images.map((_, i) => parsed.locate(`/images/${i}`)?.line);
        const r = await normalizeCorpusops(images, external_node_path_default().dirname(realFile), root, lines);
        for (const [pointer, message, image] of r.problems)
            problems.add(pointer, message, image, keyPointer(message));
        for (const [pointer, message] of r.warnings)
            warnings.add(pointer, message);
        entries.push(...r.specs);
    }
    else {
        entries.push(...normalizeV1Doc(parsed, problems).map((e) => ({ ...e, namePointer: `${e.spec.pointer}/name` })));
    }
    checkNames(entries, problems);
    await checkPaths(root, entries, problems);
    // A manifest whose path is bad was reported above; the others are read and checked.
    const badPointers = new Set(problems.list.map((p) => p.pointer));
    const aci = entries.filter((e) => e.spec.builder === 'aci' && !badPointers.has(`${e.spec.pointer}/file`));
    for (const { spec } of aci)
        problems.list.push(...(await checkAciManifest(root, spec, problems)));
    if (problems.list.length)
        throw new errors/* InvalidInputError */.oC(sortProblems(problems.list));
    return {
        file: abs,
        format: corpusops ? 'corpusops' : 'kiln-v1',
        root,
        images: entries.map((e) => e.spec),
        ...(warnings.list.length ? { warnings: warnings.list } : {})
    };
}
function isGenociDoc(doc) {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc))
        return false;
    const entries = Object.entries(doc);
    return (entries.length > 0 &&
        !('images' in doc) &&
        !('version' in doc) &&
        entries.every(([, v]) => v === null || (typeof v === 'object' && !Array.isArray(v))));
}
function keyPointer(message) {
    return message.startsWith('unknown key') ? { key: true } : undefined;
}
function normalizeV1Doc(doc, problems) {
    const bad = (0,validate/* checkV1Schema */.F_)(doc.value, problems);
    const value = doc.value;
    if (!Array.isArray(value?.images))
        return [];
    const defaults = [...bad].some((p) => p.startsWith('/defaults')) ? {} : (value.defaults ?? {});
    const out = [];
    value.images.forEach((raw, i) => {
        const at = `/images/${i}`;
        if ([...bad].some((p) => p === at || p.startsWith(`${at}/`)))
            return;
        const r = normalizeV1(raw, i, defaults, doc.locate(at)?.line);
        for (const [pointer, message] of r.problems)
            problems.add(pointer, message, r.spec.name);
        out.push({ spec: r.spec, paths: r.paths });
    });
    return out;
}
/** Unique names; base and depends_on name images that exist; no cycle through them. */
function checkNames(entries, problems) {
    const specs = entries.map((e) => e.spec);
    const byName = new Map();
    for (const { spec: s, namePointer } of entries) {
        const first = byName.get(s.name);
        if (first) {
            const where = problems.doc.locate(first.pointer);
            problems.add(namePointer, `duplicate image name "${s.name}" (first at ${first.pointer}${where ? `, line ${where.line}` : ''})`, s.name);
        }
        else
            byName.set(s.name, s);
    }
    const names = [...byName.keys()];
    for (const s of specs) {
        if (s.base.kind === 'image' && !byName.has(s.base.name))
            problems.add(`${s.pointer}/base`, `base "${s.base.name}" names no image of the catalog${(0,suggest/* didYouMean */.au)(s.base.name, names)}`, s.name);
        s.dependsOn.forEach((d, i) => {
            if (!byName.has(d))
                problems.add(`${s.pointer}/depends_on/${i}`, `depends_on "${d}" names no image of the catalog${(0,suggest/* didYouMean */.au)(d, names)}`, s.name);
        });
    }
    const cycles = (0,model_cycles/* findCycles */.p)(names, (n) => explicitDeps(byName.get(n)));
    for (const c of cycles) {
        const s = byName.get(c[0]);
        problems.add(s.pointer, (0,model_cycles/* formatCycle */._)(c), s.name);
    }
}
function explicitDeps(s) {
    return [...(s.base.kind === 'image' ? [s.base.name] : []), ...s.dependsOn];
}
async function checkPaths(root, entries, problems) {
    const checks = entries.flatMap((e) => e.paths.map((p) => ({ ...p, image: e.spec.name })));
    const results = await Promise.all(checks.map((c) => checkPath(root, c.rel, c.kind)));
    results.forEach((message, i) => {
        if (message)
            problems.add(checks[i].pointer, message, checks[i].image);
    });
}
/**
 * An ACI node's manifest, checked now rather than when its build starts: the steps (either
 * aci-packer format) and the appc manifest, each problem at its line and column in the
 * manifest; an unknown `.aci` compression at the node's args.
 */
async function checkAciManifest(root, spec, catalog) {
    const compression = spec.args.compression;
    if (compression !== undefined && !aci/* ACI_COMPRESSIONS */.W$.includes(compression))
        catalog.add(`${spec.pointer}/args/compression`, `unknown compression "${compression}"; expected one of ${aci/* ACI_COMPRESSIONS */.W$.join(', ')}${(0,suggest/* didYouMean */.au)(compression, aci/* ACI_COMPRESSIONS */.W$)}`, spec.name);
    if (!spec.file)
        return [];
    const abs = external_node_path_default().join(root, spec.file);
    const display = (0,model_display/* displayPath */.G)(abs);
    let text;
    try {
        text = await (0,promises_.readFile)(abs, 'utf8');
    }
    catch (e) {
        return [{ file: display, pointer: '', image: spec.name, message: `cannot read: ${String(e)}` }];
    }
    const parsed = parseSource(display, text, true);
    if (Array.isArray(parsed))
        return parsed.map((p) => ({ ...p, image: spec.name }));
    const problems = new Problems(parsed);
    for (const p of (0,aci/* checkAciDocument */.L2)(parsed.value, spec))
        problems.add(p.pointer, p.message, spec.name, { key: p.key ?? false });
    return problems.list;
}
/** By file (the catalog first, then the manifests it names, as met), then by position. */
function sortProblems(list) {
    const files = [...new Set(list.map((p) => p.file))];
    return list
        .map((p, i) => ({ p, i }))
        .sort((a, b) => files.indexOf(a.p.file) - files.indexOf(b.p.file) ||
        (a.p.line ?? 0) - (b.p.line ?? 0) ||
        (a.p.column ?? 0) - (b.p.column ?? 0) ||
        a.i - b.i)
        .map(({ p }) => p);
}


/***/ }),

/***/ 2691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   au: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony exports levenshtein, closest */
/** "did you mean" hints for misspelt keys and names. */
function levenshtein(a, b) {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}
/** The closest candidate when it is close enough to be a likely typo (a third of the word, at least 2 edits). */
function closest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    const limit = Math.max(2, Math.floor(word.length / 3));
    for (const c of candidates) {
        const d = levenshtein(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return bestDistance <= limit ? best : undefined;
}
/** `; did you mean "x"?` or nothing. */
function didYouMean(word, candidates) {
    const c = closest(word, candidates);
    return c === undefined ? '' : `; did you mean "${c}"?`;
}


/***/ }),

/***/ 17533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F_: () => (/* binding */ checkV1Schema),
  q0: () => (/* binding */ describe)
});

// UNUSED EXPORTS: imageNameAt

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(42463);
;// CONCATENATED MODULE: ./schema/images-v1.schema.json
const images_v1_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://kiln.invalid/schema/images-v1.schema.json","title":"Kiln IMAGES.json, version 1","description":"A chain of operating-system images: each image names how it is built (builder) and what it starts from (base). Relative paths resolve against the directory of this file and may not leave it.","type":"object","required":["version","images"],"additionalProperties":false,"properties":{"$schema":{"type":"string","description":"The JSON Schema editors use to complete and check this file."},"version":{"const":1,"description":"Format version of this file: 1."},"defaults":{"type":"object","description":"Values every image gets unless it sets its own.","additionalProperties":false,"properties":{"arch":{"$ref":"#/definitions/arch"},"distro":{"$ref":"#/definitions/distro"},"plan":{"$ref":"#/definitions/plan"},"exports":{"$ref":"#/definitions/exports"},"verify":{"$ref":"#/definitions/verify"},"network":{"$ref":"#/definitions/network"},"labels":{"$ref":"#/definitions/labelMap"},"mounts":{"$ref":"#/definitions/mounts"},"policy_rc_d":{"$ref":"#/definitions/policy_rc_d"}}},"images":{"type":"array","description":"The images, in any order: dependencies decide the build order, list order breaks ties.","items":{"$ref":"#/definitions/image"}}},"definitions":{"name":{"type":"string","description":"Unique image name, also its docker tag and file name: lowercase letters, digits, \'_\', \'.\', \'-\'; starts with a letter or digit; at most 128 characters.","pattern":"^[a-z0-9][a-z0-9_.-]{0,127}$"},"arch":{"type":"string","minLength":1,"description":"Architecture (matrix axis), e.g. x86_64 or aarch64. Default x86_64."},"distro":{"type":"string","minLength":1,"description":"Distribution (matrix axis), e.g. debian_12."},"plan":{"type":"string","minLength":1,"description":"Hardware plan (matrix axis), e.g. c3.small.x86."},"exports":{"type":"array","description":"Archives to write for this image. Default: none (or the defaults\' list).","uniqueItems":true,"items":{"enum":["rootfs","kernel","initrd","modules","netboot","squashfs","oci","aci","raw","qcow2"]}},"verify":{"description":"Gates before the image is released: true/false turns the boot gate on (default) or off; an object names each gate.","oneOf":[{"type":"boolean"},{"type":"object","additionalProperties":false,"properties":{"boot":{"type":"boolean","description":"Boot its kernel and initrd with its root as a disk (default true)."},"install":{"type":"boolean","description":"Provision a blank disk in qemu (GPT, GRUB for BIOS and UEFI) and boot it under SeaBIOS and OVMF (default false)."},"netboot":{"type":"boolean","description":"Boot it over the network (default false)."}}}]},"network":{"type":"string","minLength":1,"pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","description":"Network mode of the build (dockerfile default: host)."},"stringMap":{"type":"object","additionalProperties":{"type":"string"}},"stringList":{"type":"array","items":{"type":"string"}},"argMap":{"type":"object","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_-]*$"},"additionalProperties":{"type":"string"}},"labelMap":{"type":"object","propertyNames":{"pattern":"^[^=-][^=]*$"},"additionalProperties":{"type":"string"}},"dockerRef":{"type":"string","minLength":1,"pattern":"^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$"},"relPath":{"type":"string","minLength":1,"description":"A path relative to the directory of this file; it may not leave it."},"mounts":{"type":"array","description":"Kernel file systems mounted in the build sandbox.","uniqueItems":true,"items":{"enum":["proc","dev","sys"]}},"policy_rc_d":{"type":"boolean","description":"Install /usr/sbin/policy-rc.d (exit 101) during the build so packages start no services."},"command":{"description":"A command: an argument array (run as is) or a string (run by /bin/sh -ec inside the image).","oneOf":[{"type":"string","minLength":1},{"type":"array","minItems":1,"items":{"type":"string"}}]},"bootstrap":{"type":"object","description":"Debootstrap a Debian-family root with mmdebstrap from the distribution\'s own mirror.","required":["suite"],"additionalProperties":false,"properties":{"suite":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","description":"Release, e.g. bookworm."},"variant":{"enum":["extract","custom","essential","apt","required","minbase","buildd","important","debootstrap","standard"],"description":"mmdebstrap variant, e.g. minbase."},"include":{"type":"array","items":{"type":"string","pattern":"^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?([=/][A-Za-z0-9.+~:_-]+)?$"},"description":"Extra packages: names, optionally with :arch, =version or /release."},"components":{"type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._/-]*$"},"description":"Archive components, e.g. main, contrib."},"mirror":{"type":"string","pattern":"^((((mirror|tor)\\\\+)?(https?|file|copy)|mirror)://\\\\S+|deb(-src)? [^\\\\r\\\\n]+)$","description":"Mirror URL (http, https, file, copy, mirror, mirror+…, tor+…) or a one-line \\"deb …\\" apt source; default: the host\'s apt sources."},"snapshot":{"type":"string","description":"Pin to a snapshot date (YYYYMMDDTHHMMSSZ or YYYY-MM-DD).","pattern":"^([0-9]{8}T[0-9]{6}Z|[0-9]{4}-[0-9]{2}-[0-9]{2})$"},"arch":{"type":"string","pattern":"^[a-z0-9][a-z0-9-]*$","description":"Debian architecture, default from the image\'s arch."}}},"base":{"description":"What the image starts from: another image\'s name, \\"scratch\\" (or \\"empty\\"), or exactly one source object: {image}, {tar}, {dir}, {squashfs} or {bootstrap}.","type":["string","object"],"minLength":1,"minProperties":1,"maxProperties":1,"additionalProperties":false,"properties":{"image":{"$ref":"#/definitions/dockerRef","description":"A docker reference, e.g. debian:12 (pin by digest for reproducible keys)."},"tar":{"$ref":"#/definitions/relPath","description":"A root filesystem tarball (any compression)."},"dir":{"$ref":"#/definitions/relPath","description":"A root filesystem directory."},"squashfs":{"$ref":"#/definitions/relPath","description":"A squashfs image of a root filesystem."},"bootstrap":{"$ref":"#/definitions/bootstrap"}}},"image":{"type":"object","required":["name"],"additionalProperties":false,"properties":{"name":{"$ref":"#/definitions/name"},"distro":{"$ref":"#/definitions/distro"},"plan":{"$ref":"#/definitions/plan"},"arch":{"$ref":"#/definitions/arch"},"base":{"$ref":"#/definitions/base"},"depends_on":{"type":"array","description":"Other images of the chain to build first.","uniqueItems":true,"items":{"type":"string"}},"builder":{"enum":["dockerfile","packer","overlay","aci","import"],"description":"How the image is made. Default: overlay when overlay steps are given, dockerfile/packer from the file name, import when only a base source is given."},"file":{"$ref":"#/definitions/relPath","description":"The builder\'s main file: Dockerfile, Packer template or ACI manifest."},"working_dir":{"$ref":"#/definitions/relPath","description":"Build context / working directory. Default: the directory of this file."},"args":{"$ref":"#/definitions/argMap","description":"Build arguments (dockerfile --build-arg)."},"vars":{"$ref":"#/definitions/argMap","description":"Template variables (packer -var)."},"extra_args":{"description":"More builder options, from an allowlist (README: extra_args): an array, or a string split like a shell would (never run by one).","oneOf":[{"type":"string"},{"$ref":"#/definitions/stringList"}]},"tag":{"$ref":"#/definitions/dockerRef","description":"Extra docker tag to give the built image in the engine."},"version":{"type":"string","minLength":1,"description":"Version label of the image."},"target":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","description":"Dockerfile stage to build."},"labels":{"$ref":"#/definitions/labelMap"},"network":{"$ref":"#/definitions/network"},"packs":{"type":"array","description":"Overlay packs: directories or tarballs laid over the root, in order.","items":{"$ref":"#/definitions/relPath"}},"run":{"type":"array","description":"Commands run inside the image, in order.","items":{"$ref":"#/definitions/command"}},"copy":{"type":"array","description":"Files copied into the image.","items":{"type":"object","required":["src","dest"],"additionalProperties":false,"properties":{"src":{"$ref":"#/definitions/relPath"},"dest":{"type":"string","pattern":"^/","description":"Absolute path inside the image."}}}},"env":{"$ref":"#/definitions/stringMap","description":"Environment of the image config."},"entrypoint":{"$ref":"#/definitions/stringList"},"cmd":{"$ref":"#/definitions/stringList"},"exports":{"$ref":"#/definitions/exports"},"kernel":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._+~-]*$","description":"Kernel version to export when the image holds several."},"verify":{"$ref":"#/definitions/verify"},"mounts":{"$ref":"#/definitions/mounts"},"policy_rc_d":{"$ref":"#/definitions/policy_rc_d"}}}}}');
;// CONCATENATED MODULE: ./src/model/schema.ts

const imagesV1Schema = images_v1_schema_namespaceObject;

// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
;// CONCATENATED MODULE: ./src/model/validate.ts
/**
 * Checks an IMAGES.json v1 document against schema/images-v1.schema.json (the same schema
 * editors use through "$schema") and turns ajv's errors into one plain message per problem.
 */



// Compiled on first use, not at load: every command loads this module, few validate a catalog,
// and the generated validator costs memory the flattener would rather have.
let compiled;
const validateV1Schema = () => (compiled ??= new ajv.Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true }).compile(imagesV1Schema));
/** Validates `doc`; adds a problem per error and returns the JSON pointers that had errors. */
function checkV1Schema(doc, problems) {
    const bad = new Set();
    const validate = validateV1Schema();
    if (validate(doc))
        return bad;
    const seen = new Set();
    for (const e of validate.errors ?? []) {
        // A oneOf reports each branch's mismatch and then itself: keep only its own summary.
        if (/\/oneOf\/\d+\//.test(e.schemaPath))
            continue;
        // propertyNames repeats its inner error (which names the key) as a vague summary.
        if (e.keyword === 'propertyNames')
            continue;
        const { pointer, message, key } = describe(e);
        const id = `${pointer}\0${message}`;
        if (seen.has(id))
            continue;
        seen.add(id);
        bad.add(pointer);
        problems.add(pointer, message, imageNameAt(doc, pointer), { key });
    }
    return bad;
}
/** The name of the image a pointer falls in (/images/<i>/...), when it has one. */
function imageNameAt(doc, pointer) {
    const m = /^\/images\/(\d+)(\/|$)/.exec(pointer);
    if (!m)
        return undefined;
    const images = doc?.images;
    const entry = Array.isArray(images) ? images[Number(m[1])] : undefined;
    const name = entry?.name;
    return typeof name === 'string' && name ? name : undefined;
}
function lastKey(pointer) {
    return pointer.slice(pointer.lastIndexOf('/') + 1);
}
/** One ajv error as a plain message at a JSON pointer (`key`: the problem is the member's key). */
function describe(e) {
    const at = e.instancePath;
    const field = lastKey(at);
    const p = e.params;
    switch (e.keyword) {
        case 'additionalProperties': {
            const key = String(p.additionalProperty);
            const known = Object.keys(e.parentSchema.properties ?? {});
            return { pointer: `${at}/${key}`, message: `unknown key "${key}"${(0,suggest/* didYouMean */.au)(key, known)}`, key: true };
        }
        case 'required':
            return { pointer: at, message: `missing key "${String(p.missingProperty)}"` };
        case 'enum': {
            const allowed = p.allowedValues.map(String);
            // An item of a list (exports/1) is named by the list, in the singular.
            const what = /^\d+$/.test(field) ? lastKey(validate_parent(at)).replace(/s$/, '') : field;
            return {
                pointer: at,
                message: `unknown ${what} ${JSON.stringify(e.data)}; expected one of ${allowed.join(', ')}${typeof e.data === 'string' ? (0,suggest/* didYouMean */.au)(e.data, allowed) : ''}`
            };
        }
        case 'const':
            return { pointer: at, message: `must be ${JSON.stringify(p.allowedValue)}` };
        case 'pattern':
            if (field === 'name' && /^\/images\/\d+\/name$/.test(at))
                return {
                    pointer: at,
                    message: `name ${JSON.stringify(e.data)} is not usable as a docker tag and file name: use lowercase letters, digits, "_", "." and "-", starting with a letter or digit, at most 128 characters`
                };
            if (field === 'snapshot')
                return {
                    pointer: at,
                    message: `snapshot ${JSON.stringify(e.data)} is not a date: YYYYMMDDTHHMMSSZ or YYYY-MM-DD`
                };
            return (patternMessage(e, at, field) ?? {
                pointer: at,
                message: `${JSON.stringify(e.data)} does not match ${String(p.pattern)}`
            });
        case 'type':
            if (field === 'base')
                return { pointer: at, message: baseMessage };
            return { pointer: at, message: `must be ${article(String(p.type))}` };
        case 'minProperties':
        case 'maxProperties':
            if (field === 'base')
                return { pointer: at, message: baseMessage };
            return { pointer: at, message: e.message ?? e.keyword };
        case 'minLength':
            return { pointer: at, message: 'must not be empty' };
        case 'minItems':
            return { pointer: at, message: 'must not be empty' };
        case 'uniqueItems':
            return { pointer: at, message: `lists ${JSON.stringify(e.data[Number(p.i)])} twice` };
        case 'oneOf':
            return {
                pointer: at,
                message: field === 'extra_args'
                    ? 'must be a string or an array of strings'
                    : field === 'verify'
                        ? 'must be true, false or an object {"boot", "install", "netboot"} of booleans'
                        : 'must be a non-empty string or a non-empty array of strings'
            };
        default:
            return { pointer: at, message: e.message ?? e.keyword };
    }
}
/**
 * Values that reach a tool's command line are held to a plain form (schema patterns); say what
 * that form is, and why a leading "-" is refused, rather than show the pattern.
 */
const EXPECTED = {
    suite: 'a release name such as bookworm',
    include: 'a package name, optionally with :arch, =version or /release',
    components: 'a component name such as main',
    mirror: 'a mirror URL (http, https, file, copy, mirror, mirror+…, tor+…) or a one-line "deb …" source',
    arch: 'a Debian architecture name such as amd64',
    image: 'a docker reference such as debian:12',
    tag: 'a docker reference such as registry/app:1.0',
    target: 'a stage name',
    network: 'a network name such as host or none',
    kernel: 'a kernel release such as 6.1.0-18-amd64',
    args: 'a variable name (letters, digits, "_" and "-", starting with a letter or "_")',
    vars: 'a variable name (letters, digits, "_" and "-", starting with a letter or "_")',
    labels: 'a label key (not starting with "-", without "=")'
};
function patternMessage(e, at, field) {
    // A key of a map (propertyNames) is reported at the map: point at the key itself.
    const keyName = e.propertyName;
    const name = keyName !== undefined ? field : /^\d+$/.test(field) ? lastKey(validate_parent(at)) : field;
    const expected = EXPECTED[name];
    if (!expected)
        return undefined;
    const value = keyName ?? String(e.data);
    const option = value.startsWith('-') ? ' (a value starting with "-" would be read as an option)' : '';
    const what = keyName !== undefined ? `key ${JSON.stringify(value)}` : JSON.stringify(value);
    return {
        pointer: keyName !== undefined ? `${at}/${keyName.replace(/~/g, '~0').replace(/\//g, '~1')}` : at,
        message: `${what} is not ${expected}${option}`,
        key: keyName !== undefined
    };
}
const baseMessage = 'base must be an image name, "scratch", or exactly one of {"image": ref}, {"tar": path}, {"dir": path}, {"squashfs": path}, {"bootstrap": {...}}';
function validate_parent(pointer) {
    return pointer.slice(0, pointer.lastIndexOf('/'));
}
function article(type) {
    const t = type.replace(/,/g, ' or ');
    return /^(array|object|integer)/.test(t) ? `an ${t}` : `a ${t}`;
}


/***/ })

};
