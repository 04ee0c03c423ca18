// POSIX path helpers for src/jwt/weak-secret.ts's search for its data file, on the page's
// virtual root (see fs.ts).
export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

export function join(...parts: string[]): string {
  return parts.join('/').replace(/\/+/g, '/');
}
