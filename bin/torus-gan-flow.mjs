#!/usr/bin/env node
// The `torus-gan-flow` command: starts the build in dist/cli/, which `npm ci` and
// `npm install` make through the package's `prepare` script (or `npm run build:cli`).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.mjs', import.meta.url);
if (!existsSync(main)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `torus-gan-flow: the command is not built; run "npm run build:cli" in ${root}\n`,
  );
  process.exit(1);
}
await import(main.href);
