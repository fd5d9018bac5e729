/** How far ahead an expiring client certificate is warned about (no Node APIs: the UI reads it too). */
export const EXPIRY_WARNING_DAYS = 30;

/** Whether a certificate expiring at `notAfter` is due for a warning at `now` (expired included). */
export const expiresSoon = (notAfter: Date, now: Date = new Date()) =>
  notAfter.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * 86_400_000;
