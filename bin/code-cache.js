// Compiling a hot bundle (some 230 KB) costs ~6 ms of every start, on Node 20, which has no
// module.enableCompileCache, and on Node 22+, whose cache holds only what compiling the file
// compiled (the functions a run calls are compiled later, lazily). This loads a bundle from a V8
// code cache made at the end of a whole run instead, kept beside the bundle: the
// package's own folder is as trusted as the code it holds, where a shared temporary folder would
// let another user plant bytecode. A cache from another V8, or a damaged one, is rejected by V8
// and written anew; a folder that cannot be written (a root-owned global install) costs only the
// cache.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

module.exports = function requireWithCodeCache(file) {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = `${file}.v8-${process.versions.v8}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // First run with this Node: compiled from source, cached at exit.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // At exit the cache holds every function the run compiled, not only the top level.
    process.once('exit', () => {
      const partial = `${cacheFile}.${process.pid}`;
      let fd;
      try {
        // Opened first: where it cannot be written, the cache is not built for nothing.
        fd = fs.openSync(partial, 'wx', 0o644);
        fs.writeSync(fd, script.createCachedData());
        fs.closeSync(fd);
        fs.renameSync(partial, cacheFile);
      } catch {
        if (fd !== undefined) fs.rmSync(partial, { force: true });
      }
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const requireFromBundle = Module.createRequire(file);
  script.runInThisContext().call(mod.exports, mod.exports, requireFromBundle, mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
};
