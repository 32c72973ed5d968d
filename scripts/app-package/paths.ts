import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above `from` holding package.json and appPackage/ (works from src and dist). */
export function repoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'appPackage'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root (package.json + appPackage/) above ${from}`);
    dir = parent;
  }
}

export const appPackageDir = (root: string): string => path.join(root, 'appPackage');
export const manifestTemplatePath = (root: string): string => path.join(appPackageDir(root), 'manifest.json');
const buildDir = (root: string): string => path.join(appPackageDir(root), 'build');
export const zipPath = (root: string, envName: string): string => path.join(buildDir(root), `appPackage.${envName}.zip`);
