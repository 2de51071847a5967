/**
 * The scene in the page URL: `#scene=<base64url of compact JSON>`. The fragment never reaches
 * a server, survives copy and paste, and base64url needs no percent-escaping. JSON prints
 * every float64 with the shortest digits that read back to the same number, so a scene
 * round-trips exactly.
 */

import { SceneError, parseScene } from './parse';
import type { Scene } from './types';

const KEY = 'scene';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes unpadded base64url; throws a `SceneError` on characters or lengths it can't be. */
function fromBase64Url(text: string): Uint8Array {
  // A length of 1 mod 4 cannot come from any byte string.
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new SceneError('scene in the URL is not valid base64url');
  }
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The URL fragment, with its leading `#`, that carries `scene`. */
export function sceneToHash(scene: Scene): string {
  const bytes = new TextEncoder().encode(JSON.stringify(scene));
  return `#${KEY}=${toBase64Url(bytes)}`;
}

/**
 * The scene carried by a URL fragment (`location.hash`, with or without its `#`), or null
 * when it carries none. Other `key=value` parts joined by `&` are ignored. Throws a
 * `SceneError` when the scene part is not base64url, not UTF-8 JSON, or not a valid scene.
 */
export function sceneFromHash(hash: string): Scene | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const part = body.split('&').find((p) => p.startsWith(`${KEY}=`));
  if (part === undefined) return null;

  const bytes = fromBase64Url(part.slice(KEY.length + 1));
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new SceneError(`scene in the URL is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseScene(json);
  } catch (error) {
    if (error instanceof SceneError) {
      throw new SceneError(`scene in the URL is invalid: ${error.message}`);
    }
    throw error;
  }
}
