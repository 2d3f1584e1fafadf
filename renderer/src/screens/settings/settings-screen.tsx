import type { AppStatus } from '../../../../shared/contract';
import type { PreferencesPatch } from '../../../../shared/preferences';
import { api } from '../../api';
import { setStatus } from '../../stores/status-store';
import { CallingRulesSection } from './calling-rules-section';
import { DesktopSection } from './desktop-section';

/**
 * Settings: how the launcher lives on the desktop (tray, shortcuts, start at login) and which calls
 * need "Call anyway". Main keeps and applies them; this shows what main says became of them (a
 * shortcut another app holds, the organisation's policy).
 */
export function SettingsScreen({ status }: { status: AppStatus }) {
  const change = async (patch: PreferencesPatch) => {
    const result = await api().app.setPreferences(patch);
    if (result.ok) setStatus(result.value);
    return result.ok ? null : result.error.message;
  };
  return (
    <div className="settings">
      <h1 className="visually-hidden">Settings</h1>
      <DesktopSection preferences={status.preferences} onChange={change} />
      <CallingRulesSection preferences={status.preferences} onChange={(patch) => void change(patch)} />
    </div>
  );
}
