import type { HistoryFilter } from '../../../../shared/history/history-contract';
import { api } from '../../api';

/** Export CSV: main writes the filtered list as CSV, the browser saves it as a download. The problem, or null. */
export async function exportHistory(filter: HistoryFilter): Promise<string | null> {
  const result = await api().history.exportCsv({ filter });
  if (!result.ok) return result.error.message;
  const url = URL.createObjectURL(new Blob([result.value.text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = result.value.fileName;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  return null;
}
