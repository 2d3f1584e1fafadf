/** The message under a field; linked to its input with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

/** A failure that belongs to no single field (offline, refused key…), shown at the top of a form. */
export function FormError({ error }: { error: { message: string; fields?: Record<string, string> } | null }) {
  if (!error || (error.fields && Object.keys(error.fields).length > 0)) return null;
  return (
    <p className="card-error" role="alert">
      {error.message}
    </p>
  );
}
