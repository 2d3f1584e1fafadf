/** A variable the agent declares (GET /v1/agents/{id}/variables). */
export interface DeclaredVariable {
  name: string;
  source: string | null;
  type: string | null;
  enumValues: string[];
  description: string | null;
}

/**
 * What Feather would say about a key before anything is sent: not declared on the agent
 * (a 422), or a system variable that cannot be set.
 */
export function checkDeclared(key: string, declared: DeclaredVariable[] | null, agentName: string): string | null {
  if (!declared || !key.trim()) return null;
  const found = declared.find((d) => d.name === key.trim());
  if (!found) return `${agentName} does not declare "${key}"; Feather would refuse the call (422).`;
  if (found.source === 'system') return `"${key}" is a system variable; Feather sets it and it cannot be overridden.`;
  return null;
}
