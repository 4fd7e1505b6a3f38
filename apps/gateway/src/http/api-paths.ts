/** Where the API lives, and the routes served outside it. */
export const API_PREFIX = 'api/v1';
export const UNPREFIXED = ['health', 'ready'];
