import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';

type Encoding = NonNullable<ImportStatus['encoding']>;

/** The file's encoding: detected (and said so), or chosen by the user from the ones main can read. */
export function ImportEncoding({ encoding, onChange }: { encoding: Encoding; onChange(id: string): void }) {
  const choices = encoding.choices.some((c) => c.id === encoding.id)
    ? encoding.choices
    : [{ id: encoding.id, label: encoding.label }, ...encoding.choices];
  const detectedLabel = encoding.choices.find((c) => c.id === encoding.detectedId)?.label ?? encoding.detectedId;
  return (
    <div className="field">
      <label htmlFor="import-encoding">Encoding</label>
      <select id="import-encoding" value={encoding.id} aria-describedby="import-encoding-source" onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
            {c.id === encoding.detectedId ? ' — detected' : ''}
          </option>
        ))}
      </select>
      <span id="import-encoding-source" className="hint">
        {encoding.detected ? 'Detected from the file' : `Chosen by you (the file looks like ${detectedLabel})`}
      </span>
    </div>
  );
}
