// Runs a CommonJS bundle with V8's code cache, so the 200 short-lived writer processes of the
// contacts kill test do not each parse and compile the same 700 kB again (~20% of their start).
// Usage: node v8-cache-loader.mjs <bundle.cjs> [args…]; with V8_CACHE_WRITE=1 it writes
// <bundle.cjs>.v8cache once the bundle's start-up has run, then exits.
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const file = path.resolve(process.argv[2]);
process.argv.splice(2, 1); // the bundle sees its own arguments from argv[2] on
const cacheFile = `${file}.v8cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const bundle = new Module(file);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(path.dirname(file));
script.runInThisContext().call(bundle.exports, bundle.exports, (id) => bundle.require(id), bundle, file, path.dirname(file));
if (process.env.V8_CACHE_WRITE === '1') {
  fs.writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
  fs.renameSync(`${cacheFile}.tmp`, cacheFile);
  process.exit(0);
}
