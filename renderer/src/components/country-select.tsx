import { useMemo } from 'react';
import { regionName, supportedCountries } from '../../../shared/phone';

export function CountrySelect({ value, onChange, id }: { value: string; onChange(code: string): void; id: string }) {
  const options = useMemo(
    () =>
      supportedCountries()
        .map((code) => ({ code, name: regionName(code) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
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
