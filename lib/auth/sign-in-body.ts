import "server-only";

/**
 * The largest body a sign-in or sign-out form may have. The biggest real one (an email of 254
 * characters and a password of 200, each URL-encoded, the CSRF token and a callback path) is
 * about 3 KB; next-auth would read a body of any size into memory, before anyone is signed in.
 */
export const AUTH_BODY_MAX_BYTES = 8 * 1024;
