// Bench-only preload for the open-dialogs memory measurement — not part of the product, nothing in src/ changes.
//   node --expose-gc -r ./dist/bench/state-probe.js dist/src/index.js
// It notes every botbuilder MemoryStorage that is written to (MemoryStorage keeps each item as the JSON string
// it will hand back, so those strings ARE the serialized state). On SIGUSR2 it runs a full GC (when
// --expose-gc is given) and writes to $BENCH_PROBE_OUT: process.memoryUsage() and, for the storage keys that
// contain $BENCH_PROBE_MATCH, their count, value sizes (UTF-8 bytes) and one sample item.
import fs from 'node:fs';
import { MemoryStorage } from 'botbuilder';

const out = process.env.BENCH_PROBE_OUT;
const match = process.env.BENCH_PROBE_MATCH ?? '';
const storages = new Set<MemoryStorage>();

const originalWrite = MemoryStorage.prototype.write;
MemoryStorage.prototype.write = function write(this: MemoryStorage, changes) {
  storages.add(this);
  return originalWrite.call(this, changes);
};

function report(): Record<string, unknown> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const sizes: number[] = [];
  let keyBytes = 0;
  let allKeys = 0;
  let allBytes = 0;
  let sample: { key: string; value: unknown } | undefined;
  for (const storage of storages) {
    const memory = (storage as unknown as { memory: Record<string, string | undefined> }).memory;
    for (const [key, value] of Object.entries(memory)) {
      if (typeof value !== 'string') continue;
      const bytes = Buffer.byteLength(value, 'utf8');
      allKeys += 1;
      allBytes += bytes;
      if (!match || !key.includes(match)) continue;
      sizes.push(bytes);
      keyBytes += Buffer.byteLength(key, 'utf8');
      sample ??= { key, value: JSON.parse(value) as unknown };
    }
  }
  sizes.sort((a, b) => a - b);
  return {
    gcForced: Boolean(gc),
    memoryUsage: process.memoryUsage(),
    storages: storages.size,
    allKeys,
    allBytes,
    matched: {
      match,
      count: sizes.length,
      totalValueBytes: sizes.reduce((a, b) => a + b, 0),
      totalKeyBytes: keyBytes,
      minValueBytes: sizes[0] ?? 0,
      medianValueBytes: sizes[Math.floor(sizes.length / 2)] ?? 0,
      maxValueBytes: sizes[sizes.length - 1] ?? 0,
    },
    sample,
  };
}

process.on('SIGUSR2', () => {
  if (!out) return;
  const tmp = `${out}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(report()));
  fs.renameSync(tmp, out);
});
