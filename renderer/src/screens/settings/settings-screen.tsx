import type { AppStatus } from '../../../../shared/contract';
import type { PreferencesPatch } from '../../../../shared/preferences';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { setStatus } from '../../stores/status-store';
import { CallingRulesSection } from './calling-rules-section';
import { DesktopSection } from './desktop-section';
import { HistorySection } from './history-section';

/**
 * Settings: how the launcher lives on the desktop (tray, shortcuts, start at login), which calls
 * need "Call anyway", and what the call history keeps. Main keeps and applies them; this shows what
 * main says became of them (a shortcut another app holds, the organisation's policy, a value refused).
 */
export function SettingsScreen({ status }: { status: AppStatus }) {
  const save = async (patch: PreferencesPatch): Promise<AppError | null> => {
    const result = await api().app.setPreferences(patch);
    if (result.ok) setStatus(result.value);
    return result.ok ? null : result.error;
  };
  const change = async (patch: PreferencesPatch) => (await save(patch))?.message ?? null;
  return (
    <div className="settings">
      <h1 className="visually-hidden">Settings</h1>
      <DesktopSection preferences={status.preferences} onChange={change} />
      <CallingRulesSection preferences={status.preferences} onChange={(patch) => void change(patch)} />
      <HistorySection preferences={status.preferences} onChange={save} />
    </div>
  );
}
