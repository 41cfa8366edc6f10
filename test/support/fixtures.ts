import type { Harness } from './harness';

/** Small builders over the HTTP API, so e2e tests read as journeys. */
export async function makeLevel(h: Harness, over: Record<string, unknown> = {}) {
  const code = (over.code as string) ?? `L${Math.random().toString(36).slice(2, 8)}`;
  const res = await h
    .as('housing_officer')
    .post('/service-levels')
    .send({
      code,
      name: `Level ${code}`,
      rank: 4,
      minAge: 16,
      maxAge: 25,
      supportHoursMin: 7,
      supportHoursMax: 12,
      emergency: false,
      accommodationCode: 'D',
      suitable: true,
      ...over,
    });
  if (res.status !== 201) throw new Error(`level: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; rank: number };
}

export async function makeProvider(h: Harness, over: Record<string, unknown> = {}) {
  const res = await h
    .as('housing_officer')
    .post('/providers')
    .send({
      name: `Provider ${Math.random().toString(36).slice(2, 8)}`,
      area: 'Crewe',
      ofstedUrn: 'SC123456',
      ofstedCategory: 'shared_housing',
      ...over,
    });
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; area: string };
}

export async function makeBed(
  h: Harness,
  providerId: string,
  serviceLevelId: string,
  over: Record<string, unknown> = {},
) {
  const res = await h
    .as('housing_officer')
    .post('/beds')
    .send({
      providerId,
      serviceLevelId,
      label: `Room ${Math.random().toString(36).slice(2, 6)}`,
      minAge: 16,
      maxAge: 25,
      ...over,
    });
  if (res.status !== 201) throw new Error(`bed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; version: number };
}

/** Today in Europe/London (the service's calendar), YYYY-MM-DD. */
export const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** A date `days` from today (London), YYYY-MM-DD. */
export const dayFromToday = (days: number) =>
  new Date(Date.parse(`${londonToday()}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

/** A date of birth that makes someone `age` today in London, `days` past their birthday (negative: before it). */
export function dobForAge(age: number, days = 30): string {
  const d = new Date(`${londonToday()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until `ok` holds (or throws after `timeoutMs`, showing the last value). */
export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await sleep(100);
    last = await probe();
  }
  return last;
}

export async function makePerson(
  h: Harness,
  over: Record<string, unknown> = {},
  as: 'pa' | 'admin' | 'housing_officer' = 'pa',
) {
  const age = (over.age as number) ?? 19;
  delete over.age;
  const res = await h
    .as(as)
    .post('/young-people')
    .send({
      firstName: 'Alex',
      lastName: 'Taylor',
      dateOfBirth: dobForAge(age),
      gender: 'female',
      legalStatus: age < 18 ? 'relevant' : 'former_relevant',
      homeArea: 'Crewe',
      ...(as === 'pa' ? {} : { paUserId: h.users.pa.id }),
      // Fixtures make many different young people with the same name and age on purpose.
      confirmedNotDuplicate: true,
      ...over,
    });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; reference: string };
}

export const today = londonToday;

export async function makeRequest(h: Harness, youngPersonId: string, over: Record<string, unknown> = {}) {
  const res = await h
    .as('pa')
    .post('/placement-requests')
    .send({ youngPersonId, urgency: 'emergency', neededBy: today(), ...over });
  if (res.status !== 201) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string };
}

/** A live hold on `bedId` for a fresh young person's new request; returns the hold id. */
export async function makeHold(h: Harness, bedId: string): Promise<string> {
  const req = await makeRequest(h, (await makePerson(h)).id);
  const res = await h.as('housing_officer').post(`/placement-requests/${req.id}/holds`).send({ bedId });
  if (res.status !== 201) throw new Error(`hold: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** An open stay (in suitable semi-independent accommodation) for a fresh young person; returns the stay id. */
export async function makeStay(h: Harness, body: Record<string, unknown> = {}): Promise<string> {
  const person = await makePerson(h);
  const res = await h
    .as('pa')
    .post('/stays')
    .send({ youngPersonId: person.id, accommodationCode: 'D', ...body });
  if (res.status !== 201) throw new Error(`stay: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
