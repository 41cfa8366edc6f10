import * as argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3). */
export const hashPassword = (plain: string) => argon2.hash(plain, { type: argon2.argon2id });

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-at-all'));
