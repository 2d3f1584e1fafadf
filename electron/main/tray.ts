import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayItem } from '../core/desktop/tray-menu';

/** The menu model (core's) as Electron's menu template; choosing an item carries out its action. */
export function menuTemplate(items: readonly TrayItem[], act: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, checked: item.checked, click: () => act(item.action) };
      case 'action':
        return { label: item.label, enabled: item.enabled ?? true, click: () => act(item.action) };
    }
  });
}

export interface TrayOptions {
  iconPath: string;
  /** the menu as core builds it now, with the clipboard's text */
  menu(clipboardTexts: readonly string[]): TrayItem[];
  /** what may hold a number, in order (Linux: the selection, then the clipboard) */
  readClipboard(): string[];
  act(action: TrayAction): void;
  /** a click on the icon (Windows, most Linux trays): the main window */
  onClick(): void;
}

/**
 * How often the clipboard is looked at for a phone number (Electron has no clipboard-change event).
 * Not on macOS: reading the pasteboard every 1.5 s shows up in its privacy reports; the menu is
 * built again when the pointer comes over the icon instead, before it opens.
 */
const CLIPBOARD_POLL_MS = 1500;

/**
 * The tray icon and its menu, rebuilt when what it shows changes (`refresh`, on main's events) and
 * when the clipboard's text changes. Thin: the menu's content is core's model.
 */
export function createTray(options: TrayOptions) {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  tray.setToolTip('Feather Launcher');
  let clipboardTexts = options.readClipboard();
  const refresh = () => tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(options.menu(clipboardTexts), options.act)));
  refresh();
  tray.on('click', () => options.onClick());
  const look = () => {
    const texts = options.readClipboard();
    if (texts.join('\0') === clipboardTexts.join('\0')) return;
    clipboardTexts = texts;
    refresh();
  };
  if (process.platform === 'darwin') tray.on('mouse-enter', look);
  const poll = process.platform === 'darwin' ? undefined : setInterval(look, CLIPBOARD_POLL_MS);
  poll?.unref?.();
  return {
    refresh,
    destroy() {
      if (poll) clearInterval(poll);
      tray.destroy();
    },
  };
}
