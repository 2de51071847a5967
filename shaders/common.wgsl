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

// v − 2π floor(v / 2π). WGSL's `%` keeps the sign of v, so it cannot be used here. Next to
// a seam, rounding can give exactly 2π (that point is 0, one turn further) or a hair below
// 0 (that point is 0). A lost or non-finite v becomes NaN, which the advance pass counts as
// a blow-up. Selects rather than branches: this runs twice per step, and CPU drivers run
// both sides of a branch for a SIMD group of particles anyway.
fn wrap_angle(v: f32) -> Wrapped {
  let turns = floor(v * (1.0 / TAU));
  let value = v - TAU * turns;
  let past_end = value >= TAU;
  let wrapped = select(value, 0.0, past_end | (value < 0.0));
  let lost = !(abs(v) < LOST);
  // A quiet NaN. WGSL rejects NaN constants, so its bits are formed from v at run time.
  let nan = bitcast<f32>(0x7fc00000u | (bitcast<u32>(v) & 0u));
  let whole = i32(turns) + select(0, 1, past_end);
  return Wrapped(select(wrapped, nan, lost), select(whole, 0, lost));
}

// True when f is NaN or ±∞. Tested on the bits: compilers may assume floats are finite and
// fold `f != f` away.
fn is_non_finite(f: f32) -> bool {
  return (bitcast<u32>(f) & 0x7f800000u) == 0x7f800000u;
}
