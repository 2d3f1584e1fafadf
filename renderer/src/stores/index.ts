import { startContacts } from './contacts-store';
import { startDialRequests } from './dial-requests';
import { startDirectory } from './directory-store';
import { startStatus } from './status-store';
import { startTemplates } from './templates-store';
import { startToasts } from './toasts-store';

/** Loads every store once and starts following main's events. */
export function startStores() {
  startStatus();
  startDirectory();
  startTemplates();
  startContacts();
  startDialRequests();
  startToasts();
}
