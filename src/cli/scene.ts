/**
 * The scene a `run` advances: a scene file or a preset, with the command line's overrides
 * applied, validated as a whole by the same parser as the app's scene files.
 */

import { open, type FileHandle } from 'node:fs/promises';
import { SceneError, parseScene, parseSceneText } from '../scene/parse';
import { PRESETS, presetById } from '../scene/presets';
import type { Scene } from '../scene/types';
import type { RunCommand } from './args';
import { CliError, UsageError, printable } from './errors';

/** The resolved scene and where it came from, for the report. */
export interface ResolvedScene {
  scene: Scene;
  /** The scene file's path as given, or `preset:NAME`. */
  source: string;
}

/**
 * The most bytes a scene file may have. A scene with every mode of order 8 is about 10 kB;
 * the bound keeps a wrong path (/dev/zero, a data file) from filling the memory.
 */
export const MAX_SCENE_BYTES = 1 << 20;

/** What a failure to read a scene file means, by error code, in the user's terms. */
const READ_FAILURES: Record<string, string> = {
  ENOENT: 'no such file; give the path of a scene file, or --preset NAME',
  EISDIR: 'is a directory; give the path of a scene file',
  EACCES: 'permission denied',
  // A socket, such as the standard input a program was started with, cannot be opened by name.
  ENXIO: 'cannot be opened by name (a socket?); save the scene to a file and give its path',
};

/**
 * The file's text, or a CliError saying why it cannot be read and what to do. Read without
 * blocking this process: a pipe or a terminal may take its time, and Ctrl-C must still work.
 */
async function readSceneFile(path: string): Promise<string> {
  let file: FileHandle | null = null;
  try {
    file = await open(path, 'r');
    // Read one byte past the bound: a file of exactly MAX_SCENE_BYTES is still accepted.
    const buffer = Buffer.alloc(MAX_SCENE_BYTES + 1);
    let length = 0;
    for (let got = -1; got !== 0 && length < buffer.length; length += got) {
      ({ bytesRead: got } = await file.read(buffer, length, buffer.length - length, null));
    }
    if (length > MAX_SCENE_BYTES) {
      throw new CliError(
        `${printable(path)}: more than ${MAX_SCENE_BYTES} bytes; ` +
          'a scene file is a small JSON object',
      );
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = READ_FAILURES[code] ?? (error as Error).message;
    throw new CliError(`${printable(path)}: ${reason}`);
  } finally {
    await file?.close();
  }
}

async function loadBase(command: RunCommand): Promise<ResolvedScene> {
  if (command.preset !== null) {
    const preset = presetById(command.preset);
    if (preset === undefined) {
      const names = PRESETS.map((p) => p.id).join(', ');
      throw new UsageError(`unknown preset ${JSON.stringify(command.preset)}; presets: ${names}`);
    }
    return { scene: preset.build(), source: `preset:${preset.id}` };
  }
  const path = command.sceneFile!;
  try {
    return { scene: parseSceneText(await readSceneFile(path)), source: path };
  } catch (error) {
    if (error instanceof SceneError) throw new CliError(`${printable(path)}: ${error.message}`);
    throw error;
  }
}

/**
 * Loads the scene of `command` and applies its overrides. The overridden scene goes through
 * `parseScene` again, so that it is checked exactly as a file with those values would be.
 */
export async function resolveScene(command: RunCommand): Promise<ResolvedScene> {
  const base = await loadBase(command);
  try {
    const scene = parseScene({ ...base.scene, ...command.overrides });
    return { scene, source: base.source };
  } catch (error) {
    if (error instanceof SceneError) {
      throw new CliError(`${printable(base.source)}: ${error.message}`);
    }
    throw error;
  }
}
