/** --profile FILE: read a newspaper profile from JSON or YAML and check it before any input is read. */
import { readFileSync } from 'node:fs';
import { compileProfile, ProfileError, type Profile } from '../knowledge/profile.js';

// a package is imported on first use, never statically (scripts/bundle.mjs says why)
const { parse: parseYaml } = await import('yaml');

export function loadProfile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ProfileError(`profile ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let data: unknown;
  try {
    // JSON is YAML too; one parser reads both
    data = parseYaml(text);
  } catch (err) {
    throw new ProfileError(`profile ${path}: not valid JSON or YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    compileProfile(data as Profile);
  } catch (err) {
    throw new ProfileError(`profile ${path}: ${(err as Error).message}`);
  }
  return data as Profile;
}
