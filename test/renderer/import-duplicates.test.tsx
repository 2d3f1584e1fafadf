// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportStatus } from '../../shared/contacts/contacts-contract';
import { ImportCountrySummary } from '../../renderer/src/screens/contacts/import-country-summary';
import { ImportDuplicates } from '../../renderer/src/screens/contacts/import-duplicates';

afterEach(cleanup);

type Duplicate = ImportStatus['possibleDuplicates'][number];
const landline: Duplicate = { row: 2, name: 'Mary Smith', duplicateOf: { id: 'c1', name: 'John Smith' }, reason: 'same number' };
const sameName: Duplicate = { row: 5, name: 'Lee Kim', duplicateOf: { id: 'c2', name: 'Kim Lee' }, reason: 'same name' };

describe('the import preview’s possible duplicates', () => {
  it('shows a number shared under another name with both names and Keep both chosen; Merge says the name is kept', async () => {
    const user = userEvent.setup();
    const onChoose = vi.fn();
    render(<ImportDuplicates list={[landline]} total={1} all="keep" choices={new Map()} onAll={vi.fn()} onChoose={onChoose} />);
    const region = screen.getByRole('region', { name: 'Possible duplicates (1)' });
    expect(region.textContent).toContain('Row 2: Mary Smith — possible duplicate of John Smith (same number)');
    expect(region.textContent).toContain('a merge keeps the other name in the contact’s notes');
    const choice = screen.getByRole('radiogroup', { name: 'Mary Smith, row 2' });
    expect(within(choice).getByRole('radio', { name: 'Keep both' })).toHaveProperty('checked', true);
    await user.click(within(choice).getByRole('radio', { name: 'Merge' }));
    expect(onChoose).toHaveBeenCalledWith(2, 'merge');
  });

  it('says nothing about shared numbers when none is listed', () => {
    render(<ImportDuplicates list={[sameName]} total={1} all="keep" choices={new Map()} onAll={vi.fn()} onChoose={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Possible duplicates (1)' }).textContent).not.toContain('shared');
  });
});

describe('the country offers', () => {
  it('shows no section and no “Import these as” button when no country is offered', () => {
    const { container } = render(<ImportCountrySummary groups={[]} home="US" onFix={vi.fn()} onKeepHome={vi.fn()} onUndo={vi.fn()} />);
    expect(container.textContent).toBe('');
    expect(screen.queryByRole('button', { name: /Import these as/ })).toBeNull();
  });
});
