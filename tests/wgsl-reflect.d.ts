// wgsl_reflect's package entry is a CommonJS-style build without named ESM exports; its ES
// module build has the same API as the package's own typings.
declare module 'wgsl_reflect/wgsl_reflect.module.js' {
  export * from 'wgsl_reflect';
}
