// Shared by the plug-in checks and the CLI's last-resort handlers (kept light: the CLI loads it at start-up).

/** What a plug-in threw, in words: a value that is not an Error (null, a string, an object) too. */
export function describeThrown(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (err === null || err === undefined) return String(err);
  if (typeof err === 'string') return JSON.stringify(err);
  try { return JSON.stringify(err) ?? String(err); } catch { return String(err); }
}
