/** One view's particles: a Sprite drawn once per particle (instanced), never culled. */

import { Sprite } from 'three/webgpu';
import type { ParticleBuffers } from './particleBuffers';
import {
  createParticleMaterial,
  type ParticleMapping,
  type ParticleUniforms,
} from './particleMaterial';

/**
 * A sprite drawing every particle of `buffers`. Its bounding sphere knows nothing of the
 * particles (they are placed in the shader), so frustum culling is off.
 */
export function createParticleSprite(
  buffers: ParticleBuffers,
  mapping: ParticleMapping,
  uniforms: ParticleUniforms,
): Sprite {
  const material = createParticleMaterial(buffers.positions, buffers.initial, mapping, uniforms);
  const sprite = new Sprite(material);
  sprite.name = `ParticleSprite.${mapping}`;
  sprite.count = buffers.count;
  sprite.frustumCulled = false;
  // Drawn after the surfaces, so that depth testing hides particles behind the donut.
  sprite.renderOrder = 1;
  return sprite;
}

/** Frees the sprite's material; the shared sprite geometry and the buffers stay. */
export function disposeParticleSprite(sprite: Sprite): void {
  sprite.removeFromParent();
  sprite.material.dispose();
}
