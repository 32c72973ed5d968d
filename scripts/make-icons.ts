// npm run icons: (re)draws appPackage/color.png and appPackage/outline.png. Commit the result.
import fs from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon, encodePng } from './app-package/icons';
import { appPackageDir, repoRoot } from './app-package/paths';

const dir = appPackageDir(repoRoot());
for (const [name, png] of [
  ['color.png', drawColorIcon()],
  ['outline.png', drawOutlineIcon()],
] as const) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, encodePng(png));
  console.log(`${path.relative(process.cwd(), file)}: ${png.width}×${png.height}`);
}
