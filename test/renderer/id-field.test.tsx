// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Directory, DirectoryEntry } from '../../shared/contract';
import { callerBindingOf, numberBindingOf, type BindingOf } from '../../renderer/src/components/id-combobox-entries';
import { IdField } from '../../renderer/src/components/id-field';

const ID = {
  sf: '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60',
  london: '1c7a4d2f-9e3b-4a68-8c05-2b3d4e5f6a71',
  riley: '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4',
  morgan: '5abe8b6d-3c7f-4eac-8a49-6f7b8c9daeb5',
  sam: '6bcf9c7e-4d8a-4fbd-9b5a-7a8c9daebfc6',
  unlisted: '9f0e1d2c-3b4a-4958-8776-655443322110',
};
const numbers: DirectoryEntry[] = [
  {
    id: ID.sf,
    label: '+14155550100 · San Francisco main line',
    manual: false,
    e164: '+14155550100',
    international: '+1 415 555 0100', // main formats numbers for display (the window has no phone metadata)
    localName: 'San Francisco main line',
    capabilities: ['voice', 'sms'],
    status: 'active',
  },
  {
    id: ID.london,
    label: '+442079460958',
    manual: false,
    e164: '+442079460958',
    international: '+44 20 7946 0958',
    localName: null,
    capabilities: ['voice'],
    status: 'active',
  },
];
const agents: DirectoryEntry[] = [
  { id: ID.riley, label: 'Riley — Appointment reminders', manual: false },
  { id: ID.morgan, label: 'Morgan — Renewals', manual: false },
  { id: ID.sam, label: 'Sam — Satisfaction survey', manual: false },
];
const directory: Directory = {
  apiVersion: null,
  phoneNumbers: numbers,
  agents,
  teams: [],
  bindings: {
    [ID.sf]: { agentIds: [ID.riley, ID.morgan], teamIds: [], agentRevisions: {} },
    [ID.london]: { agentIds: [], teamIds: [], agentRevisions: {} },
  },
  variables: {},
  revisionVariables: {},
  fetchedAt: null,
  unavailable: [],
  refreshError: null,
};

interface Setup {
  value?: string;
  options?: DirectoryEntry[];
  bindingOf?: BindingOf;
  error?: string;
  onSaveManual?: (label: string) => Promise<string | null>;
  label?: string;
}

/** The field as the Dial screen holds it: the value lives in the parent. */
function setup({ value = '', options = agents, bindingOf, error, onSaveManual, label = 'Agent ID' }: Setup = {}) {
  const changes: string[] = [];
  let setFromOutside: (v: string) => void = () => undefined;
  function Parent() {
    const [current, setCurrent] = useState(value);
    setFromOutside = setCurrent;
    return (
      <form aria-label="Dial">
        <IdField
          id="agent-id"
          field="agentId"
          label={label}
          placeholder="Agent ID (UUID)"
          value={current}
          error={error}
          options={options}
          bindingOf={bindingOf}
          onChange={(v) => {
            changes.push(v);
            setCurrent(v);
          }}
          onSaveManual={onSaveManual}
          suggestionsLabel="Agents you can call as"
        />
        <button type="button">elsewhere</button>
        <button type="submit">Review call</button>
      </form>
    );
  }
  const user = userEvent.setup();
  render(<Parent />);
  const input = screen.getByRole('combobox', { name: label });
  return {
    user,
    input: input as HTMLInputElement,
    changes,
    last: () => changes.at(-1),
    setFromOutside: (v: string) => act(() => setFromOutside(v)),
  };
}

const options = () => within(screen.getByRole('listbox', { name: 'Agents you can call as' })).getAllByRole('option');

// jsdom has no CSS.escape; react-aria looks up options by `[data-key="${CSS.escape(key)}"]`
if (typeof globalThis.CSS?.escape !== 'function') {
  const escape = (value: string) => value.replace(/^-?\d|[^\w-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
  Object.assign(globalThis, { CSS: { ...globalThis.CSS, escape } });
}

afterEach(cleanup);

describe('IdField (picker)', () => {
  it('chooses an agent by typing part of its name, then shows the name, not the UUID', async () => {
    const { user, input, last } = setup();
    await user.type(input, 'morg');
    expect(options()).toEqual([screen.getByRole('option', { name: 'Morgan — Renewals' })]);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(last()).toBe(ID.morgan);
    expect(input.value).toBe('Morgan — Renewals');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByText(ID.morgan)).toBeTruthy(); // the UUID, as secondary text
  });

  it('Enter takes the one entry left by what was typed, and does not submit the form', async () => {
    const submitted = vi.fn((e: SubmitEvent) => e.preventDefault());
    const { user, input, last } = setup();
    input.form!.addEventListener('submit', submitted);
    await user.type(input, 'renew{Enter}');
    expect(last()).toBe(ID.morgan);
    expect(input.value).toBe('Morgan — Renewals');
    expect(submitted).not.toHaveBeenCalled();
    await user.clear(input);
    await user.type(input, 'r{Enter}'); // Riley, Morgan and Sam's "survey": no choice made for the user
    expect(last()).toBe('r');
  });

  it('ArrowDown lists every entry; Esc closes the list and keeps what was typed', async () => {
    const { user, input } = setup();
    await user.click(input);
    await user.keyboard('{ArrowDown}');
    expect(options()).toHaveLength(3);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(input, 'Ri');
    expect(options()).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.value).toBe('Ri');
  });

  it('the button beside the field lists the choices; only the input is named by the field label', async () => {
    const { user, input } = setup({ value: ID.morgan });
    await user.click(screen.getByRole('button', { name: 'Show agents you can call as' }));
    expect(options()).toHaveLength(3);
    expect(screen.getAllByLabelText('Agent ID', { exact: true })).toEqual([input]); // e2e tests find it by label
    await user.click(screen.getByRole('option', { name: 'Sam — Satisfaction survey' }));
    expect(input.value).toBe('Sam — Satisfaction survey');
  });

  it('leaves the rest of the page visible to screen readers while the list is open', async () => {
    const { user, input } = setup();
    await user.click(input);
    await user.keyboard('{ArrowDown}');
    expect(options()).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Review call' })).toBeTruthy(); // would be aria-hidden by react-aria otherwise
    expect(document.querySelectorAll('[aria-hidden="true"]:not(.picker-toggle *)')).toHaveLength(0);
    await user.keyboard('{Escape}');
    expect(document.querySelector('[data-react-aria-top-layer]')).toBeNull();
  });

  it('keeps a UUID typed by hand that is not listed (custom value) and offers to save it under a name', async () => {
    const onSaveManual = vi.fn(async () => null);
    const { user, input, last } = setup({ onSaveManual });
    await user.type(input, ID.unlisted);
    expect(last()).toBe(ID.unlisted);
    await user.click(screen.getByRole('button', { name: 'elsewhere' }));
    expect(input.value).toBe(ID.unlisted);
    expect(last()).toBe(ID.unlisted); // leaving the field does not clear it
    await user.type(screen.getByLabelText('Name for this agent id'), 'Night shift');
    await user.click(screen.getByRole('button', { name: 'Save to list' }));
    expect(onSaveManual).toHaveBeenCalledWith('Night shift');
  });

  it('a pasted UUID that is listed selects that entry and shows its name at once', async () => {
    const { user, input, last } = setup({ value: ID.riley });
    await user.tripleClick(input);
    await user.paste(ID.sam.toUpperCase());
    expect(last()).toBe(ID.sam);
    expect(input.value).toBe('Sam — Satisfaction survey');
    expect(screen.queryByRole('listbox')).toBeNull(); // a whole ID leaves nothing to choose
    expect(document.getElementById('agent-id-detail')?.textContent).toContain(ID.sam);
    await user.keyboard('{ArrowDown}'); // the list is still there on demand
    expect(screen.getByRole('option', { name: 'Sam — Satisfaction survey', selected: true })).toBeTruthy();
    await user.keyboard('{Escape}');
    await user.type(input, '{Backspace}'); // typing again opens the list as usual
    expect(input.value).toBe('Sam — Satisfaction surve');
    expect(options()).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Save to list' })).toBeNull();
  });

  it('shows the name for a known value, and follows a value changed from outside', async () => {
    const { input, setFromOutside } = setup({ value: ID.riley });
    expect(input.value).toBe('Riley — Appointment reminders');
    expect(input.getAttribute('aria-describedby')).toBe('agent-id-detail');
    expect(document.getElementById('agent-id-detail')?.textContent).toContain(ID.riley);
    setFromOutside('');
    expect(input.value).toBe('');
    setFromOutside(ID.morgan);
    expect(input.value).toBe('Morgan — Renewals');
  });

  it('clearing the input clears the value', async () => {
    const { user, input, last } = setup({ value: ID.riley });
    await user.clear(input);
    expect(last()).toBe('');
    expect(input.value).toBe('');
    expect(document.getElementById('agent-id-detail')).toBeNull();
  });

  it('marks agents bound to the chosen number, and those that are not', async () => {
    const { user, input } = setup({ value: ID.riley, bindingOf: callerBindingOf(directory, ID.sf, 'agent') });
    expect(document.getElementById('agent-id-detail')?.textContent).toContain('Riley — Appointment reminders · bound for outbound');
    await user.click(input);
    await user.keyboard('{ArrowDown}');
    const [riley, morgan, sam] = options();
    expect(riley!.getAttribute('aria-selected')).toBe('true');
    expect(document.getElementById(riley!.getAttribute('aria-describedby')!)?.textContent).toContain('bound for outbound');
    expect(morgan!.textContent).toContain('bound for outbound');
    expect(document.getElementById(sam!.getAttribute('aria-describedby')!)?.textContent).toContain('not bound to this number');
  });

  it('finds numbers by the digits of their number, shows names and E.164, and says which have no outbound bindings', async () => {
    const { user, input, last } = setup({ options: numbers, label: 'From number', bindingOf: numberBindingOf(directory) });
    await user.type(input, '020 7946');
    const listed = options();
    expect(listed).toHaveLength(1);
    expect(listed[0]!.textContent).toContain('+44 20 7946 0958');
    expect(listed[0]!.textContent).toContain('no outbound bindings');
    await user.clear(input);
    await user.type(input, '555');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(last()).toBe(ID.sf);
    expect(input.value).toBe('San Francisco main line');
    expect(document.getElementById('agent-id-detail')?.textContent).toContain(
      'San Francisco main line · +1 415 555 0100 · bound for outbound',
    );
  });

  it('keeps the error wiring the Dial screen relies on: data-field, aria-invalid, aria-describedby', () => {
    const { input } = setup({ value: 'not-an-id', error: 'Agent IDs are UUIDs.' });
    expect(input.getAttribute('data-field')).toBe('agentId');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain('agentId-error');
    expect(document.getElementById('agentId-error')?.textContent).toBe('Agent IDs are UUIDs.');
    expect(input.value).toBe('not-an-id');
  });

  it('Enter with the list closed is left to the form (Review)', async () => {
    const submitted = vi.fn((e: SubmitEvent) => e.preventDefault());
    const { user, input } = setup({ value: ID.riley });
    input.form!.addEventListener('submit', submitted);
    await user.click(input);
    await user.keyboard('{Enter}');
    expect(submitted).toHaveBeenCalledTimes(1);
  });
});
