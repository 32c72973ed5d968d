import AdmZip from 'adm-zip';

export interface PackageFiles {
  /** The filled manifest. */
  manifest: object;
  /** Icon file name (as the manifest names it) → PNG bytes. */
  icons: Record<string, Buffer>;
  /** Language file name (as localizationInfo names it) → its content. */
  languageFiles?: Record<string, object>;
}

/** The app package: manifest.json, the icons and the language files, all at the zip root (where Teams looks for them). */
export function buildZip(files: PackageFiles): Buffer {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(files.manifest, null, 2) + '\n', 'utf8'));
  for (const [name, bytes] of Object.entries(files.icons)) zip.addFile(name, bytes);
  for (const [name, content] of Object.entries(files.languageFiles ?? {})) zip.addFile(name, Buffer.from(JSON.stringify(content, null, 2) + '\n', 'utf8'));
  return zip.toBuffer();
}
