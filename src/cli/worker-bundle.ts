// Worker threads do not inherit tsx's loader: registering it in each worker costs a second of start-up and
// every closure pays for tsx's name-keeping helper. The batch therefore bundles its worker once per run with
// esbuild (the compiler tsx itself uses) into plain JavaScript under node_modules/.cache, packages left
// external. `import.meta.url` is replaced, file by file, by the source file's own URL, so that modules which
// find their data next to them (rules/, micro-rates.json) read the same files as when run from source.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      };
    });
  },
};

/** Bundles a TypeScript entry for worker threads; resolves with the file to give to `new Worker`. */
export async function bundleWorker(entry: URL, name: string): Promise<URL> {
  const outfile = path.join(root, 'node_modules', '.cache', 'sans-couture', `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [sourceUrls],
    logLevel: 'silent',
  });
  return pathToFileURL(outfile);
}
