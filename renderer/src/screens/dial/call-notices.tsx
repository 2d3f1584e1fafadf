/**
 * What a placed card says besides the call itself: the answer's own notices, then what failed on this
 * computer after it (main's `call:notice`: the contact's stats or the last caller not saved…). Shown by the
 * Dial card and the palette's alike.
 */
export function CallNotices({ answered, late }: { answered: readonly string[]; late: readonly string[] }) {
  return (
    <>
      {[...new Set([...answered, ...late])].map((n) => (
        <p key={n} className="hint hint-warning">
          {n}
        </p>
      ))}
    </>
  );
}
