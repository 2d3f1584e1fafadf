import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels } from '../../shared/contract';
import type { Dispatch, SenderInfo } from '../core/ipc-dispatch';

/** Who sent an IPC request: the frame's URL and whether it is the window's main frame. */
export function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url ?? '', isMainFrame: Boolean(frame) && frame === event.sender.mainFrame };
}

/**
 * One ipcMain.handle per contract channel, all through the same checked dispatcher. The only file
 * that touches ipcMain (a lint rule keeps it that way): no handler can be registered around the dispatcher.
 */
export function registerIpc(dispatch: Dispatch) {
  for (const { channel } of channels) {
    ipcMain.handle(channel, (event, request: unknown) => dispatch(senderOf(event), channel, request));
  }
}
