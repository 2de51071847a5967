/** Entry point of the browser app: finds the page's elements and starts the app. */

import { ColorManagement } from 'three/webgpu';
import { App } from './app/app';
import './app/style.css';

// Every colour in the app (particles, heat map, background) is a display value, written
// to the canvas as is; three's conversions between colour spaces would only alter them.
ColorManagement.enabled = false;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`index.html lacks #${id}`);
  return element as T;
}

new App({
  views: byId('views'),
  overlay: byId('overlay'),
  messages: byId('messages'),
  stats: byId('stats'),
  caption: byId('caption'),
  gui: byId('panel'),
  fileInput: byId<HTMLInputElement>('scene-file'),
});
