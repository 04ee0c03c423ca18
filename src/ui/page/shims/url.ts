// In the page, import.meta.url is not a file: every module lives at the virtual /page/ (fs.ts).
export function fileURLToPath(_url: string): string {
  return '/page/module.js';
}
