import AdmZip from 'adm-zip';

export interface PackageFiles {
  /** The filled manifest. */
  manifest: object;
  /** Icon file name (as the manifest names it) → PNG bytes. */
  icons: Record<string, Buffer>;
}

/** The app package: manifest.json and the icons, all at the zip root (where Teams looks for them). */
export function buildZip(files: PackageFiles): Buffer {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(files.manifest, null, 2) + '\n', 'utf8'));
  for (const [name, bytes] of Object.entries(files.icons)) zip.addFile(name, bytes);
  return zip.toBuffer();
}
