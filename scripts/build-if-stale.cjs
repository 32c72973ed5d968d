// `npm start` after `npm install`/`npm ci` (which build everything) should start at once; after an edit to
// src/ it recompiles first. Compares modification times instead of always running tsc (tens of seconds).
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const output = path.join(root, 'dist', 'src', 'index.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
const sources = Math.max(newestMtime(path.join(root, 'src')), fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs);
if (sources > built) {
  console.log('Compiling src/ …');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.src.json')], { stdio: 'inherit' });
  fs.utimesSync(output, new Date(), new Date()); // tsc may skip unchanged outputs
}
