// Limits a list's input shares between the API (zod) and the admin app's search boxes and URL
// parsing, so that a search the page accepts is never one the API refuses.

/** The longest text search a list accepts. */
export const searchTextMax = 200;

/** The longest filter value that names a thing by its key (a tenant slug, a policy type). */
export const filterKeyMax = 100;
