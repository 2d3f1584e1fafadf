// electron-builder `afterPack` hook for the packaging lane only (test/packaging/packaging.test.ts passes it with
// -c.afterPack): writes the .desktop entry each configured Linux target (deb, AppImage) would install, computed by
// electron-builder's own code, so the lane checks the MimeType the system sees without building the packages (their
// tools, fpm and appimagetool, are downloads). Writes <output>/desktop-entries.json: { [target]: "<.desktop text>" }.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const { packager } = context;
  const configured = [packager.platformSpecificBuildOptions.target ?? []].flat();
  const names = configured.map((t) => (typeof t === 'string' ? t : t.target).toLowerCase()).filter((name) => name !== 'dir');
  /** @type {Record<string, string>} */
  const entries = {};
  /** @type {Array<Promise<void>>} */
  const pending = [];
  // createTargets only constructs the target objects; nothing is built or downloaded until their build() runs.
  packager.createTargets(names, (name, factory) => {
    /** @type {any} */
    const target = factory(context.outDir);
    const entry = target.desktopEntry ? target.desktopEntry.value : target.helper.computeDesktopEntry(target.options); // AppImage : fpm (deb…)
    pending.push(Promise.resolve(entry).then((text) => void (entries[name] = text)));
  });
  await Promise.all(pending);
  await writeFile(path.join(context.outDir, 'desktop-entries.json'), JSON.stringify(entries, null, 2));
}
