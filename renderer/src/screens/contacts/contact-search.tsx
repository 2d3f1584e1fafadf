import { callSelected, filter, search, selectBy } from '../../stores/contacts-actions';
import { useContacts } from '../../stores/contacts-store';

type Sort = 'name' | 'recent' | 'frequent';

/** The search box (arrows move through the list, Enter calls), sort and filters, and how many match. */
export function ContactSearch() {
  const { query, tags, loaded, filling, total, all } = useContacts();
  const plural = all === 1 ? '' : 's';
  return (
    <>
      <div className="field">
        <label htmlFor="contact-search" className="visually-hidden">
          Search contacts
        </label>
        <input
          id="contact-search"
          type="search"
          data-autofocus="select"
          autoComplete="off"
          placeholder="Search name, company, tag or number"
          value={query.query}
          aria-controls="contact-results"
          onChange={(e) => search(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') selectBy(1);
            else if (e.key === 'ArrowUp') selectBy(-1);
            else if (e.key === 'Enter') void callSelected();
            else return;
            e.preventDefault();
          }}
        />
      </div>
      <div className="list-tools">
        <select aria-label="Sort" value={query.sort} onChange={(e) => filter({ sort: e.target.value as Sort })}>
          <option value="name">Name</option>
          <option value="recent">Recently called</option>
          <option value="frequent">Most called</option>
        </select>
        <button
          type="button"
          className="secondary small"
          aria-pressed={query.favoritesOnly}
          onClick={() => filter({ favoritesOnly: !query.favoritesOnly })}
        >
          ★ Favourites
        </button>
        <select aria-label="Tag" value={query.tags[0] ?? ''} onChange={(e) => filter({ tags: e.target.value ? [e.target.value] : [] })}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag} ({t.count})
            </option>
          ))}
        </select>
      </div>
      <p className="muted count" id="contact-results" aria-live="polite">
        {!loaded
          ? 'Loading…'
          : filling
            ? all > 0
              ? `Loading contacts… ${all.toLocaleString()} so far`
              : 'Loading contacts…' // none yet (main restores its saved index in one go)
            : total === all
              ? `${all.toLocaleString()} contact${plural}`
              : `${total.toLocaleString()} of ${all.toLocaleString()} contact${plural}`}
      </p>
    </>
  );
}
