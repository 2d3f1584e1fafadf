/**
 * A chosen file's bytes as base64, for the bridge (IPC and the preview's HTTP carry JSON). The
 * browser's own encoder (a data: URL) does it off the page's JavaScript, even for 50 MB.
 */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
