import './contacts-code';
import { startStores } from './stores';

/**
 * The first module the window evaluates (main.tsx imports it first): main's first answers (status,
 * contacts…) and the Contacts screen's code are asked for here, before React DOM and the app's own
 * code are evaluated, so those requests are on their way while that runs.
 */
startStores();
