/** Extensions of JavaScript and TypeScript sources, in every module flavour. */
export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];

export function isSourceFile(path: string): boolean {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return false;
  const ext = path.slice(dot).toLowerCase();
  if (!SOURCE_EXTENSIONS.includes(ext)) return false;
  // Declaration files hold types only.
  return !/\.d\.[mc]?ts$/i.test(path);
}

function extensionOf(file: string): string {
  return file.slice(file.lastIndexOf('.') + 1).toLowerCase();
}

export function languageOf(file: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  const ext = extensionOf(file);
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return 'ts';
  if (ext === 'tsx') return 'tsx';
  return 'jsx';
}

export function sourceTypeOf(file: string): 'module' | 'commonjs' | 'unambiguous' {
  const ext = extensionOf(file);
  if (ext === 'mjs' || ext === 'mts') return 'module';
  if (ext === 'cjs' || ext === 'cts') return 'commonjs';
  return 'unambiguous';
}
