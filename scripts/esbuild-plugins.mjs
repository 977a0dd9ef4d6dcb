// esbuild plugins shared by scripts/build.mjs and the bench's helpers.
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `import file from 'opencc-js/dict/<Name>.utf8'` copies that OpenCC dictionary beside the
 * bundle as a plain text file (esbuild's file loader) and gives its path, to be read when first
 * needed. STPhrases is 1.8 MB of JavaScript: parsed with the bundle, it was 65 ms of every run.
 */
export const openccDictionaryFiles = {
  name: 'opencc-dictionary-files',
  setup(build) {
    build.onResolve({ filter: /^opencc-js\/dict\/[A-Za-z]+\.utf8$/ }, (args) => {
      const name = /([A-Za-z]+)\.utf8$/.exec(args.path)[1];
      return { path: require.resolve(`opencc-js/dict/${name}`).replace(/\.js$/, '.utf8'), namespace: 'opencc-dictionary', pluginData: { name } };
    });
    build.onLoad({ filter: /.*/, namespace: 'opencc-dictionary' }, async (args) => {
      const module = await import(pathToFileURL(require.resolve(`opencc-js/dict/${args.pluginData.name}`)).href);
      return { contents: module.default, loader: 'file' };
    });
  },
};
