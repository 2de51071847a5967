// The advance pass: each invocation moves one particle `steps` steps of the update rule in
// registers, then writes its position and winding numbers once.
// Prepended: common.wgsl, fourier.wgsl.

struct AdvanceParams {
  count: u32,
  steps: u32,
  pad0: u32,
  pad1: u32,
  etaG: f32,
  etaD: f32,
  dt: f32,
  rowStride: u32,
}

@group(0) @binding(0) var<uniform> params: AdvanceParams;
@group(0) @binding(1) var<uniform> coefficients: array<vec4<f32>, MAX_WEIGHTS>;
@group(0) @binding(2) var<storage, read_write> positions: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> winding: array<vec2<i32>>;
@group(0) @binding(4) var<storage, read_write> nonFinite: atomic<u32>;

// A particle in registers: position, seam crossings, and e^{ix}, e^{iy}, kept with the
// position so that a player's phasor is recomputed only when that player moves.
struct Particle {
  position: vec2<f32>,
  turns: vec2<i32>,
  ex: vec2<f32>,
  ey: vec2<f32>,
}

fn move_x(particle: ptr<function, Particle>, x: f32) {
  let w = wrap_angle(x);
  (*particle).position.x = w.value;
  (*particle).turns.x += w.turns;
  (*particle).ex = unit_phasor(w.value);
}

fn move_y(particle: ptr<function, Particle>, y: f32) {
  let w = wrap_angle(y);
  (*particle).position.y = w.value;
  (*particle).turns.y += w.turns;
  (*particle).ey = unit_phasor(w.value);
}

// The generator descends: x ← x − η_G ∂F/∂x.
fn generator_step(particle: ptr<function, Particle>) {
  let g = gradient_from_phasors((*particle).ex, (*particle).ey);
  move_x(particle, (*particle).position.x - params.etaG * g.x);
}

// The discriminator ascends: y ← y + η_D ∂F/∂y.
fn discriminator_step(particle: ptr<function, Particle>) {
  let g = gradient_from_phasors((*particle).ex, (*particle).ey);
  move_y(particle, (*particle).position.y + params.etaD * g.y);
}

// k_D discriminator steps. The loop stands behind a test of the constant, which the compiler
// removes for the usual k_D = 1: on CPU drivers a loop costs a sixth of a step even when
// its count is the constant 1.
fn discriminator_steps(particle: ptr<function, Particle>) {
  discriminator_step(particle);
  if (DISCRIMINATOR_STEPS > 1u) {
    for (var k = 1u; k < DISCRIMINATOR_STEPS; k++) {
      discriminator_step(particle);
    }
  }
}

// Both players step from the same point.
fn simultaneous_step(particle: ptr<function, Particle>) {
  let g = gradient_from_phasors((*particle).ex, (*particle).ey);
  move_x(particle, (*particle).position.x - params.etaG * g.x);
  move_y(particle, (*particle).position.y + params.etaD * g.y);
}

// The continuous field (x', y') = (−η_G ∂F/∂x, η_D ∂F/∂y) at p.
fn velocity(p: vec2<f32>) -> vec2<f32> {
  let g = gradient_from_phasors(unit_phasor(p.x), unit_phasor(p.y));
  return vec2<f32>(-params.etaG * g.x, params.etaD * g.y);
}

// One classical RK4 step of time dt. Stage points are not wrapped: the field is periodic.
fn flow_step(particle: ptr<function, Particle>) {
  let h = params.dt;
  let p = (*particle).position;
  let g = gradient_from_phasors((*particle).ex, (*particle).ey);
  let k1 = vec2<f32>(-params.etaG * g.x, params.etaD * g.y);
  let k2 = velocity(p + 0.5 * h * k1);
  let k3 = velocity(p + 0.5 * h * k2);
  let k4 = velocity(p + h * k3);
  let next = p + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
  move_x(particle, next.x);
  move_y(particle, next.y);
}

// What load_particle returns when there is no particle to move.
const NONE: u32 = 0xffffffffu;

// The particle at `index`, or NONE: past the end of the array, or blown up earlier (such a
// particle stays where it is and is not counted again).
fn load_particle(group_id: vec3<u32>, local_index: u32, particle: ptr<function, Particle>) -> u32 {
  let index = particle_index(group_id, local_index, params.rowStride);
  if (index >= params.count) {
    return NONE;
  }
  let start = positions[index];
  if (is_non_finite(start.x) || is_non_finite(start.y)) {
    return NONE;
  }
  *particle = Particle(start, winding[index], unit_phasor(start.x), unit_phasor(start.y));
  return index;
}

fn store_particle(index: u32, particle: Particle) {
  if (is_non_finite(particle.position.x) || is_non_finite(particle.position.y)) {
    atomicAdd(&nonFinite, 1u);
  }
  positions[index] = particle.position;
  winding[index] = particle.turns;
}


// The update rule and k_D, pipeline constants: each pipeline's step loop holds one rule's
// branch and a fixed count of discriminator steps, so the compiler drops the other branches
// and no particle pays for a branch on them.
override RULE: u32 = RULE_AGD;
override DISCRIMINATOR_STEPS: u32 = 1u;

const RULE_AGD: u32 = 0u;
const RULE_AGD_GENERATOR_FIRST: u32 = 1u;
const RULE_SIMULTANEOUS: u32 = 2u;
const RULE_FLOW: u32 = 3u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn advance(
  @builtin(workgroup_id) group_id: vec3<u32>,
  @builtin(local_invocation_index) local_index: u32,
) {
  var particle: Particle;
  let index = load_particle(group_id, local_index, &particle);
  if (index == NONE) {
    return;
  }
  for (var step = 0u; step < params.steps; step++) {
    switch RULE {
      case RULE_AGD: {
        discriminator_steps(&particle);
        generator_step(&particle);
      }
      case RULE_AGD_GENERATOR_FIRST: {
        generator_step(&particle);
        discriminator_steps(&particle);
      }
      case RULE_SIMULTANEOUS: {
        simultaneous_step(&particle);
      }
      default: {
        flow_step(&particle);
      }
    }
  }
  store_particle(index, particle);
}
