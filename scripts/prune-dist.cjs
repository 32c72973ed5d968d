// tsc writes outputs but never deletes them: a source renamed or removed leaves its compiled file in dist/, and
// mocha's dist/test/**/*.test.js glob would go on running an old test file. After each build this deletes every
// compiled file whose TypeScript source is gone.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const COMPILED = /\.(js|js\.map|d\.ts)$/;

function prune(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(full);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
      continue;
    }
    if (!COMPILED.test(entry.name)) continue; // JSON resources tsc copies are kept
    const stem = path.relative(dist, full).replace(COMPILED, '');
    if (!['.ts', '.tsx'].some((ext) => fs.existsSync(path.join(root, stem + ext)))) {
      fs.rmSync(full);
      console.log(`removed ${path.relative(root, full)} (its source is gone)`);
    }
  }
}

prune(dist);
