// The seed pass: initial positions from an integer hash of (seed, index), so that millions
// of particles never repeat (float hashes such as fract(sin(...)) do past about a million).
// Prepended: common.wgsl.

const START_UNIFORM: u32 = 0u;
const START_DISK: u32 = 1u;
const START_GRID: u32 = 2u;

struct SeedParams {
  count: u32,
  seed: u32,
  kind: u32,
  rowStride: u32,
  centerX: f32,
  centerY: f32,
  radius: f32,
  gridWidth: u32,
  gridHeight: u32,
  pad0: u32,
  pad1: u32,
  pad2: u32,
}

@group(0) @binding(0) var<uniform> params: SeedParams;
@group(0) @binding(1) var<storage, read_write> positions: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> initial: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> winding: array<vec2<i32>>;

// PCG hash (O'Neill's permuted congruential generator, one round, RXS-M-XS output).
fn pcg_hash(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

// A uniform float in [0, 1) from the top 24 bits of a hash: exact in float32.
fn unit_float(h: u32) -> f32 {
  return f32(h >> 8u) * (1.0 / 16777216.0);
}

// Two independent uniforms in [0, 1) for particle `index`.
fn uniform_pair(index: u32) -> vec2<f32> {
  let stream = pcg_hash(params.seed ^ 0x9e3779b9u);
  let hx = pcg_hash(pcg_hash(index ^ stream) + 0x632be5abu);
  let hy = pcg_hash(hx ^ 0x85ebca6bu);
  return vec2<f32>(unit_float(hx), unit_float(hy));
}

fn start_position(index: u32) -> vec2<f32> {
  switch params.kind {
    case START_DISK: {
      // Uniform in the disk: radius ∝ √u keeps the density flat.
      let u = uniform_pair(index);
      let r = params.radius * sqrt(u.x);
      let angle = TAU * u.y - PI;
      let offset = r * vec2<f32>(cos(angle), sin(angle));
      let p = vec2<f32>(params.centerX, params.centerY) + offset;
      return vec2<f32>(wrap_angle(p.x).value, wrap_angle(p.y).value);
    }
    case START_GRID: {
      // Cell centres of a width × height grid; particle i sits on cell i mod (width·height).
      let cell = index % (params.gridWidth * params.gridHeight);
      let column = cell % params.gridWidth;
      let row = cell / params.gridWidth;
      return vec2<f32>(
        (f32(column) + 0.5) * TAU / f32(params.gridWidth),
        (f32(row) + 0.5) * TAU / f32(params.gridHeight),
      );
    }
    default: {
      let p = TAU * uniform_pair(index);
      // Rounding can carry TAU · (1 − 2⁻²⁴) up to TAU itself.
      return vec2<f32>(wrap_angle(p.x).value, wrap_angle(p.y).value);
    }
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn seed(
  @builtin(workgroup_id) group_id: vec3<u32>,
  @builtin(local_invocation_index) local_index: u32,
) {
  let index = particle_index(group_id, local_index, params.rowStride);
  if (index >= params.count) {
    return;
  }
  let p = start_position(index);
  positions[index] = p;
  initial[index] = p;
  winding[index] = vec2<i32>(0, 0);
}
