import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import { homeNumbers, regionName } from '../../../../shared/country-words';

type Group = ImportStatus['countrySummary'][number];

/**
 * Numbers that look like another country's, one line per country with its one-click fix:
 * "409 numbers look Indian (valid as +91, not as United States numbers) — import them as +91?"
 * [Import these as India (+91)]. After the fix every number it moved is listed, and it can be undone.
 */
export function ImportCountrySummary(props: {
  groups: Group[];
  home: string;
  onFix(country: string): void;
  onKeepHome(country: string): void;
  onUndo(country: string): void;
}) {
  const { groups, home } = props;
  if (groups.length === 0) return null;
  const homeName = homeNumbers(home);
  return (
    <section className="import-section import-countries" aria-labelledby="import-countries-title">
      <h3 id="import-countries-title">Numbers that look like another country’s</h3>
      <ul className="import-list">
        {groups.map((g) => {
          const name = regionName(g.country);
          return (
            <li key={g.country} id={`import-country-${g.country}`} className={g.applied === 'as' ? 'applied' : undefined}>
              <p className="import-country-message">{g.message}</p>
              <div className="actions">
                {g.applied === 'as' ? (
                  <button type="button" className="secondary small" onClick={() => props.onUndo(g.country)}>
                    Read them as {homeName} again
                  </button>
                ) : (
                  <button type="button" className="primary small" onClick={() => props.onFix(g.country)}>
                    Import these as {name} ({g.callingCode})
                  </button>
                )}
                {g.applied === 'none' && g.ambiguous > 0 ? (
                  <button type="button" className="secondary small" onClick={() => props.onKeepHome(g.country)}>
                    Keep the {g.ambiguous.toLocaleString()} valid in both as {homeName}
                  </button>
                ) : null}
                {g.applied === 'home' ? (
                  <button type="button" className="secondary small" onClick={() => props.onUndo(g.country)}>
                    Undo “keep as {homeName}”
                  </button>
                ) : null}
              </div>
              <details open={g.applied === 'as'}>
                <summary>
                  {g.applied === 'as' ? 'The' : 'Show the'} {g.count.toLocaleString()} number{g.count === 1 ? '' : 's'}
                  {g.applied === 'as' ? ` read as ${name} (${g.callingCode})` : ''}
                  {g.numbers.length < g.count ? ` (first ${g.numbers.length} listed)` : ''}
                </summary>
                <div className="import-numbers" tabIndex={0} role="region" aria-label={`Numbers that look like ${name}’s`}>
                  <table>
                    <thead>
                      <tr>
                        <th>Row</th>
                        <th>Name</th>
                        <th>In the file</th>
                        <th>
                          As {name} ({g.callingCode})
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.numbers.map((n, i) => (
                        <tr key={i}>
                          <td>{n.row}</td>
                          <td>{n.name}</td>
                          <td>{n.raw}</td>
                          <td>{n.e164}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
