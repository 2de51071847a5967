/**
 * `gradient_from_phasors(ex, ey) -> vec2<f32>` in WGSL, written out for one objective order:
 * ∇F at the point whose phasors are ex = e^{ix} and ey = e^{iy}. It sums the weight vectors
 * that packCoefficients computes against the products (Cc, Cs, Sc, Ss) of e^{inx} = (C, S)
 * and e^{iky} = (c, s) (see shaders/fourier.wgsl). A step of one player uses one component;
 * the compiler drops the other.
 *
 * Straight-line code with constant indices: on CPU drivers such as SwiftShader a loop over
 * a uniform array runs about 2.5 times slower. Given the weights (`literal`, as
 * packCoefficients packs them), they are written into the code as constants, and every
 * product with a zero weight is left out: several times faster again on such drivers, for
 * an objective that stays fixed (a command-line run), at the price of a pipeline per
 * objective.
 */

import { weightIndex } from './layout';

/** A factor of a product as WGSL: an expression, '1', or null when it is identically 0. */
type Factor = string | null;

/** The name of e^{i power v}, v being x (`base` 'ex') or y ('ey'): ex, ex2, ex3, ... */
function powerName(base: 'ex' | 'ey', power: number): string {
  return power === 1 ? base : `${base}${power}`;
}

const cosineOf = (base: 'ex' | 'ey', power: number): Factor =>
  power === 0 ? '1' : `${powerName(base, power)}.x`;
const sineOf = (base: 'ex' | 'ey', power: number): Factor =>
  power === 0 ? null : `${powerName(base, power)}.y`;

function product(p: Factor, q: Factor): Factor {
  if (p === null || q === null) return null;
  if (p === '1') return q;
  if (q === '1') return p;
  return `${p} * ${q}`;
}

/** The products (Cc, Cs, Sc, Ss) of pair (n, k), null where one is identically 0. */
function productsOf(n: number, k: number): Factor[] {
  const [C, S] = [cosineOf('ex', n), sineOf('ex', n)];
  const [c, s] = [cosineOf('ey', k), sineOf('ey', k)];
  return [product(C, c), product(C, s), product(S, c), product(S, s)];
}

/** Every pair (n, k) of an objective of `order`, but (0, 0), whose weights are always 0. */
function pairsOf(order: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let n = 0; n <= order; n++) {
    for (let k = n === 0 ? 1 : 0; k <= order; k++) pairs.push([n, k]);
  }
  return pairs;
}

/** The terms of ∂F/∂x or ∂F/∂y, and the highest powers of e^{ix} and e^{iy} they name. */
interface PartialTerms {
  terms: string[];
  powers: { ex: number; ey: number };
}

/** A float32 as a WGSL literal: nine significant digits name it exactly. */
const literalOf = (value: number) => value.toPrecision(9);

/** The terms of one partial that reads its weights from the `coefficients` uniform. */
function uniformTerms(order: number, axis: 0 | 1): PartialTerms {
  const terms = pairsOf(order).map(([n, k]) => {
    const weights = `coefficients[${weightIndex(n, k, order, axis)}]`;
    const [x, y] = [powerName('ex', n), powerName('ey', k)];
    // Row n = 0 and column k = 0 have products that vanish (S = 0, s = 0).
    if (n === 0) return `dot(${weights}.xy, ${y})`;
    if (k === 0) return `dot(${weights}.xz, ${x})`;
    return `dot(${x}, vec2<f32>(dot(${weights}.xy, ${y}), dot(${weights}.zw, ${y})))`;
  });
  return { terms, powers: { ex: order, ey: order } };
}

/** The terms of one partial with the weights `literal` written in, zero ones left out. */
function literalTerms(order: number, axis: 0 | 1, literal: Float32Array): PartialTerms {
  const terms: string[] = [];
  const powers = { ex: 0, ey: 0 };
  for (const [n, k] of pairsOf(order)) {
    const entry = 4 * weightIndex(n, k, order, axis);
    productsOf(n, k).forEach((term, j) => {
      const weight = literal[entry + j]!;
      if (term === null || weight === 0) return;
      powers.ex = Math.max(powers.ex, n);
      powers.ey = Math.max(powers.ey, k);
      if (weight === 1) terms.push(term);
      else if (weight === -1) terms.push(`-${term}`);
      else terms.push(`${literalOf(weight)} * ${term}`);
    });
  }
  return { terms, powers };
}

/** `let ex2 = complex_mul(ex, ex);` and so on: the powers the products name. */
function powerLines(powers: PartialTerms['powers']): string[] {
  const lines: string[] = [];
  for (const base of ['ex', 'ey'] as const) {
    for (let p = 2; p <= powers[base]; p++) {
      lines.push(`  let ${powerName(base, p)} = complex_mul(${powerName(base, p - 1)}, ${base});`);
    }
  }
  return lines;
}

/** `let name = t1 + t2 − ...;`, one term a line; 0 without terms. */
function sumLines(name: string, terms: string[]): string[] {
  if (terms.length === 0) return [`  let ${name} = 0.0;`];
  const [first, ...rest] = terms;
  const continued = rest.map((term) =>
    term.startsWith('-') ? `    - ${term.slice(1)}` : `    + ${term}`,
  );
  return [`  let ${name} = ${first}`, ...continued].map((line, i, all) =>
    i === all.length - 1 ? `${line};` : line,
  );
}

/** The function, for objectives of `order`, reading `literal` weights when given. */
export function gradientSource(order: number, literal: Float32Array | null = null): string {
  const [x, y] = ([0, 1] as const).map((axis) =>
    literal === null ? uniformTerms(order, axis) : literalTerms(order, axis, literal),
  ) as [PartialTerms, PartialTerms];
  const powers = {
    ex: Math.max(x.powers.ex, y.powers.ex),
    ey: Math.max(x.powers.ey, y.powers.ey),
  };
  return [
    `// ∇F for objectives of order ${order}, generated by src/engine/gradientSource.ts.`,
    'fn gradient_from_phasors(ex: vec2<f32>, ey: vec2<f32>) -> vec2<f32> {',
    ...powerLines(powers),
    ...sumLines('along_x', x.terms),
    ...sumLines('along_y', y.terms),
    '  return vec2<f32>(along_x, along_y);',
    '}',
  ].join('\n');
}
