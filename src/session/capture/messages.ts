// The HTTP messages of a capture, whatever file format held them, with the place of each header
// in that file: rules judge messages, and findings point at the header that shows the problem.

export interface HeaderLine {
  /** As written; HTTP/2 dumps use lower case. */
  name: string;
  value: string;
  line: number;
  column: number;
}

export interface HttpRequest {
  method: string;
  /** Absolute URL (HAR, curl -v with a Host header) or the request target as sent. */
  url: string;
  headers: HeaderLine[];
  body: string;
  line: number;
}

export interface HttpResponse {
  status: number;
  headers: HeaderLine[];
  body: string;
  line: number;
  /** Line and column where the body starts in the file, for findings about its content. */
  bodyLine: number;
  /** HAR `"encoding": "base64"`: `body` is decoded, so tokens in it are not in the file's text. */
  bodyEncoded?: boolean;
}

/** One request and the final response to it (interim 1xx responses dropped); either may be missing. */
export interface Exchange {
  /** 0-based position in the capture, reported as `entry`. */
  index: number;
  request?: HttpRequest;
  response?: HttpResponse;
}

export interface Capture {
  format: 'har' | 'curl';
  exchanges: Exchange[];
  /** HAR only: the tool that wrote it (browsers strip credentials on export). */
  creator?: string;
}

export function header(headers: HeaderLine[], name: string): HeaderLine | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower);
}

export function headersNamed(headers: HeaderLine[], name: string): HeaderLine[] {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower);
}
