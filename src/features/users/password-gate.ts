import { Inject, Injectable } from '@nestjs/common';
import { rateLimited } from '../../kernel/errors';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { hashPassword, verifyPassword } from './password';

/** More sign-ins than this waiting for a password check are told to try again (the service stays responsive). */
const MAX_WAITING = 200;

/**
 * argon2 takes 64 MiB and a libuv thread for each hash: a burst of sign-ins must not take every
 * thread (and the memory) the rest of the service needs. At most LOGIN_HASH_CONCURRENCY hashes run
 * at once; the rest wait their turn, and past MAX_WAITING the caller is told to retry.
 */
@Injectable()
export class PasswordGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  verify(hash: string, plain: string): Promise<boolean> {
    return this.run(() => verifyPassword(hash, plain));
  }

  hash(plain: string): Promise<string> {
    return this.run(() => hashPassword(plain));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.hashConcurrency) {
      if (this.waiting.length >= MAX_WAITING) throw rateLimited('Sign-in is busy; try again in a moment', 1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
