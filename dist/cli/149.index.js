export const id = 149;
export const ids = [149];
export const modules = {

/***/ 44158:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {


/**
 * @license
 * Copyright 2020 Balena Ltd.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *    http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
 * ------------------------------------------------------------------------
 *
 * Copyright 2018 Zeit, Inc.
 * Licensed under the MIT License. See file LICENSE.md for a full copy.
 *
 * ------------------------------------------------------------------------
 */

/**
 * This module implements the [dockerignore
 * spec](https://docs.docker.com/engine/reference/builder/#dockerignore-file),
 * closely following Docker's (Moby) Golang implementation:
 * https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go
 * https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go
 * https://github.com/moby/moby/blob/v19.03.8/pkg/archive/archive.go#L825
 *
 * Something the spec is not clear about, but we discovered by reading source code
 * and testing against the "docker build" command, is the handling of backslashes and
 * forward slashes as path separators and escape characters in the .dockerignore file
 * across platforms including Windows, Linux and macOS:
 *
 * * On Linux and macOS, only forward slashes can be used as path separators in the
 *   .dockerignore file, and the backslash works as an escape character.
 * * On Windows, both forward slashes and backslashes are allowed as path separators
 *   in the .dockerignore file, and the backslash is not used as an escape character.
 *
 * This is consistent with how Windows works generally: both forward slashes and
 * backslashes are accepted as path separators by the cmd.exe Command Prompt or
 * PowerShell, and by library functions like the Golang filepath.Clean or the
 * Node.js path.normalize.
 *
 * Similarly, path strings provided to the IgnoreBase.ignores() and IgnoreBase.filter()
 * methods can use either forward slashes or backslashes as path separators on Windows,
 * but only forward slashes are accepted as path separators on Linux and macOS.
 */

const path = __webpack_require__(16928);

const factory = options => new IgnoreBase(options); // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L538-L539
// Fixes typescript module import


factory.default = factory;
module.exports = factory;

function make_array(subject) {
  return Array.isArray(subject) ? subject : [subject];
}

const REGEX_TRAILING_SLASH = /(?<=.)\/$/;
const REGEX_TRAILING_BACKSLASH = /(?<=.)\\$/;
const REGEX_TRAILING_PATH_SEP = path.sep === '\\' ? REGEX_TRAILING_BACKSLASH : REGEX_TRAILING_SLASH;
const KEY_IGNORE = typeof Symbol !== 'undefined' ? Symbol.for('dockerignore') : 'dockerignore'; // An implementation of Go's filepath.Clean
// https://golang.org/pkg/path/filepath/#Clean
// https://github.com/golang/go/blob/master/src/path/filepath/path.go
// Note that, like Go, on Windows this function converts forward slashes
// to backslashes.

function cleanPath(file) {
  return path.normalize(file).replace(REGEX_TRAILING_PATH_SEP, '');
} // Javascript port of Golang's filepath.ToSlash
// https://golang.org/pkg/path/filepath/#ToSlash
// https://github.com/golang/go/blob/master/src/path/filepath/path.go
// Convert any OS-specific path separator to '/'. Backslash is converted
// to forward slash on Windows, but not on Linux/macOS.
// Note that both forward slashes and backslashes are valid path separators on
// Windows. As a result, code such as `pattern.split(path.sep).join('/')` fails
// on Windows when forward slashes are used as path separators.


function toSlash(file) {
  if (path.sep === '/') {
    return file;
  }

  return file.replace(/\\/g, '/');
} // Javascript port of Golang's filepath.FromSlash
// https://github.com/golang/go/blob/master/src/path/filepath/path.go


function fromSlash(file) {
  if (path.sep === '/') {
    return file;
  }

  return file.replace(/\//g, path.sep);
}

class IgnoreBase {
  constructor({
    // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L372
    ignorecase = true
  } = {}) {
    this._rules = [];
    this._ignorecase = ignorecase;
    this[KEY_IGNORE] = true;

    this._initCache();
  }

  _initCache() {
    this._cache = {};
  } // @param {Array.<string>|string|Ignore} pattern


  add(pattern) {
    this._added = false;

    if (typeof pattern === 'string') {
      pattern = pattern.split(/\r?\n/g);
    }

    make_array(pattern).forEach(this._addPattern, this); // Some rules have just added to the ignore,
    // making the behavior changed.

    if (this._added) {
      this._initCache();
    }

    return this;
  } // legacy


  addPattern(pattern) {
    return this.add(pattern);
  }

  _addPattern(pattern) {
    // https://github.com/kaelzhang/node-ignore/issues/32
    if (pattern && pattern[KEY_IGNORE]) {
      this._rules = this._rules.concat(pattern._rules);
      this._added = true;
      return;
    }

    if (this._checkPattern(pattern)) {
      const rule = this._createRule(pattern.trim());

      if (rule !== null) {
        this._added = true;

        this._rules.push(rule);
      }
    }
  }

  _checkPattern(pattern) {
    // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L34-L40
    return pattern && typeof pattern === 'string' && pattern.indexOf('#') !== 0 && pattern.trim() !== "";
  }

  filter(paths) {
    return make_array(paths).filter(path => this._filter(path));
  }

  createFilter() {
    return path => this._filter(path);
  }

  ignores(path) {
    return !this._filter(path);
  } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L41-L53
  // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L29-L55


  _createRule(pattern) {
    const origin = pattern;
    let negative = false; // > An optional prefix "!" which negates the pattern;
    // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L43-L46

    if (pattern[0] === '!') {
      negative = true;
      pattern = pattern.substring(1).trim();
    } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L47-L53


    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      pattern = toSlash(pattern);

      if (pattern.length > 1 && pattern[0] === '/') {
        pattern = pattern.slice(1);
      }
    } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L54-L55


    if (negative) {
      pattern = '!' + pattern;
    } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L30


    pattern = pattern.trim();

    if (pattern === "") {
      return null;
    } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L34
    // convert forward slashes to backslashes on Windows


    pattern = cleanPath(pattern); // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L36-L42

    if (pattern[0] === '!') {
      if (pattern.length === 1) {
        return null;
      }

      negative = true;
      pattern = pattern.substring(1);
    } else {
      negative = false;
    }

    return {
      origin,
      pattern,
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L54
      dirs: pattern.split(path.sep),
      negative
    };
  } // @returns `Boolean` true if the `path` is NOT ignored


  _filter(path) {
    if (!path) {
      return false;
    }

    if (path in this._cache) {
      return this._cache[path];
    }

    return this._cache[path] = this._test(path);
  } // @returns {Boolean} true if a file is NOT ignored
  // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L62


  _test(file) {
    file = fromSlash(file); // equivalent to golang filepath.Dir() https://golang.org/src/path/filepath/path.go

    const parentPath = cleanPath(path.dirname(file));
    const parentPathDirs = parentPath.split(path.sep);
    let matched = false;

    this._rules.forEach(rule => {
      let match = this._match(file, rule); // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L80


      if (!match && parentPath !== ".") {
        // Check to see if the pattern matches one of our parent dirs.
        if (rule.dirs.includes('**')) {
          // Ah shucks! We have to test every possible parent path that has 
          // a number of dirs _n_ where 
          // `rule.dirs.filter(doubleStar).length <= _n_ <= parentPathDirs.length`
          // since the ** can imply any number of directories including 0
          for (let i = rule.dirs.filter(x => x !== '**').length; i <= parentPathDirs.length; i++) {
            match = match || this._match(parentPathDirs.slice(0, i).join(path.sep), rule);
          }
        } else if (rule.dirs.length <= parentPathDirs.length) {
          // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L83
          match = this._match(parentPathDirs.slice(0, rule.dirs.length).join(path.sep), rule);
        }
      }

      if (match) {
        matched = !rule.negative;
      }
    });

    return !matched;
  } // @returns {Boolean} true if a file is matched by a rule


  _match(file, rule) {
    return this._compile(rule).regexp.test(file);
  } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L139


  _compile(rule) {
    if (rule.regexp) {
      return rule;
    }

    let regStr = '^'; // Go through the pattern and convert it to a regexp.

    let escapedSlash = path.sep === '\\' ? '\\\\' : path.sep;

    for (let i = 0; i < rule.pattern.length; i++) {
      const ch = rule.pattern[i];

      if (ch === '*') {
        if (rule.pattern[i + 1] === '*') {
          // is some flavor of "**"
          i++; // Treat **/ as ** so eat the "/"

          if (rule.pattern[i + 1] === path.sep) {
            i++;
          }

          if (rule.pattern[i + 1] === undefined) {
            // is "**EOF" - to align with .gitignore just accept all
            regStr += ".*";
          } else {
            // is "**"
            // Note that this allows for any # of /'s (even 0) because
            // the .* will eat everything, even /'s
            regStr += `(.*${escapedSlash})?`;
          }
        } else {
          // is "*" so map it to anything but "/"
          regStr += `[^${escapedSlash}]*`;
        }
      } else if (ch === '?') {
        // "?" is any char except "/"
        regStr += `[^${escapedSlash}]`;
      } else if (ch === '.' || ch === '$') {
        // Escape some regexp special chars that have no meaning
        // in golang's filepath.Match
        regStr += `\\${ch}`;
      } else if (ch === '\\') {
        // escape next char. Note that a trailing \ in the pattern
        // will be left alone (but need to escape it)
        if (path.sep === '\\') {
          // On windows map "\" to "\\", meaning an escaped backslash,
          // and then just continue because filepath.Match on
          // Windows doesn't allow escaping at all
          regStr += escapedSlash;
          continue;
        }

        if (rule.pattern[i + 1] !== undefined) {
          regStr += '\\' + rule.pattern[i + 1];
          i++;
        } else {
          regStr += '\\';
        }
      } else {
        regStr += ch;
      }
    }

    regStr += "$";
    rule.regexp = new RegExp(regStr, this._ignorecase ? 'i' : '');
    return rule;
  }

}


/***/ }),

/***/ 1149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  makePlan: () => (/* binding */ makePlan)
});

// UNUSED EXPORTS: BUILDER_FORMAT, CONTEXT_ALWAYS_EXCLUDED, Hasher, KEY_FORMAT, aciHostBinaries, aciManifestRefs, allDeps, buildArgsFrom, canonicalJson, canonicalRef, chainMatcher, chainReferences, checkArchitectures, computeKeys, contextFilter, dockerfileBuildArgs, dockerfileDeps, dockerfileFroms, dockerfileImageRefs, dockerignoreFilter, gatherInputs, keyOf, matrixOf, mixedArchProblems, packerDockerImages, packerDockerTags, packerRefs, parseDockerfile, parseDockerignore, replaceSpans, selectImages, sha256, specForKey, substitute, topoOrder

// EXTERNAL MODULE: ./src/model/display.ts
var display = __webpack_require__(53959);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/plan/graph.ts
var graph = __webpack_require__(39619);
// EXTERNAL MODULE: ./src/model/arch.ts
var arch = __webpack_require__(13705);
// EXTERNAL MODULE: ./src/model/load.ts + 9 modules
var load = __webpack_require__(11655);
// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
;// CONCATENATED MODULE: ./src/plan/select.ts
/**
 * Selection: the images a run asks for (by name and/or matrix axes), plus every ancestor
 * they need. The matrix lists the axis values of the images asked for, not of ancestors
 * pulled in only to build them: a plan for c3.small.x86 fans out over that plan alone,
 * although it needs the distro base, which has no plan.
 */




function selectImages(catalog, deps, sel = {}) {
    const file = (0,load/* displayPath */.Gt)(catalog.file);
    const names = catalog.images.map((s) => s.name);
    const problems = [];
    for (const t of sel.targets ?? [])
        if (!names.includes(t))
            problems.push({
                file,
                pointer: '',
                message: `target "${t}" names no image of the catalog${(0,suggest/* didYouMean */.au)(t, names)}`
            });
    if (problems.length)
        throw new errors/* InvalidInputError */.oC(problems);
    const axis = (s) => (sel.distro === undefined || s.distro === sel.distro) &&
        (sel.plan === undefined || s.plan === sel.plan) &&
        // One machine, whichever spelling (aarch64, arm64): the Action's matrix gives the uname one.
        (sel.arch === undefined || (0,arch/* canonicalArch */.Xp)(s.arch) === (0,arch/* canonicalArch */.Xp)(sel.arch));
    const targets = sel.targets?.length ? new Set(sel.targets) : undefined;
    const chosen = new Set(catalog.images.filter((s) => (!targets || targets.has(s.name)) && axis(s)).map((s) => s.name));
    if (!chosen.size) {
        const what = [
            ...(sel.targets?.length ? [`targets ${sel.targets.join(', ')}`] : []),
            ...['distro', 'plan', 'arch']
                .filter((k) => sel[k] !== undefined)
                .map((k) => `${k} ${sel[k]}`)
        ];
        throw new errors/* InvalidInputError */.oC([
            { file, pointer: '', message: `the selection (${what.join(', ')}) matches no image` }
        ]);
    }
    const needed = new Set();
    const visit = (n) => {
        if (needed.has(n))
            return;
        needed.add(n);
        for (const d of deps.get(n) ?? [])
            visit(d);
    };
    for (const n of chosen)
        visit(n);
    return { chosen, needed };
}
/** Distinct axis values of the chosen images, in build order. */
function matrixOf(order, chosen) {
    const m = { distro: [], plan: [], arch: [] };
    for (const s of order) {
        if (!chosen.has(s.name))
            continue;
        for (const k of ['distro', 'plan', 'arch']) {
            const v = k === 'arch' ? (0,arch/* canonicalArch */.Xp)(s.arch) : s[k];
            if (v !== undefined && !m[k].includes(v))
                m[k].push(v);
        }
    }
    return m;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/plan/hash.ts
/**
 * Content digests for input keys. Files stream through SHA-256 in 1 MiB reads; many files
 * hash at once but at most `concurrency` are open. Digests are memoised for one plan, since
 * chain images often share a build context.
 */




const sha256 = (data) => 'sha256:' + (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
/** JSON with object keys sorted at every level: the same value always gives the same text. */
function canonicalJson(value) {
    return JSON.stringify(value, (_k, v) => v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v);
}
class Hasher {
    concurrency;
    files = new Map();
    trees = new Map();
    active = 0;
    waiting = [];
    constructor(concurrency = 8) {
        this.concurrency = concurrency;
    }
    /** sha256:<hex> of a file's bytes. */
    file(abs) {
        let p = this.files.get(abs);
        if (!p) {
            p = this.limited(() => streamDigest(abs));
            this.files.set(abs, p);
        }
        return p;
    }
    /**
     * sha256:<hex> of a directory tree: one line per entry, sorted by relative path, with its
     * type, the executable bit (files), the content digest (files) or the target (symlinks).
     * Times, owners, other mode bits and the tree's own location do not count: a fresh
     * checkout elsewhere, with another umask, gives the same digest.
     */
    tree(abs, filter) {
        const id = `${abs}\0${filter?.id ?? ''}`;
        let p = this.trees.get(id);
        if (!p) {
            p = this.walkTree(abs, filter);
            this.trees.set(id, p);
        }
        return p;
    }
    async walkTree(root, filter) {
        const entries = [];
        const walk = async (dir, relDir) => {
            const names = (await (0,promises_.readdir)(dir)).sort();
            const stats = await Promise.all(names.map((n) => (0,promises_.lstat)(external_node_path_default().join(dir, n))));
            for (const [i, name] of names.entries()) {
                const rel = relDir ? `${relDir}/${name}` : name;
                const abs = external_node_path_default().join(dir, name);
                const st = stats[i];
                const isDir = st.isDirectory();
                const out = filter?.excluded(rel, isDir) ?? false;
                if (isDir) {
                    if (!out)
                        entries.push({ rel, line: Promise.resolve(`d - ${JSON.stringify(rel)}`) });
                    if (!out || !filter?.prune)
                        await walk(abs, rel);
                }
                else if (out)
                    continue;
                else if (st.isSymbolicLink())
                    entries.push({
                        rel,
                        line: (0,promises_.readlink)(abs).then((t) => `l - ${JSON.stringify(rel)} ${JSON.stringify(t)}`)
                    });
                else if (st.isFile()) {
                    const x = st.mode & 0o111 ? 'x' : '-';
                    entries.push({ rel, line: this.file(abs).then((d) => `f ${x} ${JSON.stringify(rel)} ${d}`) });
                }
                else
                    entries.push({ rel, line: Promise.resolve(`o - ${JSON.stringify(rel)}`) });
            }
        };
        await walk(root, '');
        entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
        const h = (0,external_node_crypto_.createHash)('sha256');
        for (const e of entries)
            h.update((await e.line) + '\n');
        return 'sha256:' + h.digest('hex');
    }
    async limited(fn) {
        if (this.active >= this.concurrency)
            await new Promise((resolve) => this.waiting.push(resolve));
        this.active++;
        try {
            return await fn();
        }
        finally {
            this.active--;
            this.waiting.shift()?.();
        }
    }
}
function streamDigest(abs) {
    return new Promise((resolve, reject) => {
        const h = (0,external_node_crypto_.createHash)('sha256');
        (0,external_node_fs_.createReadStream)(abs, { highWaterMark: 1 << 20 })
            .on('data', (chunk) => h.update(chunk))
            .on('error', reject)
            .on('end', () => resolve('sha256:' + h.digest('hex')));
    });
}

// EXTERNAL MODULE: ./node_modules/@balena/dockerignore/ignore.js
var ignore = __webpack_require__(44158);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/plan/dockerignore.ts
/**
 * The build context as Docker sends it: `.dockerignore` rules (Go filepath.Match globs,
 * `**`, `!` exceptions, last match wins, a pattern also matching everything below a
 * directory) via @balena/dockerignore, a port of Docker's own matcher. Like BuildKit,
 * `<Dockerfile>.dockerignore` next to the Dockerfile wins over `<context>/.dockerignore`.
 */




// The package is CommonJS (`module.exports = factory`) with an ES-style default in its typings.
const mod = (ignore_default());
const ignoreFactory = typeof mod === 'function' ? mod : mod.default;
/** Patterns of a .dockerignore text: comments and blank lines dropped, as Docker reads it. */
function parseDockerignore(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
}
/**
 * Left out of context keys whatever .dockerignore says: the checkout's own `.git` changes
 * with every commit and would change every key built from the repository root. Builders
 * that send a context should leave it out too (CONTEXT_ALWAYS_EXCLUDED).
 */
const CONTEXT_ALWAYS_EXCLUDED = ['.git'];
function dockerignoreFilter(patterns) {
    const ig = ignoreFactory().add(patterns);
    return {
        excluded: (rel) => CONTEXT_ALWAYS_EXCLUDED.some((x) => rel === x || rel.startsWith(`${x}/`)) || ig.ignores(rel),
        // With `!` exceptions a file below an excluded directory can come back, so walk it.
        prune: !patterns.some((p) => p.startsWith('!')),
        id: sha256(patterns.join('\n'))
    };
}
/** The ignore file that applies (absolute path, when there is one) and the context's filter. */
async function contextFilter(contextAbs, dockerfileAbs) {
    const candidates = [
        ...(dockerfileAbs ? [`${dockerfileAbs}.dockerignore`] : []),
        external_node_path_default().join(contextAbs, '.dockerignore')
    ];
    for (const file of candidates) {
        let text;
        try {
            text = await (0,promises_.readFile)(file, 'utf8');
        }
        catch {
            continue;
        }
        return { file, filter: dockerignoreFilter(parseDockerignore(text)) };
    }
    return { filter: dockerignoreFilter([]) };
}

// EXTERNAL MODULE: ./src/plan/packer-refs.ts
var packer_refs = __webpack_require__(71616);
;// CONCATENATED MODULE: ./src/plan/inputs.ts
/**
 * Everything an image's content depends on, other than its dependencies' keys, as a list
 * of KeyInputs (`kiln plan --explain` prints them; the cache keeps them to say what changed).
 */





/**
 * Version of each builder's output format: bump it when a builder starts producing
 * different images from the same inputs, so every key of that builder changes.
 */
const BUILDER_FORMAT = {
    // 2: a FROM / image naming a chain image gets the stored image (chain-refs.ts); format 1
    // built on whatever the engine held under that name, so its images may not be what the key says.
    dockerfile: 2,
    packer: 2,
    overlay: 1,
    aci: 1,
    import: 1
};
/**
 * The spec as it counts for the key: without its place in the file (index, pointer, line)
 * and without what only acts after the build (exports, the boot check, the kernel pin),
 * so reordering the catalog or asking for one more archive rebuilds nothing. The name
 * stays: it is the tag the image gets.
 */
function specForKey(spec) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { index, pointer, line, baseLine, baseColumn, exports, verify, gates, kernel, ...rest } = spec;
    return rest;
}
async function gatherInputs(catalog, spec, hasher, opts = {}) {
    const root = catalog.root;
    const tool = opts.toolVersions?.[spec.builder];
    const builderName = `${spec.builder}@${BUILDER_FORMAT[spec.builder]}${tool ? ` ${tool}` : ''}`;
    const fixed = [
        { kind: 'builder', name: builderName, digest: sha256(builderName) },
        { kind: 'spec', name: spec.name, digest: sha256(canonicalJson(specForKey(spec))) }
    ];
    for (const k of Object.keys(spec.args).sort())
        fixed.push({ kind: 'arg', name: k, digest: sha256(spec.args[k]) });
    if (spec.extraArgs.length)
        fixed.push({
            kind: 'extra-args',
            name: spec.extraArgs.join(' '),
            digest: sha256(canonicalJson(spec.extraArgs))
        });
    // Content inputs: promises in a fixed order, settled together so hashing runs in parallel.
    const pending = [];
    const abs = (rel) => external_node_path_default().join(root, rel);
    const fileInput = (kind, rel) => hasher.file(abs(rel)).then((digest) => ({ kind, name: rel, digest }));
    /** A path that is a file or a directory (packs, copy sources, referenced files). */
    const pathInput = async (kind, absPath) => {
        const rel = external_node_path_default().relative(root, absPath).split((external_node_path_default()).sep).join('/') || '.';
        let real;
        try {
            real = await (0,promises_.realpath)(absPath);
        }
        catch {
            return undefined; // not there (yet): the builder will say so
        }
        if (real !== root && !real.startsWith(root + (external_node_path_default()).sep))
            return { kind: `${kind}-outside-root`, name: rel, digest: sha256(real) };
        const st = await (0,promises_.stat)(real);
        if (st.isDirectory())
            return { kind: `${kind}-tree`, name: rel, digest: await hasher.tree(real) };
        // A script's executable bit decides whether it runs; it shows in the name so the
        // digest stays the plain sha256 of the content (what sha256sum prints).
        return { kind, name: st.mode & 0o111 ? `${rel} (executable)` : rel, digest: await hasher.file(real) };
    };
    /**
     * An absolute host path (genoci's expand, install and copy may name the user's own files
     * anywhere on the host): by content, under its absolute name, so `--explain` lists it.
     */
    const hostInput = async (kind, hostPath) => {
        const st = await (0,promises_.stat)(hostPath).catch(() => null);
        if (!st)
            return undefined; // gone since the catalog was loaded: the builder will say so
        if (st.isDirectory())
            return { kind: `host-${kind}-tree`, name: hostPath, digest: await hasher.tree(hostPath) };
        return { kind: `host-${kind}`, name: hostPath, digest: await hasher.file(hostPath) };
    };
    const overlayInput = (kind, p) => external_node_path_default().isAbsolute(p) ? hostInput(kind, p) : pathInput(kind, abs(p));
    if (spec.file)
        pending.push(fileInput('file', spec.file));
    if (spec.builder === 'dockerfile') {
        const context = abs(spec.workingDir);
        const ignore = await contextFilter(context, spec.file ? abs(spec.file) : undefined);
        if (ignore.file)
            pending.push(pathInput('dockerignore', ignore.file));
        pending.push(hasher
            .tree(context, ignore.filter)
            .then((digest) => ({ kind: 'context', name: spec.workingDir, digest })));
    }
    if (spec.builder === 'packer' && spec.file) {
        const text = await (0,promises_.readFile)(abs(spec.file), 'utf8');
        for (const ref of (0,packer_refs/* packerRefs */.rd)(spec.file, text)) {
            const from = ref.relativeTo === 'template' ? external_node_path_default().dirname(abs(spec.file)) : abs(spec.workingDir);
            pending.push(pathInput('packer-ref', external_node_path_default().resolve(from, ref.path)));
        }
    }
    if (spec.builder === 'aci' && spec.file) {
        const text = await (0,promises_.readFile)(abs(spec.file), 'utf8');
        for (const ref of (0,packer_refs/* aciManifestRefs */.Z7)(text))
            pending.push(pathInput('aci-ref', external_node_path_default().resolve(external_node_path_default().dirname(abs(spec.file)), ref)));
        // Programs copied from the build host: by content, so a changed program is not reused.
        for (const bin of (0,packer_refs/* aciHostBinaries */.B7)(text))
            pending.push(hasher.file(bin).then((digest) => ({ kind: 'aci-host-binary', name: bin, digest }), () => undefined // not on this host: the build says so
            ));
    }
    for (const p of spec.overlay?.packs ?? [])
        pending.push(pathInput('pack', abs(p)));
    for (const c of spec.overlay?.copy ?? [])
        pending.push(overlayInput('copy', c.src));
    for (const p of [...(spec.overlay?.expand ?? []), ...(spec.overlay?.install ?? [])])
        pending.push(overlayInput('file', p));
    // Sources that are files in the checkout count by content; a docker ref or a bootstrap
    // counts by its spec (pin a digest or a snapshot date for a key that means one content).
    const b = spec.base;
    if (b.kind === 'stored') {
        const digest = opts.storedBases?.get(b.name);
        if (!digest)
            throw new Error(`[internal error] no digest for the store image ${b.name} of ${spec.name}`);
        fixed.push({ kind: 'base-stored', name: b.name, digest });
    }
    if (b.kind === 'tar' || b.kind === 'squashfs')
        pending.push(fileInput(`base-${b.kind}`, b.path));
    if (b.kind === 'dir')
        pending.push(hasher.tree(abs(b.path)).then((digest) => ({ kind: 'base-dir', name: b.path, digest })));
    const content = (await Promise.all(pending)).filter((i) => i !== undefined);
    return [...fixed, ...content];
}

;// CONCATENATED MODULE: ./src/plan/keys.ts
/**
 * Input keys: a Merkle chain. An image's key is the SHA-256 of its own inputs (builder and
 * its format version, the normalised spec, every file it reads) and its dependencies'
 * keys, so a change reaches exactly the image it touches and the images built on it.
 */



/** Changes when the way keys are computed changes: every key changes with it. */
const KEY_FORMAT = 'kiln-key-v1';
/** The key (sha256 hex) of an ordered input list. */
function keyOf(inputs) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(`${KEY_FORMAT}\n`);
    for (const i of inputs)
        h.update(`${i.kind}\t${i.name}\t${i.digest}\n`);
    return h.digest('hex');
}
/**
 * Keys of `order` (topological: dependencies first). Inputs of all images are gathered in
 * parallel; keys then chain in order. Each dependency appears as an input (`base` for the
 * image's base, `dep` for depends_on and FROM images) whose digest is its key.
 */
async function computeKeys(catalog, order, deps, opts = {}) {
    const hasher = new Hasher(opts.concurrency ?? 8);
    const own = await Promise.all(order.map((s) => gatherInputs(catalog, s, hasher, opts)));
    const out = new Map();
    order.forEach((s, i) => {
        const depInputs = (deps.get(s.name) ?? []).map((d) => {
            const k = out.get(d);
            if (!k)
                throw new Error(`[internal error] key of ${d} needed by ${s.name} before it was computed`);
            return {
                kind: s.base.kind === 'image' && s.base.name === d ? 'base' : 'dep',
                name: d,
                digest: `sha256:${k.key}`
            };
        });
        const inputs = [...own[i], ...depInputs];
        out.set(s.name, { key: keyOf(inputs), inputs });
    });
    return out;
}

;// CONCATENATED MODULE: ./src/plan/arch.ts
/**
 * One architecture per chain. An image is built on its base and on the chain images its file
 * names (FROM, COPY --from, a Packer `image`): their files end up in it, so they must be of its
 * architecture. An arm64 image on an amd64 base would build (qemu-user runs whatever it is
 * given) and boot nowhere, so the plan refuses it. `depends_on` only orders builds and may
 * cross architectures.
 */



/** Debian's name for a bootstrap's `arch`, canonical form (amd64 → x86_64). */
const bootstrapArch = (s) => s.base.kind === 'bootstrap' && s.base.bootstrap.arch ? (0,arch/* canonicalArch */.Xp)(s.base.bootstrap.arch) : undefined;
/** Problems for every image whose base or named chain images are of another architecture. */
function mixedArchProblems(catalog, refs) {
    const byName = new Map(catalog.images.map((s) => [s.name, s]));
    const file = (0,display/* displayPath */.G)(catalog.file);
    const problems = [];
    for (const s of catalog.images) {
        const own = (0,arch/* canonicalArch */.Xp)(s.arch);
        const at = (pointer, message) => {
            problems.push({ file, pointer, line: s.line, image: s.name, message });
        };
        const boot = bootstrapArch(s);
        if (boot && boot !== own)
            at(`${s.pointer}/base/bootstrap/arch`, `bootstrap arch "${s.base.bootstrap.arch}" is not the image's arch "${s.arch}": a chain may not mix architectures`);
        const named = [];
        if (s.base.kind === 'image')
            named.push({ image: s.base.name, how: 'its base' });
        for (const r of refs.get(s.name) ?? [])
            if (!named.some((n) => n.image === r.image))
                named.push({
                    image: r.image,
                    how: `${s.builder === 'packer' ? 'its Packer template' : 'its Dockerfile'} names`
                });
        for (const n of named) {
            const other = byName.get(n.image);
            if (!other || (0,arch/* canonicalArch */.Xp)(other.arch) === own)
                continue;
            at(`${s.pointer}/arch`, `arch "${s.arch}", but ${n.how} ${other.name}, which is "${other.arch}": a chain may not mix architectures (use an image built for ${s.arch})`);
        }
    }
    return problems;
}
/** Throws InvalidInputError listing every image that mixes architectures with its chain. */
function checkArchitectures(catalog, refs) {
    const problems = mixedArchProblems(catalog, refs);
    if (problems.length)
        throw new errors/* InvalidInputError */.oC(problems);
}

// EXTERNAL MODULE: ./src/plan/dockerfile-from.ts
var dockerfile_from = __webpack_require__(90242);
// EXTERNAL MODULE: ./src/plan/dockerfile-parse.ts
var dockerfile_parse = __webpack_require__(99107);
;// CONCATENATED MODULE: ./src/plan/index.ts

















/** The digest of every store image a base of `specs` names; InvalidInputError for those the store lacks. */
async function storedBases(catalog, specs, lookup) {
    const out = new Map();
    const problems = [];
    for (const s of specs) {
        if (s.base.kind !== 'stored' || out.has(s.base.name))
            continue;
        const digest = lookup ? await lookup(s.base.name) : null;
        if (digest)
            out.set(s.base.name, digest);
        else
            problems.push({
                file: (0,display/* displayPath */.G)(catalog.file),
                pointer: `${s.pointer}/base`,
                line: s.baseLine ?? s.line,
                column: s.baseColumn,
                image: s.name,
                message: `base "${s.base.name}" is neither a tag of this file nor an image of the store${lookup ? '' : ' (no store to look in)'}`
            });
    }
    if (problems.length)
        throw new errors/* InvalidInputError */.oC(problems);
    return out;
}
/**
 * Plans a build of `selection` (default: every image): the chosen images and all their
 * ancestors in topological order (catalog order breaks ties), each with its input key.
 * Throws InvalidInputError for a dependency cycle, a chain mixing architectures or a selection
 * naming no image.
 */
async function makePlan(catalog, selection = {}, opts = {}) {
    const refs = await (0,graph/* chainReferences */.KQ)(catalog);
    const deps = (0,graph/* allDeps */.SZ)(catalog, await (0,graph/* dockerfileDeps */.Ph)(catalog, refs));
    const order = (0,graph/* topoOrder */.LI)(catalog, deps);
    checkArchitectures(catalog, refs);
    const { chosen, needed } = selectImages(catalog, deps, selection);
    const planned = order.filter((s) => needed.has(s.name));
    const keys = await computeKeys(catalog, planned, deps, {
        ...opts,
        storedBases: await storedBases(catalog, planned, opts.storedImage)
    });
    const images = planned.map((spec) => {
        const k = keys.get(spec.name);
        return {
            spec,
            key: k.key,
            inputs: k.inputs,
            deps: deps.get(spec.name) ?? [],
            chainRefs: refs.get(spec.name) ?? [],
            selected: chosen.has(spec.name)
        };
    });
    return { catalog, images, matrix: matrixOf(order, chosen) };
}


/***/ })

};
