import type { LastCaller } from '../../../shared/caller';
import type { Directory } from '../../../shared/contract';

interface Props {
  value: LastCaller | null;
  directory: Directory | null;
  onChange(value: LastCaller | null): void;
  error?: string;
}

/** A contact's optional default "who calls": from-number plus Automatic / agent / team. (Templates: `template-caller-fields.tsx`, number optional.) */
export function DefaultCallerFields({ value, directory, onChange, error }: Props) {
  const mode = value?.caller.mode ?? 'auto';
  const callerId = value?.caller.mode === 'agent' ? value.caller.agentId : value?.caller.mode === 'team' ? value.caller.teamId : '';
  const set = (fromNumberId: string, nextMode: 'auto' | 'agent' | 'team', id: string) => {
    if (!fromNumberId) return onChange(null);
    onChange({
      fromNumberId,
      caller: nextMode === 'agent' ? { mode: 'agent', agentId: id } : nextMode === 'team' ? { mode: 'team', teamId: id } : { mode: 'auto' },
    });
  };
  const options = mode === 'agent' ? directory?.agents : mode === 'team' ? directory?.teams : [];
  return (
    <fieldset className="default-caller">
      <legend>Default caller (optional)</legend>
      <div className="row">
        <select aria-label="Default from number" value={value?.fromNumberId ?? ''} onChange={(e) => set(e.target.value, mode, callerId)}>
          <option value="">No default</option>
          {directory?.phoneNumbers.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label}
            </option>
          ))}
          {value && !directory?.phoneNumbers.some((n) => n.id === value.fromNumberId) ? (
            <option value={value.fromNumberId}>{value.fromNumberId}</option>
          ) : null}
        </select>
        <select
          aria-label="Default caller type"
          disabled={!value}
          value={mode}
          onChange={(e) => set(value?.fromNumberId ?? '', e.target.value as 'auto', '')}
        >
          <option value="auto">Automatic</option>
          <option value="agent">Agent</option>
          <option value="team">Team</option>
        </select>
        {value && mode !== 'auto' ? (
          <select aria-label={`Default ${mode}`} value={callerId} onChange={(e) => set(value.fromNumberId, mode, e.target.value)}>
            <option value="">Choose…</option>
            {options?.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
