// A fixed-window counter per key ("ip:…", "email:…"), in memory. The login form is limited both per IP and
// per address: one attacker spreading over many addresses, or many IPs on one address, is slowed either way.
// Per instance: behind a load balancer each app server counts for itself (see docs/operations.md).
import { hashToken } from '../../platform/auth/tokens.ts';

/** Counts hits per key within a one-minute window. */
export class LoginRateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one hit for every key; returns false when any of them is over the limit. */
  hit(keys: string[]): boolean {
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    let allowed = true;
    for (const raw of keys) {
      // Addresses are kept hashed: even in memory, no list of e-mails.
      const key = hashToken(raw);
      let window = this.windows.get(key);
      if (!window || now - window.start >= 60_000) {
        window = { start: now, count: 0 };
        this.windows.set(key, window);
      }
      window.count++;
      if (window.count > this.perMinute) allowed = false;
    }
    return allowed;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= 60_000) this.windows.delete(key);
  }
}
