/** Scene files: saving the current scene as JSON, and reading one chosen by the person. */

import { parseSceneText, sceneToJSON } from '../scene/parse';
import type { Scene } from '../scene/types';

/** Offers `scene` as a download named `name`. */
export function downloadScene(scene: Scene, name = 'scene.json'): void {
  const blob = new Blob([sceneToJSON(scene)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started once click() returns; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Reads and validates a scene file; rejects with a SceneError naming what is wrong. */
export async function readSceneFile(file: File): Promise<Scene> {
  return parseSceneText(await file.text());
}
