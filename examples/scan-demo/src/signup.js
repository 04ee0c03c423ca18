// Validates the display name a user picks at sign-up.
// The nested quantifier backtracks exponentially on a long name followed by a bad character.
const DISPLAY_NAME = /^([a-zA-Z0-9]+\s?)*$/;

export function isValidDisplayName(name) {
  return DISPLAY_NAME.test(name);
}
