import { useMemo } from 'react';
import { SUPPORTED_COUNTRIES } from '../../../shared/countries';
import { regionName } from '../../../shared/country-words';

export function CountrySelect({ value, onChange, id }: { value: string; onChange(code: string): void; id: string }) {
  const options = useMemo(
    () => SUPPORTED_COUNTRIES.map((code) => ({ code, name: regionName(code) })).sort((a, b) => a.name.localeCompare(b.name)),
    [],
  );
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name} ({o.code})
        </option>
      ))}
    </select>
  );
}
