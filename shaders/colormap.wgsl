// A colour for every point of the torus, periodic in both coordinates so that no seam shows.
// The point (x, y) is placed on a small donut inside the RGB cube, centred on mid grey:
// distinct starting points get distinct colours, and neighbours get neighbouring ones.
fn torus_colour(p: vec2<f32>) -> vec3<f32> {
  let major = 0.26;
  let minor = 0.2;
  // cos and sin of x and y, taken on [−π, π] where WGSL guarantees their accuracy.
  let cx = -cos(p.x - 3.141592653589793);
  let sx = -sin(p.x - 3.141592653589793);
  let cy = -cos(p.y - 3.141592653589793);
  let sy = -sin(p.y - 3.141592653589793);
  let ring = major + minor * cy;
  // An orthonormal frame of the cube tilted off its axes, so that the hues vary richly.
  let e1 = vec3<f32>(0.7071068, -0.7071068, 0.0);
  let e2 = vec3<f32>(0.4082483, 0.4082483, -0.8164966);
  let e3 = vec3<f32>(0.5773503, 0.5773503, 0.5773503);
  return vec3<f32>(0.5) + ring * (cx * e1 + sx * e2) + minor * sy * e3;
}
