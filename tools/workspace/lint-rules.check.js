#!/usr/bin/env node
// @ts-check
// Shows that the workspace's own lint rules fire, on small texts linted as if they sat at real
// paths (nothing is written): a rule that silently stopped matching its files would otherwise
// pass every lint run. Run by the `workspace:lint` target.
// usage: node tools/workspace/lint-rules.check.js    exit 1 when a rule did not do what it says
'use strict';

const path = require('node:path');
const { ESLint } = require('eslint');

const ROOT = path.resolve(__dirname, '..', '..');

/** How often each rule must fire on each text. @type {{ what: string, file: string, text: string, rule: string, fires: number }[]} */
const CASES = [
  {
    what: 'a service domain file importing Nest',
    file: 'services/intake/src/case/domain/lint-fixture.ts',
    text: "import { Injectable } from '@nestjs/common';\nexport const a = Injectable;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    fires: 1,
  },
  {
    what: 'a service domain file importing a type from the generated contracts',
    file: 'services/mediation/src/mediation/domain/lint-fixture.ts',
    text: "import type { mediationV1 } from '@mediation/contracts';\nexport type A = mediationV1.Mediation;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    fires: 1,
  },
  {
    what: 'a nested service domain file importing mongoose, kafkajs and gRPC',
    file: 'services/statistics/src/rollups/domain/sub/lint-fixture.ts',
    text: "import 'mongoose';\nimport 'kafkajs';\nimport '@grpc/grpc-js';\n",
    rule: '@typescript-eslint/no-restricted-imports',
    fires: 3,
  },
  {
    what: 'a service file outside domain/ importing Nest',
    file: 'services/intake/src/case/lint-fixture.ts',
    text: "import { Injectable } from '@nestjs/common';\nexport const a = Injectable;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    fires: 0,
  },
  {
    what: 'a CommonJS script with an unused variable',
    file: 'tools/k8s/lint-fixture.js',
    text: "const fs = require('node:fs');\nconst unused = fs;\n",
    rule: '@typescript-eslint/no-unused-vars',
    fires: 1,
  },
  {
    what: 'a CommonJS script using an undefined global',
    file: 'libs/org-directory/scripts/lint-fixture.js',
    text: 'module.exports = window;\n',
    rule: 'no-undef',
    fires: 1,
  },
  {
    what: 'a CommonJS script using Node globals',
    file: 'bench/lint-fixture.js',
    text: 'module.exports = { dir: __dirname, env: process.env, b: Buffer.from("") };\n',
    rule: 'no-undef',
    fires: 0,
  },
];

async function main() {
  const eslint = new ESLint({ cwd: ROOT });
  let failed = 0;
  for (const c of CASES) {
    const [result] = await eslint.lintText(c.text, { filePath: path.join(ROOT, c.file) });
    const fired = result.messages.filter((m) => m.ruleId === c.rule).length;
    const ok = fired === c.fires;
    if (!ok) failed++;
    console[ok ? 'log' : 'error'](
      `${ok ? 'ok  ' : 'FAIL'} ${c.what}: ${c.rule} fires ${fired} time(s)${ok ? '' : `, expected ${c.fires}`}`,
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
