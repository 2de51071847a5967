/**
 * The exponential-data GAN of DESIGN 2.4, a real two-player game whose objective is periodic
 * in both parameters, so that its Fourier modes (see dft.ts) give a truncated model of it.
 *
 * - Real data v ~ Exp(1) (rate 1, mean 1).
 * - Generator G(z) = s(x)·z with z ~ Exp(1), so fakes are Exp with mean s(x). We take
 *   s(x) = exp(0.6 sin x): positive, periodic, and sweeping the mean from e^−0.6 ≈ 0.55 to
 *   e^0.6 ≈ 1.82, so that x = 0 and x = π (s = 1) generate the real distribution exactly.
 * - Discriminator D(v) = σ(k(y)(v − v₀)) with k(y) = 2 cos y and v₀ = 1. For k > 0 it calls
 *   large samples real; for k < 0 the discriminator is flipped and calls small samples real;
 *   at k = 0 (y = ±π/2) it is undecided, D = ½.
 * - F(x, y) = E log D(v) + E log(1 − D(G(z))): the generator lowers it, the discriminator
 *   raises it, matching the signs of the update rules.
 *
 * F is smooth but not analytic in y: as a function of k its Taylor series at k = 0 diverges,
 * because the moments of Exp grow like n!. Its Fourier coefficients therefore shrink faster
 * than any power of the order but slower than geometrically (about 0.04, 0.012, 0.0015 max
 * error at orders 2, 4, 8), which makes the truncation's effect visible at every order.
 */

/** The generator's scale s(x) = exp(0.6 sin x); x in radians. */
export function generatorScale(x: number): number {
  return Math.exp(0.6 * Math.sin(x));
}

/** The discriminator's slope k(y) = 2 cos y; y in radians. Negative k flips D. */
export function discriminatorSlope(y: number): number {
  return 2 * Math.cos(y);
}

/** The discriminator's threshold v₀: D(v₀) = ½. */
export const THRESHOLD = 1;

/** softplus(t) = log(1 + e^t), without overflow for large t; −log σ(t) = softplus(−t). */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** Nodes and weights of n-point Gauss–Legendre quadrature on [−1, 1], by Newton's method. */
function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // Legendre recurrence: (j+1) P_{j+1} = (2j+1) t P_j − j P_{j−1}.
      let p0 = 1;
      let p1 = t;
      for (let j = 1; j < n; j++) {
        const p2 = ((2 * j + 1) * t * p1 - j * p0) / (j + 1);
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (t * p1 - p0)) / (t * t - 1);
      const step = p1 / dp;
      t -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = t;
    weights[i] = 2 / ((1 - t * t) * dp * dp);
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(16);

/** ∫ f over [lo, hi] by 16-point Gauss–Legendre on `panels` equal panels. */
function integrate(f: (t: number) => number, lo: number, hi: number, panels: number): number {
  const width = (hi - lo) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = lo + (p + 0.5) * width;
    for (let i = 0; i < RULE.nodes.length; i++) {
      sum += RULE.weights[i] * f(mid + 0.5 * width * RULE.nodes[i]);
    }
  }
  return 0.5 * width * sum;
}

/**
 * E softplus(c (w − v₀)) for w ~ Exp with mean σ > 0, to about 1e-14 relative.
 *
 * softplus(u) = max(0, u) + log1p(e^−|u|). The max part has a closed form (Exp is
 * memoryless: E (w − v₀)⁺ = σ e^{−v₀/σ}). The rest is smooth on each side of w = v₀ and
 * decays away from it; each side is integrated by composite Gauss–Legendre with panels
 * small enough against the distance π/|c| of its nearest complex singularity and against
 * the density's scale σ, and the far tail is cut where it is below e^−40.
 */
export function expectedSoftplus(c: number, sigma: number): number {
  const v0 = THRESHOLD;
  const above = sigma * Math.exp(-v0 / sigma); // E (w − v₀)⁺
  const kink = c >= 0 ? c * above : -c * (v0 - sigma + above); // E max(0, c (w − v₀))

  const absC = Math.abs(c);
  const panel = Math.min((2 * Math.PI) / (3 * absC), 2 * sigma);
  const density = (w: number) => Math.exp(-w / sigma) / sigma;
  const smooth = (w: number) => density(w) * Math.log1p(Math.exp(-absC * Math.abs(w - v0)));

  const below = integrate(smooth, 0, v0, Math.max(1, Math.ceil(v0 / panel)));
  const tail = 40 / (1 / sigma + absC);
  const beyond = integrate(smooth, v0, v0 + tail, Math.max(1, Math.ceil(tail / panel)));
  return kink + below + beyond;
}

/**
 * The GAN's objective F(x, y) = E log D(v) + E log(1 − D(G(z))), x and y in radians.
 * With log σ(t) = −softplus(−t) and log(1 − σ(t)) = −softplus(t):
 * F = −E softplus(−k (v − v₀)) − E softplus(k (s z − v₀)), v ~ Exp(1), s z ~ Exp(mean s).
 */
export function ganObjective(x: number, y: number): number {
  const k = discriminatorSlope(y);
  return -expectedSoftplus(-k, 1) - expectedSoftplus(k, generatorScale(x));
}
