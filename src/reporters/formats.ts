// Apart from the renderers, so that declaring --format loads none of them.
export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
