import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppInfo, LinuxPackager, Packager } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINK_SCHEMES } from '../../electron/core/launch/launch-request';

/**
 * The schemes the app opens are registered by the installers: electron-builder.yml read and checked
 * by electron-builder 26 itself (its loader and schema), and the Linux .desktop file computed by its
 * own code — the file `deb` and AppImage install, whose MimeType lets `xdg-open tel:…` reach us.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Protocol {
  name: string;
  schemes: string[];
}
/** the few internals used here: electron-builder has no public call for "the .desktop file this config makes" */
interface LinuxTarget {
  options: object;
  helper: { computeDesktopEntry(options: object): Promise<string> };
}

let protocols: Protocol[];
let desktopEntry: string;
let configuredMimeType: string | undefined;

beforeAll(async () => {
  const packager = new Packager({ projectDir: root, config: 'electron-builder.yml' });
  const internals = packager as unknown as { validateConfig(): Promise<void>; _appInfo: AppInfo };
  await internals.validateConfig(); // electron-builder's loader and its JSON-schema check
  const config = packager.config as { protocols?: Protocol | Protocol[]; linux?: { desktop?: { entry?: Record<string, string> } } };
  protocols = ([] as Protocol[]).concat(config.protocols ?? []);
  configuredMimeType = config.linux?.desktop?.entry?.MimeType;
  internals._appInfo = new AppInfo(packager, null);
  const linux = new LinuxPackager(packager);
  let deb: LinuxTarget | undefined;
  linux.createTargets(['deb'], (_name, factory) => {
    deb = factory(path.join(root, 'release')) as unknown as LinuxTarget;
  });
  desktopEntry = await deb!.helper.computeDesktopEntry(deb!.options);
}, 60_000);

describe('links are registered by the packages', () => {
  it('electron-builder.yml declares every scheme the app opens (macOS Info.plist, Linux MimeType)', () => {
    expect(protocols.flatMap((p) => p.schemes).sort()).toEqual([...LINK_SCHEMES].sort());
    for (const p of protocols) expect(p.name.trim()).not.toBe('');
  });

  it('the Linux .desktop file electron-builder writes handles tel:, callto: and feather-launcher:, and passes the link on', () => {
    const mime = /^MimeType=(.*)$/m.exec(desktopEntry)?.[1];
    expect(mime).toBe('x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/feather-launcher;');
    // %U: the desktop hands the link to the app as an argument (electron/main/links.ts launchArgs)
    expect(desktopEntry).toMatch(/^Exec=.*feather-launcher"? %U$/m);
  });

  it('the MimeType written in the config says the same as what electron-builder derives', () => {
    expect(configuredMimeType).toBe(/^MimeType=(.*)$/m.exec(desktopEntry)?.[1]);
  });
});
