// opencc-js ships its dictionaries as untyped ES modules: each exports "src dst|src dst|…".
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
