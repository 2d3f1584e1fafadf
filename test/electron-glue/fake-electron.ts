import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

/**
 * One shared fake of the parts of `electron` our glue touches. It records what the glue
 * asked for, so tests can check window options, IPC wiring and hardening without a binary.
 */

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  mainFrame = { url: '', name: 'main' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL = () => this.mainFrame.url;
  /** what main sent to this window (channel, then the arguments) */
  sent: unknown[][] = [];
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  /** emits an event the way Electron does; returns whether the glue prevented it */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isMinimized = () => false;
  restore() {}
  visible = false;
  position: [number, number] = [0, 0];
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  gone = false;
  isDestroyed = () => this.gone;
  getSize = () => [(this.options.width as number) ?? 800, (this.options.height as number) ?? 600];
  setPosition(x: number, y: number) {
    this.position = [x, y];
  }
  /** a close as the user does it (the window's close button, window.close()): true when the glue prevented it */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.visible = false;
      this.gone = true;
      this.emit('closed');
    }
    return prevented;
  }
}

type Handler = (event: unknown, request: unknown) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  },
  /** what ipcRenderer.invoke from `frame` would get */
  invoke(channel: string, request: unknown, contents: FakeWebContents, frame: { url: string } = contents.mainFrame) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ sender: contents, senderFrame: frame }, request);
  },
};

export const appEvents = new EventEmitter();
export const app = {
  isPackaged: false,
  singleInstanceLockRequested: false,
  requestSingleInstanceLock() {
    this.singleInstanceLockRequested = true;
    return true;
  },
  // any listener shape (Electron's are typed per event): `never[]` accepts them all
  on: (name: string, fn: (...args: never[]) => void) => appEvents.on(name, fn as (...args: unknown[]) => void),
  whenReady: () => Promise.resolve(),
  getPath: (_name: string) => process.env.FAKE_USER_DATA ?? path.join(os.tmpdir(), 'feather-fake-user-data'),
  setPath: (_name: string, value: string) => void (process.env.FAKE_USER_DATA = value),
  getLocaleCountryCode: () => 'US',
  quitCalls: 0,
  quit() {
    this.quitCalls += 1;
  },
  exitCode: null as number | null,
  exit(code: number) {
    this.exitCode = code;
  },
  loginItems: [] as unknown[],
  setLoginItemSettings(settings: unknown) {
    this.loginItems.push(settings);
  },
  getLoginItemSettings() {
    const last = this.loginItems.at(-1) as { openAtLogin?: boolean } | undefined;
    return { openAtLogin: last?.openAtLogin ?? false, wasOpenedAtLogin: false };
  },
  /** protocol clients the glue registered, in order; `protocolHandlers`: what the OS says handles a scheme now (tests set it) */
  protocolClients: [] as Array<{ scheme: string; path?: string; args?: string[] }>,
  protocolHandlers: {} as Record<string, string>,
  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]) {
    this.protocolClients.push({ scheme, ...(path ? { path } : {}), ...(args ? { args } : {}) });
    this.protocolHandlers[scheme] = 'Feather Launcher';
    return true;
  },
  isDefaultProtocolClient(scheme: string) {
    return this.protocolHandlers[scheme] === 'Feather Launcher';
  },
  getApplicationNameForProtocol(url: string) {
    return this.protocolHandlers[url.split(':')[0] ?? ''] ?? '';
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    this.handlers.set(scheme, handler);
  },
};

export class FakeSession {
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  checkHandler: ((contents: unknown, permission: string) => boolean) | undefined;
  setPermissionRequestHandler(handler: FakeSession['requestHandler']) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']) {
    this.checkHandler = handler;
  }
  ask(permission: string): boolean {
    let granted = false;
    this.requestHandler?.(null, permission, (g) => (granted = g));
    return granted;
  }
}
export const session = { defaultSession: new FakeSession() };
export const shell = {
  opened: [] as string[],
  openExternal(url: string) {
    this.opened.push(url);
    return Promise.resolve();
  },
};
export const nativeTheme = { shouldUseDarkColors: false };
export const dialog = {
  errors: [] as Array<[string, string]>,
  showErrorBox(title: string, content: string) {
    this.errors.push([title, content]);
  },
};
/** @alias the name main.ts imports from 'electron' (vi.mock); tests read FakeBrowserWindow */
export const BrowserWindow = FakeBrowserWindow;
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(name: string, api: unknown) {
    this.exposed.set(name, api);
  },
};
/** The preload's way to a chosen file's path; a test says which files are on disk (others answer '', as Electron does). */
export const webUtils = {
  paths: new Map<File, string>(),
  getPathForFile(file: File) {
    return this.paths.get(file) ?? '';
  },
};
export const ipcRenderer = {
  invoked: [] as Array<[string, unknown]>,
  invoke(channel: string, request: unknown) {
    this.invoked.push([channel, request]);
    return Promise.resolve({ ok: true, value: null });
  },
};

/** The tray: its icon, tooltip, and the last menu set (as the template the glue built). */
export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(public icon: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}
export class FakeMenu {
  constructor(public template: Array<{ label?: string; type?: string; enabled?: boolean; checked?: boolean; click?: () => void }>) {}
  static buildFromTemplate(template: FakeMenu['template']) {
    return new FakeMenu(template);
  }
  /** chooses the item with this label, as a click would */
  click(label: string | RegExp) {
    const item = this.template.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label ?? '')));
    if (!item?.click) throw new Error(`no clickable menu item ${label}`);
    item.click();
  }
}
/** @alias main.ts imports these names from 'electron' (vi.mock) */
export const Tray = FakeTray;
/** @alias */
export const Menu = FakeMenu;
export const nativeImage = { createFromPath: (file: string) => ({ file }) };
export const globalShortcut = {
  registered: new Map<string, () => void>(),
  /** accelerators another app holds: register() answers false for them */
  taken: new Set<string>(),
  register(accelerator: string, callback: () => void) {
    if (!/^[A-Za-z0-9+]+$/.test(accelerator)) throw new Error(`Error processing argument: ${accelerator}`);
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregisterAll() {
    this.registered.clear();
  },
  /** presses a registered shortcut */
  press(accelerator: string) {
    this.registered.get(accelerator)?.();
  },
};
export const clipboard = {
  text: '',
  selection: '',
  readText(type?: 'selection' | 'clipboard') {
    return type === 'selection' ? this.selection : this.text;
  },
};
export class FakeNotification {
  static shown: Array<{ title: string; body: string }> = [];
  readonly handlers = new Map<string, () => void>();
  constructor(private options: { title: string; body: string }) {}
  static isSupported = () => true;
  on(event: string, handler: () => void) {
    this.handlers.set(event, handler);
    return this;
  }
  show() {
    FakeNotification.shown.push(this.options);
  }
}
/** @alias */
export const Notification = FakeNotification;
export const screen = {
  getCursorScreenPoint: () => ({ x: 10, y: 10 }),
  getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
};

/** the system's power events; tests emit 'shutdown' */
export const powerMonitor = new EventEmitter();

export default {
  app,
  powerMonitor,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  nativeTheme,
  contextBridge,
  ipcRenderer,
  Tray,
  Menu,
  nativeImage,
  globalShortcut,
  clipboard,
  Notification,
  screen,
};
