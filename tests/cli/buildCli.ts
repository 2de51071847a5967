/**
 * Vitest's global setup: builds the command once, into dist/cli/ as `npm ci` does, before
 * any test file starts. The command-line tests all run that build; building it in each
 * file instead would run Vite builds of this project side by side, which Vite refuses.
 */

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'pipe' });
}
