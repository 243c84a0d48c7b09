import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, test } from 'vitest';
import { ALLOWED_CASES, BOUNDARY_CASES } from '../fixtures/lint/cases';
import { ROOT } from '../support/paths';

// The boundary rules are path-based, not type-aware; switching type information off lets
// the fixtures be linted at paths that do not exist on disk.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function ruleIds(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('dependency direction is enforced by lint', () => {
  test.each(BOUNDARY_CASES)(
    '$path breaking the rule fails with $rule',
    async ({ path, code, rule }) => {
      expect(await ruleIds(path, code)).toContain(rule);
    },
  );

  test.each(ALLOWED_CASES)('$path importing downward lints clean', async ({ path, code }) => {
    expect(await ruleIds(path, code)).toEqual([]);
  });
});
