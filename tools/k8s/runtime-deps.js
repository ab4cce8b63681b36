#!/usr/bin/env node
// @ts-check
// Will each image find every module it requires? An image holds, per service, the dist/ of the
// service and of its workspace libraries (production dependencies, transitively) and the
// node_modules of `npm ci --omit=dev --workspace <service>`: only what those package.json files
// declare in "dependencies". A package that requires something it does not declare works in the
// repository (everything is hoisted there, dev tools included) and crashes in the image.
//
// This walks the same closure as the Dockerfile's stage-runtime.sh and checks every require() in the compiled dist/
// against the declaring package.json, and that every relative require() finds a file the image
// holds. Run after a build (check.sh's Nx target depends on it).
//
// usage: node tools/k8s/runtime-deps.js    exit 1 on an undeclared runtime dependency
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Gaps known and reported to their owners, so that they do not block everyone's CI meanwhile.
 * "<package>: <module>" -> why. An entry that no longer occurs fails the check: remove it.
 * @type {Record<string, string>}
 */
const KNOWN_GAPS = {
  // e.g. '@mediation/contracts: @bufbuild/protobuf': 'generated code imports it; contracts must declare it',
};

/** @param {string} rel */
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));

/** Workspace packages: name -> { dir, pkg }. */
function workspaces() {
  const root = readJson('package.json');
  /** @type {Map<string, { dir: string, pkg: any }>} */
  const out = new Map();
  for (const pattern of root.workspaces || []) {
    const dirs = pattern.endsWith('/*')
      ? fs
          .readdirSync(path.join(ROOT, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${pattern.slice(0, -2)}/${d.name}`)
      : [pattern];
    for (const dir of dirs) {
      if (!fs.existsSync(path.join(ROOT, dir, 'package.json'))) continue;
      const pkg = readJson(`${dir}/package.json`);
      out.set(pkg.name, { dir, pkg });
    }
  }
  return out;
}

/**
 * The workspace packages an image of `name` contains: it and its production workspace
 * dependencies, transitively (the walk of tools/docker/stage-runtime.sh).
 * @param {Map<string, { dir: string, pkg: any }>} ws
 * @param {string} name
 */
function closure(ws, name) {
  /** @type {Set<string>} */
  const seen = new Set();
  /** @param {string} n */
  const visit = (n) => {
    if (seen.has(n) || !ws.has(n)) return;
    seen.add(n);
    Object.keys(ws.get(n)?.pkg.dependencies || {}).forEach(visit);
  };
  visit(name);
  return [...seen];
}

/**
 * Files under dir whose name passes the test, recursively.
 * @param {string} dir @param {(name: string) => boolean} test @returns {string[]}
 */
function filesUnder(dir, test) {
  /** @type {string[]} */
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p, test));
    else if (test(entry.name)) out.push(p);
  }
  return out;
}

/** @param {string} dir */
const jsFiles = (dir) =>
  filesUnder(dir, (name) => name.endsWith('.js') && !/\.(spec|int-spec)\.js$/.test(name));

/** Compiled test code (specs, test fixtures) has no place in an image. */
const TEST_FILE = /\.(spec|int-spec|fixtures)\.(js|d\.ts)$/;

/** @param {string} dir */
const testFiles = (dir) => filesUnder(dir, (name) => TEST_FILE.test(name));

/** @param {string} specifier */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Bare module names required by the compiled code of one package (relative paths and Node
 * built-ins left out).
 * @param {string} dir
 * @returns {Map<string, string>} module -> first file (relative to ROOT) requiring it
 */
function requiredModules(dir) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const file of jsFiles(path.join(ROOT, dir, 'dist'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
      const spec = m[1];
      if (
        spec.startsWith('node:') ||
        builtinModules.includes(spec) ||
        builtinModules.includes(spec.split('/')[0])
      )
        continue;
      const mod = packageOf(spec);
      if (!out.has(mod)) out.set(mod, path.relative(ROOT, file));
    }
  }
  return out;
}

/**
 * Relative requires of the compiled code of one package that the image would not have: the image
 * holds the package's dist/, data/ and package.json, and proto/ (tools/docker/stage-runtime.sh).
 * Catches a file the code loads but the build does not emit, e.g. a JSON catalogue imported with
 * resolveJsonModule that tsc stopped copying.
 * @param {string} dir the package's directory, relative to the repository root (or absolute)
 * @returns {string[]} problems
 */
function missingRelativeFiles(dir) {
  const pkgDir = path.resolve(ROOT, dir);
  const staged = [
    path.join(pkgDir, 'dist') + path.sep,
    path.join(pkgDir, 'data') + path.sep,
    path.join(pkgDir, 'package.json'),
    path.join(ROOT, 'proto') + path.sep,
  ];
  /** @type {string[]} */
  const out = [];
  for (const file of jsFiles(path.join(pkgDir, 'dist'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\brequire\(\s*["'](\.{1,2}\/[^"']*)["']\s*\)/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const found = [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')].find(
        (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
      );
      const rel = path.relative(ROOT, file);
      if (!found) out.push(`${rel} requires "${m[1]}", which the build did not emit`);
      else if (!staged.some((prefix) => found === prefix || found.startsWith(prefix)))
        out.push(
          `${rel} requires "${m[1]}" (${path.relative(ROOT, found)}), which the image does not hold`,
        );
    }
  }
  return out;
}

/** @returns {{ problems: string[], notes: string[] }} */
function check() {
  const ws = workspaces();
  // The workspaces that tools/docker/images.json builds an image of (the root Dockerfile's WORKSPACE).
  const imageDirs = new Set(Object.values(readJson('tools/docker/images.json')));
  const images = [...ws.values()].filter(({ dir }) => imageDirs.has(dir));
  if (images.length !== imageDirs.size)
    throw new Error('tools/docker/images.json names a workspace that does not exist');
  /** @type {string[]} */
  const problems = [];
  /** @type {Set<string>} */
  const notes = new Set();
  /** @type {Set<string>} */
  const gapsSeen = new Set();
  /** @type {Set<string>} */
  const checked = new Set();
  /** @param {any} pkg */
  const declaredBy = (pkg) => [
    ...Object.keys(pkg.dependencies || {}),
    ...Object.keys(pkg.peerDependencies || {}),
    ...Object.keys(pkg.optionalDependencies || {}),
  ];
  for (const image of images) {
    const members = closure(ws, image.pkg.name);
    // What `npm ci --omit=dev --workspace <image>` installs at the top of node_modules.
    const installed = new Set(members.flatMap((n) => declaredBy(ws.get(n)?.pkg || {})));
    for (const name of members) {
      const entry = ws.get(name);
      if (!entry) continue;
      const { dir, pkg } = entry;
      if (!fs.existsSync(path.join(ROOT, dir, 'dist'))) {
        const msg = `${name} (${dir}): no dist/ — build first (npx nx run-many -t build)`;
        if (!problems.includes(msg)) problems.push(msg);
        continue;
      }
      checked.add(name);
      for (const file of testFiles(path.join(ROOT, dir, 'dist'))) {
        const msg = `${path.relative(ROOT, file)}: test code in the build output (exclude it in ${dir}/tsconfig.build.json, and do not import it from production code)`;
        if (!problems.includes(msg)) problems.push(msg);
      }
      for (const msg of missingRelativeFiles(dir))
        if (!problems.includes(msg)) problems.push(`image ${image.pkg.name}: ${msg}`);
      const own = new Set(declaredBy(pkg));
      for (const [mod, file] of requiredModules(dir)) {
        if (own.has(mod) || mod === name) continue;
        const key = `${name}: ${mod}`;
        if (installed.has(mod)) {
          notes.add(
            `${name} requires "${mod}" without declaring it (${file}); the image has it only because another package of the image declares it`,
          );
          continue;
        }
        if (KNOWN_GAPS[key]) {
          gapsSeen.add(key);
          notes.add(`known gap, image ${image.pkg.name}: ${KNOWN_GAPS[key]}`);
          continue;
        }
        problems.push(
          `image ${image.pkg.name}: ${file} requires "${mod}", which no package of the image declares in "dependencies" (${dir}/package.json should) — npm ci --omit=dev will not install it`,
        );
      }
    }
  }
  for (const key of Object.keys(KNOWN_GAPS)) {
    if (!gapsSeen.has(key) && checked.has(key.split(':')[0])) {
      problems.push(
        `KNOWN_GAPS["${key}"] no longer occurs: remove it from tools/k8s/runtime-deps.js`,
      );
    }
  }
  return {
    problems,
    notes: [
      `checked ${checked.size} workspace package(s) in the images of ${images.map((i) => i.pkg.name).join(', ') || 'nothing'}`,
      ...notes,
    ],
  };
}

module.exports = { check, closure, workspaces, packageOf, missingRelativeFiles };

if (require.main === module) {
  const { problems, notes } = check();
  for (const n of notes) console.log(`runtime-deps: ${n}`);
  for (const p of problems) console.error(`runtime-deps: ${p}`);
  process.exitCode = problems.length ? 1 : 0;
}
