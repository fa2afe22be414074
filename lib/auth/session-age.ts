/** How long a browser session lasts from sign-in, however active: then the user signs in again. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
