// Data files (word lists) are bundled as strings by esbuild's text loader.
declare module '*.txt' {
  const content: string;
  export default content;
}

// Segmenter dictionaries are copied next to the bundle by esbuild's file loader: the import is
// the file's path relative to the bundle.
declare module '*.utf8' {
  const path: string;
  export default path;
}
