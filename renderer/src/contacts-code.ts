import type * as ContactsModule from './screens/contacts/contacts-screen';

/**
 * The Contacts screen's code: the screen most opened after Dial, so it is asked for as the window
 * starts (by boot.ts, the first module the window evaluates), while main's first answers are on
 * their way; the window draws it as soon as it is here (lazy-screens.tsx). Its own chunk: it is not
 * part of the window's first load.
 */
type ContactsCode = typeof ContactsModule;

let loaded: ContactsCode | null = null;
export const contactsCode: Promise<ContactsCode> = import('./screens/contacts/contacts-screen').then((m) => (loaded = m));

/** the code, if it is here already */
export const contactsCodeNow = (): ContactsCode | null => loaded;
