// The gradient of the truncated Fourier objective
//   F(x, y) = c + Σ a cos(n x + m y) + b sin(n x + m y)
// by complex recurrence: e^{iθ} = (e^{ix})^n (e^{iy})^m, so one sin/cos pair per coordinate
// serves every mode.
//
// The modes come canonical (n ≥ 0) as vec4(n, m, a, b) in `modes`, with `mode_count` and
// `max_order` (the largest |n| or |m|) supplied by the pass that includes this file.

const MAX_ORDER: u32 = 8u;
const MAX_MODES: u32 = 144u;

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
// v = q·π/2 + r with |r| ≤ π/4; Taylor series in r to the 12th order are exact to 1e-11
// there; the quadrant q then permutes and negates the pair.
fn unit_phasor(v: f32) -> vec2<f32> {
  let q = round(v * 0.6366197723675814);
  let r = ((v - q * HALF_PI_HI) - q * HALF_PI_MID) - q * HALF_PI_LO;
  let r2 = r * r;
  let sin_r = r * (1.0 + r2 * (-1.0 / 6.0 + r2 * (1.0 / 120.0 + r2 * (-1.0 / 5040.0
    + r2 * (1.0 / 362880.0 + r2 * (-1.0 / 39916800.0))))));
  let cos_r = 1.0 + r2 * (-0.5 + r2 * (1.0 / 24.0 + r2 * (-1.0 / 720.0
    + r2 * (1.0 / 40320.0 + r2 * (-1.0 / 3628800.0 + r2 * (1.0 / 479001600.0))))));
  switch (i32(q) & 3) {
    case 1: {
      return vec2<f32>(-sin_r, cos_r);
    }
    case 2: {
      return vec2<f32>(-cos_r, -sin_r);
    }
    case 3: {
      return vec2<f32>(sin_r, -cos_r);
    }
    default: {
      return vec2<f32>(cos_r, sin_r);
    }
  }
}

// ∇F(x, y) = (∂F/∂x, ∂F/∂y). Per mode, with θ = n x + m y:
//   g = −a sin θ + b cos θ,  ∂F/∂x += n g,  ∂F/∂y += m g.
fn objective_gradient(p: vec2<f32>, mode_count: u32, max_order: u32) -> vec2<f32> {
  var powers_x: array<vec2<f32>, 9>;
  var powers_y: array<vec2<f32>, 9>;
  let ex = unit_phasor(p.x);
  let ey = unit_phasor(p.y);
  powers_x[0] = vec2<f32>(1.0, 0.0);
  powers_y[0] = vec2<f32>(1.0, 0.0);
  for (var k = 1u; k <= max_order; k++) {
    powers_x[k] = complex_mul(powers_x[k - 1u], ex);
    powers_y[k] = complex_mul(powers_y[k - 1u], ey);
  }

  var gradient = vec2<f32>(0.0, 0.0);
  for (var i = 0u; i < mode_count; i++) {
    let mode = modes[i];
    let n = i32(mode.x);
    let m = i32(mode.y);
    // e^{imy} for negative m is the conjugate of e^{i|m|y}.
    var phasor_y = powers_y[abs(m)];
    if (m < 0) {
      phasor_y.y = -phasor_y.y;
    }
    let phasor = complex_mul(powers_x[n], phasor_y);
    let g = -mode.z * phasor.y + mode.w * phasor.x;
    gradient += vec2<f32>(mode.x, mode.y) * g;
  }
  return gradient;
}
