/** The text of `torus-gan-flow --help`. */

import { PRESETS } from '../scene/presets';
import { RULES } from '../scene/types';

/** Every command, option, preset, output file and exit status, for `--help`. */
export function helpText(): string {
  const presets = PRESETS.map((preset) => `  ${preset.id.padEnd(18)}${preset.label}`);
  return [
    'torus-gan-flow: many GAN training runs at once, as particles flowing on the torus',
    '',
    'Usage:',
    '  torus-gan-flow run SCENE.json --save DIR [options]',
    '  torus-gan-flow run --preset NAME --save DIR [options]',
    '  torus-gan-flow bench',
    '  torus-gan-flow --help | --version',
    '',
    'run advances the scene\'s particles for its "steps" on the GPU (or on SwiftShader, a',
    'CPU driver, without one) and writes into DIR:',
    '  initial.npy     N×2 float32, starting positions (x, y) in radians, in [0, 2π)',
    '  positions.npy   N×2 float32, final positions, wrapped into [0, 2π)',
    '  winding.npy     N×2 int32, seam crossings per axis: x + 2π·wx is the unwrapped x',
    '  report.json     the resolved scene, adapter, particles, steps, time, rate',
    'DIR is created if needed; the four files appear only once all are complete.',
    '',
    'Options of run:',
    '  --save DIR                 where to write the results (required)',
    '  --preset NAME              run a built-in preset instead of a scene file',
    '  --steps N                  steps to advance (overrides the scene\'s "steps")',
    '  --particles N              number of particles, e.g. 1e6 (overrides "particles")',
    '  --seed N                   integer seed of the starting positions, 0 … 4294967295',
    `  --rule RULE                update rule: ${RULES.join(', ')}`,
    '  --steps-per-dispatch N     steps per GPU submission; by default about a second of',
    '                             work each, as measured; results do not depend on it',
    '  -h, --help                 this text',
    '  --version                  the version of torus-gan-flow',
    '',
    'bench prints particle-steps per second of the GPU engine and of the float64',
    'TypeScript reference, at 1e5, 1e6 and 4e6 particles, for two objectives.',
    '',
    'Presets:',
    ...presets,
    '',
    'Scene files are the JSON scenes the app saves; see the README ("Scene files").',
    'A progress bar is drawn on stderr when it is a terminal. Exit status: 0 done, 1 the',
    'run failed (bad scene, no adapter, too many particles), 2 the command is malformed.',
    'SIGHUP, Ctrl-C (SIGINT), SIGQUIT and SIGTERM leave nothing half-written and end the',
    'command by the same signal (shells report 129, 130, 143); SIGQUIT exits with 131.',
    `Without a GPU, set VK_ICD_FILENAMES to SwiftShader's ICD file (Debian's chromium`,
    'package installs /usr/lib/chromium/vk_swiftshader_icd.json; it is used when found).',
  ].join('\n');
}
