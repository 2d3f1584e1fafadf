import { startContacts } from './contacts-store';
import { startDialRequests } from './dial-requests';
import { startStatus } from './status-store';
import { startToasts } from './toasts-store';

/**
 * Loads the window's first stores once and starts following main's events: the status (the shell,
 * Dial), the contact list, and the calls asked for from outside. The directory and the templates start
 * with the first screen that reads them (the Dial card, or another screen put on the page first), so a
 * window that opens on Contacts does not wait behind them.
 */
export function startStores() {
  startStatus();
  startContacts();
  startDialRequests();
  startToasts();
}
