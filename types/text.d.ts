// Data files (word lists) are bundled as strings by esbuild's text loader.
declare module '*.txt' {
  const content: string;
  export default content;
}
