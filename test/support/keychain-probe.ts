import { createKeytarSecretStore } from '../../electron/core/connection/secrets';

/** Child-process probe: libsecret binds to one D-Bus per process, so "no keychain" needs its own process. */
const store = createKeytarSecretStore(`feather-launcher-test-probe-${process.pid}`);
try {
  await store.set('profile:probe', 'fth_live_probeprobeprobe');
  await store.delete('profile:probe');
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  const appError = (error as { appError?: { code: string; message: string } }).appError;
  console.log(JSON.stringify({ ok: false, code: appError?.code, message: appError?.message }));
}
