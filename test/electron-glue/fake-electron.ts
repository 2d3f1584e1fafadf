import { EventEmitter } from 'node:events';

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
  show() {}
  focus() {}
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
  on: (name: string, fn: (...args: unknown[]) => void) => appEvents.on(name, fn),
  whenReady: () => Promise.resolve(),
  getPath: (_name: string) => process.env.FAKE_USER_DATA ?? '/tmp/feather-fake-user-data',
  setPath: (_name: string, value: string) => void (process.env.FAKE_USER_DATA = value),
  getLocaleCountryCode: () => 'US',
  quit() {},
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
export const ipcRenderer = {
  invoked: [] as Array<[string, unknown]>,
  invoke(channel: string, request: unknown) {
    this.invoked.push([channel, request]);
    return Promise.resolve({ ok: true, value: null });
  },
};

export default { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, nativeTheme, contextBridge, ipcRenderer };
