// The pieces of the gradient of the truncated Fourier objective
//   F(x, y) = c + Σ a cos(n x + m y) + b sin(n x + m y)
// from the phasors e^{ix} and e^{iy}: one (cos, sin) pair per coordinate serves every mode.
//
// With X = e^{inx} = (C, S) and Y = e^{iky} = (c, s) for k = |m|, and σ = ±1 the sign of m
// (+1 for m = 0), the slope of a term along its phase θ = n x + m y is bilinear in X and Y:
//   −a sin θ + b cos θ = b Cc − σa Cs − a Sc − σb Ss,
// and ∂F/∂x, ∂F/∂y weigh it by n and by m. Modes (n, k) and (n, −k) share the products
// (Cc, Cs, Sc, Ss), so an objective of order N becomes two weight vectors per pair (n, k),
// n, k = 0..N: one for ∂F/∂x, one for ∂F/∂y. packCoefficients computes them, and
// src/engine/gradientSource.ts writes out `gradient_from_phasors`, which sums them, for each
// order: straight-line code with constant indices runs several times faster than a loop on
// CPU drivers, and costs nothing on GPUs.

const MAX_ORDER: u32 = 8u;

// Weight vectors at MAX_ORDER: two per pair (n, k), (MAX_ORDER + 1)² pairs.
const MAX_WEIGHTS: u32 = 162u;

fn complex_mul(p: vec2<f32>, q: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(p.x * q.x - p.y * q.y, p.x * q.y + p.y * q.x);
}

// π/2 in three parts, each with few enough bits that q · part is exact for small q
// (Cody and Waite's argument reduction).
const HALF_PI_HI: f32 = 1.5703125;
const HALF_PI_MID: f32 = 4.837512969970703e-4;
const HALF_PI_LO: f32 = 7.549790126404332e-8;

// 1.5 · 2²³: added to an integer q with |q| < 2²², it leaves q's low bits as the sum's low
// mantissa bits. A bitcast reads them, cheaper on CPU drivers than i32(q), which WGSL clamps.
const INTEGER_BITS: f32 = 12582912.0;

// (cos v, sin v) to about 1e-7 for |v| < 1e5, on any driver. Drivers' own sin and cos may be
// far coarser (SwiftShader's are off by 2e-4), which would dominate every other error of the
// engine. v = q·π/2 + r with |r| ≤ π/4; there the Taylor series of sin (to r⁹) and of cos
// (to r¹⁰) are exact to 2e-9, below float32's rounding.
fn unit_phasor(v: f32) -> vec2<f32> {
  let q = floor(v * 0.6366197723675814 + 0.5);
  let r = ((v - q * HALF_PI_HI) - q * HALF_PI_MID) - q * HALF_PI_LO;
  let r2 = r * r;
  let sin_r = r * (1.0 + r2 * (-1.0 / 6.0 + r2 * (1.0 / 120.0 + r2 * (-1.0 / 5040.0
    + r2 * (1.0 / 362880.0)))));
  let cos_r = 1.0 + r2 * (-0.5 + r2 * (1.0 / 24.0 + r2 * (-1.0 / 720.0
    + r2 * (1.0 / 40320.0 + r2 * (-1.0 / 3628800.0)))));
  // Quadrant q mod 4 turns (cos r, sin r) by q quarter turns; selects keep SIMD lanes in step.
  let quadrant = bitcast<u32>(q + INTEGER_BITS);
  let turned = select(vec2<f32>(cos_r, sin_r), vec2<f32>(-sin_r, cos_r), (quadrant & 1u) != 0u);
  return select(turned, -turned, (quadrant & 2u) != 0u);
}
