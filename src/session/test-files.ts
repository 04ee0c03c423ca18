// Test, spec, fixture and mock files: their secrets are mocks, their tokens fakes, their
// `jwt.sign(payload, 'secret')` and `localStorage.setItem('token', ...)` set up a case, and an
// `alg: 'none'` token is there to prove it is refused. None of it ships, so session-audit does not
// judge these files when a walk finds them; a file named on the command line is always judged.
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', '__mocks__', 'mocks', '__fixtures__', 'fixtures', 'e2e', 'cypress', 'playwright', 'testing', 'test-utils', '__snapshots__', 'stories', 'storybook']);
const TEST_FILE = /\.(test|spec|e2e-spec|e2e|cy|stories|story|mock|fixture)\.[cm]?[jt]sx?$|^(test|spec)[-_.]|[-_.](test|spec)\.[cm]?[jt]sx?$|^(jest|vitest|playwright|cypress|karma)\.(config|setup)\b|^setup-?tests\.[cm]?[jt]sx?$/i;

/** True for a path (POSIX, relative to what the user named) inside a test folder or named as a test. */
export function isTestPath(path: string): boolean {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  const base = parts.pop();
  if (base === undefined) return false;
  return TEST_FILE.test(base) || parts.some((dir) => TEST_DIRS.has(dir.toLowerCase()));
}
