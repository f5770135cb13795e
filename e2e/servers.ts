/**
 * The app servers the browser tests run against (both `next start` on the simulator, see playwright.config.ts):
 * the normal one, and one whose simulated RDS is down (DEMO_DOWN), to see partial and total upstream failure.
 */
export const PORT = Number(process.env.E2E_PORT ?? 3107);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const RDS_DOWN_PORT = PORT + 1;
export const RDS_DOWN_URL = `http://127.0.0.1:${RDS_DOWN_PORT}`;
