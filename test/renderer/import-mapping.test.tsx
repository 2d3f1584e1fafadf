// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ColumnMappingSchema, type ColumnMapping } from '../../shared/contacts/import/column-mapping';
import { parseCsv } from '../../electron/core/contacts/import/csv-import';
import { ImportMapping } from '../../renderer/src/screens/contacts/import-mapping';

afterEach(cleanup);

const file = parseCsv('Customer,Cell,Fax line,Account Manager\nDana Scully,(202) 555-0111,(202) 555-0199,Walter Skinner\n');

function Harness({ onApply }: { onApply(mapping: ColumnMapping): void }) {
  const [mapping, setMapping] = useState<ColumnMapping>(file.mapping);
  return (
    <ImportMapping
      headers={file.headers}
      sample={file.rows}
      mapping={mapping}
      onChange={setMapping}
      canApply
      onApply={() => onApply(mapping)}
    />
  );
}

describe('the column mapping step', () => {
  it('maps a column to a custom field, with a key made from the header that the user can change', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<Harness onApply={onApply} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Import column Account Manager as' }), 'Custom field…');
    const key = screen.getByRole('textbox', { name: 'Custom field name for column Account Manager' });
    expect(key).toHaveProperty('value', 'accountManager');
    expect(screen.getByText('{{contact.custom.accountManager}}')).toBeTruthy();

    await user.clear(key);
    await user.type(key, 'account manager');
    expect(screen.getByRole('alert').textContent).toMatch(/letters, digits and _/);
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('button', { name: 'Update preview' })).toHaveProperty('disabled', true);

    await user.clear(key);
    await user.type(key, 'owner');
    await user.click(screen.getByRole('button', { name: 'Update preview' }));
    const sent = onApply.mock.calls[0]![0] as ColumnMapping;
    expect(sent[3]).toEqual({ target: 'custom', label: 'owner' });
    expect(ColumnMappingSchema.safeParse(sent).success).toBe(true); // what main will accept
  });

  it('gives phone columns a label, fax included, guessed from the header', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<Harness onApply={onApply} />);
    const fax = screen.getByRole('combobox', { name: 'Label for numbers in column Fax line' });
    expect(fax).toHaveProperty('value', 'fax');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Label for numbers in column Cell' }), 'pager');
    await user.click(screen.getByRole('button', { name: 'Update preview' }));
    expect((onApply.mock.calls[0]![0] as ColumnMapping)[1]).toEqual({ target: 'phone', label: 'pager' });
  });
});
