// The advance pass: each invocation moves one particle `steps` steps of the update rule in
// registers, then writes its position and winding numbers once.
// Prepended: common.wgsl, fourier.wgsl.

const RULE_AGD: u32 = 0u;
const RULE_AGD_GENERATOR_FIRST: u32 = 1u;
const RULE_SIMULTANEOUS: u32 = 2u;
const RULE_FLOW: u32 = 3u;

struct AdvanceParams {
  count: u32,
  steps: u32,
  rule: u32,
  modeCount: u32,
  etaG: f32,
  etaD: f32,
  dt: f32,
  discriminatorSteps: u32,
  maxOrder: u32,
  rowStride: u32,
  pad0: u32,
  pad1: u32,
}

@group(0) @binding(0) var<uniform> params: AdvanceParams;
@group(0) @binding(1) var<uniform> modes: array<vec4<f32>, MAX_MODES>;
@group(0) @binding(2) var<storage, read_write> positions: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> winding: array<vec2<i32>>;
@group(0) @binding(4) var<storage, read_write> nonFinite: atomic<u32>;

// A particle in registers: its wrapped position and its seam crossings per axis.
struct Particle {
  position: vec2<f32>,
  turns: vec2<i32>,
}

fn gradient_at(p: vec2<f32>) -> vec2<f32> {
  return objective_gradient(p, params.modeCount, params.maxOrder);
}

fn set_x(particle: ptr<function, Particle>, x: f32) {
  let w = wrap_angle(x);
  (*particle).position.x = w.value;
  (*particle).turns.x += w.turns;
}

fn set_y(particle: ptr<function, Particle>, y: f32) {
  let w = wrap_angle(y);
  (*particle).position.y = w.value;
  (*particle).turns.y += w.turns;
}

// The generator descends: x ← x − η_G ∂F/∂x.
fn generator_step(particle: ptr<function, Particle>) {
  let g = gradient_at((*particle).position);
  set_x(particle, (*particle).position.x - params.etaG * g.x);
}

// The discriminator ascends, k_D times: y ← y + η_D ∂F/∂y.
fn discriminator_steps(particle: ptr<function, Particle>) {
  for (var k = 0u; k < params.discriminatorSteps; k++) {
    let g = gradient_at((*particle).position);
    set_y(particle, (*particle).position.y + params.etaD * g.y);
  }
}

// Both players step from the same point.
fn simultaneous_step(particle: ptr<function, Particle>) {
  let g = gradient_at((*particle).position);
  set_x(particle, (*particle).position.x - params.etaG * g.x);
  set_y(particle, (*particle).position.y + params.etaD * g.y);
}

// The continuous field (x', y') = (−η_G ∂F/∂x, η_D ∂F/∂y).
fn velocity(p: vec2<f32>) -> vec2<f32> {
  let g = gradient_at(p);
  return vec2<f32>(-params.etaG * g.x, params.etaD * g.y);
}

// One classical RK4 step of time dt. Stage points are not wrapped: the field is periodic.
fn flow_step(particle: ptr<function, Particle>) {
  let h = params.dt;
  let p = (*particle).position;
  let k1 = velocity(p);
  let k2 = velocity(p + 0.5 * h * k1);
  let k3 = velocity(p + 0.5 * h * k2);
  let k4 = velocity(p + h * k3);
  let next = p + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
  set_x(particle, next.x);
  set_y(particle, next.y);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn advance(
  @builtin(workgroup_id) group_id: vec3<u32>,
  @builtin(local_invocation_index) local_index: u32,
) {
  let index = particle_index(group_id, local_index, params.rowStride);
  if (index >= params.count) {
    return;
  }

  var particle = Particle(positions[index], winding[index]);
  let start = particle.position;
  // A particle that blew up earlier stays where it is and is not counted again.
  if (is_non_finite(start.x) || is_non_finite(start.y)) {
    return;
  }

  for (var step = 0u; step < params.steps; step++) {
    switch params.rule {
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

  if (is_non_finite(particle.position.x) || is_non_finite(particle.position.y)) {
    atomicAdd(&nonFinite, 1u);
  }
  positions[index] = particle.position;
  winding[index] = particle.turns;
}
