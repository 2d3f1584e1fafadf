import { api } from '../../api';

/** Export CSV / vCard: main writes the file's text, the browser saves it as a download. */
export async function exportContacts(format: 'csv' | 'vcard') {
  const result = await api().contacts.export({ format });
  if (!result.ok) return;
  const url = URL.createObjectURL(new Blob([result.value.text], { type: format === 'csv' ? 'text/csv' : 'text/vcard' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = result.value.fileName;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
