/** Field key for a context-variable row (local checks, 422 mapping, focus): `contextVariables.2`. Zod-free, for the window. */
export const variableField = (index: number) => `contextVariables.${index}`;
