/**
 * How the app shows and drives a scene, as opposed to what the scene is: these settings
 * are not part of the scene's JSON form, the URL or a scene file.
 */

/** Which views share the canvas. */
export type Layout = 'both' | 'square' | 'torus';

export const LAYOUTS: readonly Layout[] = ['both', 'square', 'torus'];

export interface ViewSettings {
  layout: Layout;
  /** Whether the particles advance every frame. */
  running: boolean;
  /** Steps of the update rule per animation frame. */
  stepsPerFrame: number;
  /** Side of a particle's square, in CSS pixels. */
  pointSize: number;
  /** Radius of the donut's big circle (x runs around it), in world units. */
  majorRadius: number;
  /** Radius of the donut's tube (y runs around it), in world units. */
  minorRadius: number;
  /** F as a heat map behind the square and on the donut's surface. */
  heatMap: boolean;
}

export const DEFAULT_SETTINGS: ViewSettings = {
  layout: 'both',
  running: true,
  stepsPerFrame: 2,
  pointSize: 1.5,
  majorRadius: 1,
  minorRadius: 0.42,
  heatMap: true,
};
