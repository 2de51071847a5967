// The pieces of the gradient of the truncated Fourier objective
//   F(x, y) = c + Σ a cos(n x + m y) + b sin(n x + m y)
// by complex recurrence: e^{iθ} = (e^{ix})^n (e^{iy})^m, so one (cos, sin) pair per
// coordinate serves every mode.
//
// The coefficients fill a dense grid, n = 0..order by m = −order..order, row-major, each
// entry vec4(n a, n b, m a, m b): ∂F/∂x and ∂F/∂y of the term, up to the phase. Absent
// modes are zero. `gradient_from_phasors`, which walks that grid, is written out for each
// order by src/engine/gradientSource.ts: straight-line code with constant indices runs
// several times faster than a loop on CPU drivers, and costs nothing on GPUs.

const MAX_ORDER: u32 = 8u;

// Entries of the coefficient grid at MAX_ORDER: (MAX_ORDER + 1) (2 MAX_ORDER + 1).
const MAX_TERMS: u32 = 153u;

fn complex_mul(p: vec2<f32>, q: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(p.x * q.x - p.y * q.y, p.x * q.y + p.y * q.x);
}

// π/2 in three parts, each with few enough bits that q · part is exact for small q
// (Cody and Waite's argument reduction).
const HALF_PI_HI: f32 = 1.5703125;
const HALF_PI_MID: f32 = 4.837512969970703e-4;
const HALF_PI_LO: f32 = 7.549790126404332e-8;

// (cos v, sin v) to about 1e-7, on any driver. Drivers' own sin and cos may be far coarser
// (SwiftShader's are off by 2e-4), which would dominate every other error of the engine.
// v = q·π/2 + r with |r| ≤ π/4; there the Taylor series of sin (to r⁹) and of cos
// (to r¹⁰) are exact to 2e-9, below float32's rounding.
fn unit_phasor(v: f32) -> vec2<f32> {
  let q = round(v * 0.6366197723675814);
  let r = ((v - q * HALF_PI_HI) - q * HALF_PI_MID) - q * HALF_PI_LO;
  let r2 = r * r;
  let sin_r = r * (1.0 + r2 * (-1.0 / 6.0 + r2 * (1.0 / 120.0 + r2 * (-1.0 / 5040.0
    + r2 * (1.0 / 362880.0)))));
  let cos_r = 1.0 + r2 * (-0.5 + r2 * (1.0 / 24.0 + r2 * (-1.0 / 720.0
    + r2 * (1.0 / 40320.0 + r2 * (-1.0 / 3628800.0)))));
  // Quadrant q mod 4 turns (cos r, sin r) by q quarter turns; selects keep SIMD lanes in step.
  let quadrant = i32(q) & 3;
  let turned = select(vec2<f32>(cos_r, sin_r), vec2<f32>(-sin_r, cos_r), (quadrant & 1) != 0);
  return select(turned, -turned, (quadrant & 2) != 0);
}
