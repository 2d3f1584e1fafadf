/** The production renderer is served from this custom protocol, not file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'feather';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
/** the Vite dev server, trusted only when the app runs from source with --dev */
export const DEV_ORIGIN = 'http://localhost:5173';

/** https URLs the app may hand to the system browser */
export const EXTERNAL_ALLOWLIST = ['https://doc.featherhq.com', 'https://featherhq.com', 'https://app.featherhq.com'];
