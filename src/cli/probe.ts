/**
 * A separate process's entry that asks Dawn for an adapter and prints what it found as
 * one JSON line on stdout: `{"adapter": "vendor architecture (description)"}`, or
 * `{"adapter": null}`. Dawn's native code writes driver warnings straight to the
 * process's stderr; probing in a child lets the command line keep them off the user's
 * terminal when no adapter exists, and print its own one-line message instead.
 */

import { create, globals } from 'webgpu';
import { describeAdapter } from '../node/dawn';

Object.assign(globalThis, globals);
const adapter = await create([]).requestAdapter();
const name = adapter === null ? null : describeAdapter(adapter.info);
process.stdout.write(`${JSON.stringify({ adapter: name })}\n`);
// Dawn's threads can keep the process alive once the work is done.
process.exit(0);
