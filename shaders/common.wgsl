// Shared by every compute pass: the torus, its seam, and the dispatch grid.

const TAU: f32 = 6.283185307179586;
const PI: f32 = 3.141592653589793;

override WORKGROUP_SIZE: u32 = 64u;

// Particle index of an invocation on a 2-D dispatch grid. Past 65 535 workgroups the grid
// gains rows; `row_stride` is the number of particles one row covers.
fn particle_index(group_id: vec3<u32>, local_index: u32, row_stride: u32) -> u32 {
  return group_id.y * row_stride + group_id.x * WORKGROUP_SIZE + local_index;
}

// A coordinate wrapped into [0, 2π) and the number of seams crossed to get there.
struct Wrapped {
  value: f32,
  turns: i32,
}

// Past this many radians float32 cannot resolve an angle to better than a radian: a
// particle thrown that far by one step has lost its position.
const LOST: f32 = 8388608.0;

// v − 2π floor(v / 2π). WGSL's `%` keeps the sign of v, so it cannot be used here. Rounding
// can land exactly on 2π for a tiny negative v; that point is 0, one turn further. A lost
// or non-finite v becomes NaN, which the advance pass counts as a blow-up.
fn wrap_angle(v: f32) -> Wrapped {
  // Most updates stay inside [0, 2π): nothing to do.
  if (v >= 0.0 && v < TAU) {
    return Wrapped(v, 0);
  }
  if (!(abs(v) < LOST)) {
    // A quiet NaN. WGSL rejects NaN constants, so its bits are formed from v at run time.
    return Wrapped(bitcast<f32>(0x7fc00000u | (bitcast<u32>(v) & 0u)), 0);
  }
  let turns = floor(v / TAU);
  var value = v - TAU * turns;
  var whole = i32(turns);
  if (value >= TAU) {
    value = 0.0;
    whole += 1;
  }
  if (value < 0.0) {
    value = 0.0;
  }
  return Wrapped(value, whole);
}

// True when f is NaN or ±∞. Tested on the bits: compilers may assume floats are finite and
// fold `f != f` away.
fn is_non_finite(f: f32) -> bool {
  return (bitcast<u32>(f) & 0x7f800000u) == 0x7f800000u;
}
