import './contacts-code';
import { startStores } from './stores';

/**
 * The first module the window evaluates (main.tsx imports it first): main's first answers (status,
 * contacts…) and the Contacts screen's code are asked for here, before React DOM and the app's own
 * code are evaluated, so those requests are on their way while that runs.
 */
startStores();

// React Aria gives its pressable elements `touch-action` (no double-tap-zoom delay on touch screens) through a
// <style> it adds to the page, which our CSP refuses (style-src 'self'); it adds none when an element with its
// id is there. The same rule is in styles.css.
const ariaPressableStyle = document.createElement('meta');
ariaPressableStyle.id = 'react-aria-pressable-style';
document.head.append(ariaPressableStyle);
