#!/usr/bin/env node
// @ts-check
// Project rules for the images' Dockerfiles, on top of hadolint (which tools/k8s/check.sh also
// runs): what hadolint cannot know about this monorepo. Static: no Docker engine needed.
//
// usage: node tools/k8s/dockerfile-policy.js <Dockerfile>...    exit 1 on any violation
// (run from the repository root: it also checks tools/docker/images.json against the workspaces)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** Node.js major versions with upstream support for images (20 reached end of life in April 2026). */
const SUPPORTED_NODE_MAJORS = [22, 24];

const RULES = {
  'base-image-pinned': 'every FROM names an exact tag (not latest, not missing) or a digest',
  'node-lts': `Node base images are a supported LTS line (${SUPPORTED_NODE_MAJORS.join(', ')}) and all stages use the same one`,
  'multi-stage':
    'a build stage and a separate runtime stage; the runtime stage copies no sources and installs nothing',
  'prod-deps-only': 'production dependencies are installed with npm ci --omit=dev',
  'non-root-user':
    'the runtime stage ends with a numeric, non-zero USER (Kubernetes can verify runAsNonRoot)',
  'no-add': 'COPY, never ADD (no remote URLs, no implicit unpacking)',
  'exec-form-cmd':
    'the runtime stage has a CMD or ENTRYPOINT in exec (JSON) form, so node gets SIGTERM',
  parameterised:
    'one Dockerfile for every image: ARG WORKSPACE in the build and deps stages, `nx build` of its project, the production install of that workspace, CMD starting main.js (stage-runtime.sh links it to <workspace>/dist/main.js)',
  'images-listed':
    'tools/docker/images.json names each image and its workspace (a built Nx project); no per-image Dockerfile beside it',
};

/** @typedef {{ file: string, line: number, rule: string, message: string }} DockerViolation */
/** @typedef {{ keyword: string, args: string, line: number }} Instruction */

/**
 * Instructions with continuation lines joined; comments and blank lines dropped.
 * @param {string} text
 * @returns {Instruction[]}
 */
function parseDockerfile(text) {
  /** @type {Instruction[]} */
  const out = [];
  const lines = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (buf === '' && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (buf !== '' && trimmed.startsWith('#')) continue; // comment inside a continued instruction
    if (buf === '') start = i + 1;
    if (/\\\s*$/.test(raw)) {
      buf += raw.replace(/\\\s*$/, ' ');
      continue;
    }
    buf += raw;
    const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(buf);
    if (m) out.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line: start });
    buf = '';
  }
  return out;
}

/**
 * @param {string} text the Dockerfile
 * @param {string} file its path relative to the repository root (for messages and matches-project)
 * @returns {DockerViolation[]}
 */
function checkDockerfile(text, file) {
  /** @type {DockerViolation[]} */
  const out = [];
  /** @param {number} line @param {string} rule @param {string} message */
  const bad = (line, rule, message) => out.push({ file, line, rule, message });
  const instructions = parseDockerfile(text);

  /** @type {Record<string, string>} */
  const args = {};
  /** @type {{ from: Instruction, image: string, name?: string, body: Instruction[] }[]} */
  const stages = [];
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && stages.length === 0) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(ins.args);
      if (m && m[2] !== undefined) args[m[1]] = m[2].replace(/^["']|["']$/g, '');
      continue;
    }
    if (ins.keyword === 'FROM') {
      const parts = ins.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const image = (parts[0] || '').replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, v) =>
        v in args ? args[v] : `$${v}`,
      );
      const asIndex = parts.findIndex((p) => p.toUpperCase() === 'AS');
      stages.push({
        from: ins,
        image,
        name: asIndex >= 0 ? parts[asIndex + 1] : undefined,
        body: [],
      });
      continue;
    }
    if (stages.length) stages[stages.length - 1].body.push(ins);
  }

  if (stages.length === 0) {
    bad(1, 'multi-stage', 'no FROM instruction');
    return out;
  }

  const stageNames = new Set();
  /** @type {Set<number>} */
  const nodeMajors = new Set();
  const nodeTags = new Set();
  for (const stage of stages) {
    const { image, from } = stage;
    if (stageNames.has(image)) {
      // FROM an earlier stage: nothing to pin.
    } else if (image.includes('$')) {
      bad(
        from.line,
        'base-image-pinned',
        `FROM ${image}: the image depends on a build argument without a default; pin it`,
      );
    } else if (!/@sha256:[0-9a-f]{64}$/.test(image)) {
      const last = image.slice(image.lastIndexOf('/') + 1);
      const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
      if (tag === '')
        bad(
          from.line,
          'base-image-pinned',
          `FROM ${image}: no tag (means :latest); pin an exact version`,
        );
      else if (tag === 'latest')
        bad(
          from.line,
          'base-image-pinned',
          `FROM ${image}: "latest" is not a version; pin an exact version`,
        );
      else if (
        /^(node|library\/node|docker\.io\/library\/node)$/.test(image.split(':')[0]) &&
        !/^\d+\.\d+\.\d+/.test(tag)
      ) {
        bad(
          from.line,
          'base-image-pinned',
          `FROM ${image}: "${tag}" moves with every release; pin major.minor.patch (e.g. 24.21.0-bookworm-slim)`,
        );
      }
    }
    const nodeMatch = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)/.exec(image);
    if (nodeMatch) {
      const major = Number(nodeMatch[1]);
      nodeMajors.add(major);
      nodeTags.add(image);
      if (!SUPPORTED_NODE_MAJORS.includes(major)) {
        bad(
          from.line,
          'node-lts',
          `FROM ${image}: Node ${major} is not a supported LTS line for images (use ${SUPPORTED_NODE_MAJORS.join(' or ')})`,
        );
      }
    }
    if (stage.name) stageNames.add(stage.name);
  }
  if (nodeTags.size > 1) {
    bad(
      stages[0].from.line,
      'node-lts',
      `stages use different Node images (${[...nodeTags].join(', ')}); build and run on the same one`,
    );
  }

  const final = stages[stages.length - 1];
  if (stages.length < 2) {
    bad(
      final.from.line,
      'multi-stage',
      'single stage: build in one stage, copy the output into a clean runtime stage',
    );
  }
  for (const ins of final.body) {
    if (ins.keyword === 'COPY' && !/--from=/.test(ins.args)) {
      bad(
        ins.line,
        'multi-stage',
        `runtime stage copies from the build context (COPY ${ins.args}); copy built output --from a build stage`,
      );
    }
    if (ins.keyword === 'RUN' && /\bnpm\s+(ci|install|i)\b/.test(ins.args)) {
      bad(
        ins.line,
        'multi-stage',
        'runtime stage runs npm; install dependencies in an earlier stage and copy node_modules',
      );
    }
  }

  const prodInstall = instructions.some(
    (i) => i.keyword === 'RUN' && /\bnpm\s+ci\b[^&|;]*--omit[= ]dev\b/.test(i.args),
  );
  if (!prodInstall)
    bad(
      final.from.line,
      'prod-deps-only',
      'no `npm ci --omit=dev`: the image would carry dev dependencies',
    );

  const users = final.body.filter((i) => i.keyword === 'USER');
  const lastUser = users.length ? users[users.length - 1] : undefined;
  if (!lastUser) {
    bad(
      final.from.line,
      'non-root-user',
      'runtime stage has no USER: the container would run as root',
    );
  } else {
    const user = lastUser.args.split(':')[0];
    if (user === 'root' || user === '0')
      bad(lastUser.line, 'non-root-user', `USER ${lastUser.args} is root`);
    else if (!/^\d+$/.test(user))
      bad(
        lastUser.line,
        'non-root-user',
        `USER ${lastUser.args} is a name; use the numeric uid so Kubernetes can verify runAsNonRoot`,
      );
  }

  for (const ins of instructions) {
    if (ins.keyword === 'ADD') {
      const remote = /(https?:\/\/|git@)/.test(ins.args);
      bad(
        ins.line,
        'no-add',
        remote
          ? `ADD ${ins.args}: downloads at build time, unverified; fetch through a package manager`
          : `ADD ${ins.args}: use COPY`,
      );
    }
  }

  const cmd = [...final.body]
    .reverse()
    .find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (!cmd) bad(final.from.line, 'exec-form-cmd', 'runtime stage has no CMD or ENTRYPOINT');
  else if (!cmd.args.startsWith('['))
    bad(
      cmd.line,
      'exec-form-cmd',
      `${cmd.keyword} ${cmd.args}: shell form runs under /bin/sh, which does not pass SIGTERM to node; use the JSON form`,
    );

  // The parameterised Dockerfile: every place that names the workspace takes it from the build
  // argument, so one file cannot build one workspace and run another.
  const declares = (/** @type {{ body: Instruction[] }} */ stage) =>
    stage.body.some((i) => i.keyword === 'ARG' && /^WORKSPACE(=|$)/.test(i.args));
  const build = stages.find((st) => /\bnx\s+build\b/.test(st.body.map((i) => i.args).join('\n')));
  const para = (/** @type {number} */ line, /** @type {string} */ message) =>
    bad(line, 'parameterised', message);
  if (!build) para(1, 'no stage runs `nx build`');
  else {
    if (!declares(build)) para(build.from.line, 'the build stage does not declare ARG WORKSPACE');
    if (!/\bnx\s+build\s+"?\$\{WORKSPACE##\*\/\}"?/.test(text))
      para(build.from.line, 'does not run `nx build "${WORKSPACE##*/}"`');
    if (!/stage-runtime\.sh\s+"?\$\{?WORKSPACE\}?"?/.test(text))
      para(build.from.line, 'does not stage "$WORKSPACE" with tools/docker/stage-runtime.sh');
  }
  const deps = stages.find((st) =>
    st.body.some((i) => i.keyword === 'RUN' && /--omit[= ]dev/.test(i.args)),
  );
  if (deps && !declares(deps))
    para(
      deps.from.line,
      'the stage that installs production dependencies does not declare ARG WORKSPACE',
    );
  if (!/--omit[= ]dev\b[^&|;]*--workspace\s+"?\$\{?WORKSPACE\}?"?/.test(text))
    para(final.from.line, 'the production install is not of `--workspace "$WORKSPACE"`');
  if (!cmd || !/^\[\s*"node"[^\]]*"main\.js"\s*\]$/.test(cmd.args))
    para(
      cmd ? cmd.line : 1,
      "CMD does not start main.js (the link to the workspace's entry point)",
    );
  return out;
}

/**
 * The image list against the workspaces: each image's workspace is an Nx project named after its
 * directory, with a build target; no Dockerfile elsewhere competes with the parameterised one.
 * @param {string} root the repository root
 * @returns {string[]} problems
 */
function checkImages(root) {
  /** @type {string[]} */
  const problems = [];
  const listFile = 'tools/docker/images.json';
  /** @type {Record<string, string>} */
  const images = JSON.parse(fs.readFileSync(path.join(root, listFile), 'utf8'));
  for (const [image, workspace] of Object.entries(images)) {
    const projectFile = path.join(root, workspace, 'project.json');
    if (!fs.existsSync(path.join(root, workspace, 'package.json')) || !fs.existsSync(projectFile)) {
      problems.push(
        `${listFile}: image ${image}: ${workspace} is not a workspace with a project.json`,
      );
      continue;
    }
    const project = JSON.parse(fs.readFileSync(projectFile, 'utf8'));
    if (project.name !== path.basename(workspace))
      problems.push(
        `${listFile}: image ${image}: the Nx project of ${workspace} is "${project.name}", not "${path.basename(workspace)}" (the Dockerfile builds the directory's name)`,
      );
    if (!project.targets || !project.targets.build)
      problems.push(`${listFile}: image ${image}: ${workspace} has no build target`);
  }
  for (const dir of ['services', 'libs', 'tools']) {
    for (const entry of fs.readdirSync(path.join(root, dir))) {
      if (fs.existsSync(path.join(root, dir, entry, 'Dockerfile')))
        problems.push(
          `${dir}/${entry}/Dockerfile: images are built from the repository root's Dockerfile (--build-arg WORKSPACE=...)`,
        );
    }
  }
  return problems;
}

/** @param {DockerViolation} v */
function formatDockerViolation(v) {
  return `${v.file}:${v.line}: [${v.rule}] ${v.message}`;
}

/** @param {string[]} argv */
function main(argv) {
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    console.error('usage: node tools/k8s/dockerfile-policy.js <Dockerfile>...');
    return 2;
  }
  let failed = 0;
  for (const problem of checkImages(process.cwd())) {
    failed++;
    console.error(`[images-listed] ${problem}`);
  }
  for (const file of files) {
    const violations = checkDockerfile(
      fs.readFileSync(file, 'utf8'),
      path.relative(process.cwd(), path.resolve(file)),
    );
    failed += violations.length;
    for (const v of violations) console.error(formatDockerViolation(v));
  }
  if (failed) {
    console.error(`dockerfile-policy: ${failed} violation(s) in ${files.length} Dockerfile(s)`);
    return 1;
  }
  console.log(
    `dockerfile-policy: ${files.length} Dockerfile(s), ${Object.keys(RULES).length} rules, no violations`,
  );
  return 0;
}

module.exports = {
  RULES,
  SUPPORTED_NODE_MAJORS,
  parseDockerfile,
  checkDockerfile,
  checkImages,
  formatDockerViolation,
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
