import { useEffect, useState, type ReactNode } from 'react';
import type { Directory } from '../../../shared/contract';
import type { TemplateCaller } from '../../../shared/templates/template';
import type { OfferedCallers } from '../../../shared/call-preview';
import { api } from '../api';
import { FieldError } from './field-error';

interface Props {
  value: TemplateCaller | null;
  directory: Directory | null;
  onChange(value: TemplateCaller | null): void;
  error?: string;
  /** shown under the agent, e.g. whether its declared variables are known */
  agentHint?: ReactNode;
}

type Mode = 'none' | TemplateCaller['caller']['mode'];
const MODES: Array<[Mode, string]> = [
  ['none', 'Not set'],
  ['auto', 'Automatic'],
  ['agent', 'Agent'],
  ['team', 'Team'],
];

/** What main says is bound to a number (asked again when the number or the directory changes). */
function useOffered(fromNumberId: string, directory: Directory | null): OfferedCallers | null {
  const [offered, setOffered] = useState<{ value: OfferedCallers } | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .directory.offered({ fromNumberId })
      .then((r) => live && r.ok && setOffered({ value: r.value }));
    return () => {
      live = false;
    };
  }, [fromNumberId, directory]);
  return offered?.value ?? null;
}

/**
 * A template's one "who calls": Automatic, an agent or a team, and an optional from-number. The
 * agent chosen here is also the one whose declared variables the editor checks.
 */
export function TemplateCallerFields({ value, directory, onChange, error, agentHint }: Props) {
  const mode: Mode = value?.caller.mode ?? 'none';
  const fromNumberId = value?.fromNumberId ?? null;
  const callerId = value?.caller.mode === 'agent' ? value.caller.agentId : value?.caller.mode === 'team' ? value.caller.teamId : '';
  const set = (next: Mode, id: string, number: string | null) => {
    if (next === 'none') return onChange(null);
    onChange({
      fromNumberId: number,
      caller: next === 'agent' ? { mode: 'agent', agentId: id } : next === 'team' ? { mode: 'team', teamId: id } : { mode: 'auto' },
    });
  };
  // With a number chosen, only the agents and teams bound to it (when Feather told us) — as on the Dial screen.
  const offered = useOffered(fromNumberId ?? '', directory);
  const only = (list: Directory['agents'] | undefined, ids: string[] | null | undefined) =>
    (ids ? list?.filter((e) => ids.includes(e.id)) : list) ?? [];
  const listed =
    mode === 'agent' ? only(directory?.agents, offered?.agentIds) : mode === 'team' ? only(directory?.teams, offered?.teamIds) : [];
  const numbers = directory?.phoneNumbers ?? [];
  const invalid = error ? { 'aria-invalid': true as const, 'aria-describedby': 'defaultCaller-error' } : {};

  return (
    <fieldset className="template-caller">
      <legend>Who calls</legend>
      <div className="segmented" role="radiogroup" aria-label="Who calls">
        {MODES.map(([m, label]) => (
          <label key={m} className={mode === m ? 'selected' : undefined}>
            <input
              type="radio"
              name="template-caller"
              value={m}
              checked={mode === m}
              onChange={() => set(m, m === mode ? callerId : '', fromNumberId)}
            />
            {label}
          </label>
        ))}
      </div>
      {value ? (
        <div className="row">
          {mode === 'agent' || mode === 'team' ? (
            <div className="field grow">
              <label htmlFor="template-caller-id">{mode === 'agent' ? 'Agent' : 'Team'}</label>
              <select id="template-caller-id" value={callerId} onChange={(e) => set(mode, e.target.value, fromNumberId)} {...invalid}>
                <option value="">Choose…</option>
                {listed.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
                {callerId && !listed.some((o) => o.id === callerId) ? (
                  <option value={callerId}>{labelOf(directory, mode, callerId)}</option>
                ) : null}
              </select>
              <FieldError id="defaultCaller-error" message={error} />
              {mode === 'agent' ? agentHint : null}
            </div>
          ) : null}
          <div className="field grow">
            <label htmlFor="template-caller-from">From number (optional)</label>
            <select id="template-caller-from" value={fromNumberId ?? ''} onChange={(e) => set(mode, callerId, e.target.value || null)}>
              <option value="">None — keep the Dial screen’s</option>
              {numbers.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label}
                </option>
              ))}
              {fromNumberId && !numbers.some((n) => n.id === fromNumberId) ? <option value={fromNumberId}>{fromNumberId}</option> : null}
            </select>
          </div>
        </div>
      ) : null}
      <p className="hint">{explain(mode, fromNumberId, offered?.note ?? null)}</p>
    </fieldset>
  );
}

function labelOf(directory: Directory | null, mode: 'agent' | 'team', id: string) {
  const known = (mode === 'agent' ? directory?.agents : directory?.teams)?.find((o) => o.id === id);
  return known ? `${known.label} (not bound to this number)` : id;
}

function explain(mode: Mode, fromNumberId: string | null, bindingNote: string | null): string {
  if (mode === 'none') return 'Choosing this template leaves who calls as it is on the Dial screen.';
  const who = `Choosing this template selects ${mode === 'auto' ? 'Automatic (Feather picks a bound agent or team)' : `this ${mode}`} on the Dial screen, unless the contact has its own default.`;
  const number = fromNumberId
    ? ''
    : ' Without a number, the Dial screen keeps its own (the contact’s, the last call’s or the preselected one).';
  return `${who}${number}${bindingNote && mode !== 'auto' && fromNumberId ? ` ${bindingNote}` : ''}`;
}
