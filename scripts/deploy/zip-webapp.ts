// build/webapp.zip: the staged folder minus what .webappignore excludes — read with the `ignore` package, the
// matcher teamsfx-core's azureAppService/zipDeploy uses, on paths relative to the folder, so `npm run deploy` and
// the Toolkit leave out the same files. The zip is rebuilt only when a file in it would change.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import ignore from 'ignore';

export const IGNORE_FILE = '.webappignore';
export const zipFile = (root: string): string => path.join(root, 'build', 'webapp.zip');
const zipStamp = (root: string): string => path.join(root, 'build', 'webapp.zip.sha256');

/** The deploy-ignore rules of the repository (plus `.deployment`, which the Toolkit always leaves out). */
export function webappIgnore(root: string): ReturnType<typeof ignore> {
  const file = path.join(root, IGNORE_FILE);
  if (!fs.existsSync(file)) throw new Error(`${IGNORE_FILE} does not exist`);
  return ignore().add('.deployment').add(fs.readFileSync(file, 'utf8'));
}

/** Files under `dir` (posix paths relative to it) that the ignore rules keep, sorted. */
export function filesToDeploy(root: string, dir: string): string[] {
  const ig = webappIgnore(root);
  const files: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!ig.ignores(`${childRel}/`)) walk(path.join(abs, entry.name), childRel);
      } else if (entry.isFile() && !ig.ignores(childRel)) {
        files.push(childRel);
      }
    }
  };
  walk(dir, '');
  return files.sort();
}

/** Zips the staged folder; returns the zip, its entry count, and whether the previous zip was reused unchanged. */
export function zipWebapp(root: string, dir: string): { file: string; entries: number; bytes: number; reused: boolean } {
  const files = filesToDeploy(root, dir);
  const hash = crypto.createHash('sha256');
  for (const rel of files) hash.update(rel).update('\0').update(fs.readFileSync(path.join(dir, rel))).update('\0');
  const digest = hash.digest('hex');
  const file = zipFile(root);
  if (fs.existsSync(file) && fs.existsSync(zipStamp(root)) && fs.readFileSync(zipStamp(root), 'utf8').trim() === digest) {
    return { file, entries: files.length, bytes: fs.statSync(file).size, reused: true };
  }
  const zip = new AdmZip();
  for (const rel of files) zip.addFile(rel, fs.readFileSync(path.join(dir, rel)));
  fs.rmSync(zipStamp(root), { force: true });
  zip.writeZip(file);
  fs.writeFileSync(zipStamp(root), digest + '\n');
  return { file, entries: files.length, bytes: fs.statSync(file).size, reused: false };
}
