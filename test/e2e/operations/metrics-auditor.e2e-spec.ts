import { EscalationAuditor } from '../../../src/features/escalations/escalation-auditor';
import { ManualClock } from '../../../src/platform/clock';
import { Harness } from '../../support/harness';

/** The escalation auditor in GET /metrics: what its last run found, and when it last found every clock sound. */
const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
const clock = new ManualClock(new Date('2026-11-18T12:00:00Z'));
let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ env: { WORKERS_ENABLED: 'false', METRICS_TOKEN }, clock });
});
afterAll(async () => {
  await h?.stop();
});

async function scrape(): Promise<Map<string, number>> {
  const res = await h.withToken(METRICS_TOKEN).get('/metrics');
  expect(res.status).toBe(200);
  const out = new Map<string, number>();
  for (const line of res.text.split('\n')) {
    if (line.startsWith('cla_escalation_auditor')) {
      const [name, value] = line.split(' ');
      out.set(name, Number(value));
    }
  }
  return out;
}

describe('the escalation auditor’s gauges', () => {
  it('report 0 before any run, then the time of the last clean run and the violations of the last run', async () => {
    expect((await scrape()).get('cla_escalation_auditor_last_clean_run_timestamp_seconds')).toBe(0);
    await h.app.get(EscalationAuditor).run();
    const clean = await scrape();
    expect(clean.get('cla_escalation_auditor_last_clean_run_timestamp_seconds')).toBe(clock.now().getTime() / 1000);
    expect(clean.get('cla_escalation_auditor_violations{kind="strandedSteps"}')).toBe(0);

    // A later run that found three steps overdue (as when the workers have stopped firing).
    await h.db.query(
      `insert into escalation_audit_run (id, ran_at, clean, violations, repaired) values ($1, $2, false, '{"overdueSteps": 3, "strandedSteps": 0}', 0)`,
      [crypto.randomUUID(), new Date(clock.now().getTime() + 60_000)],
    );
    const broken = await scrape();
    expect(broken.get('cla_escalation_auditor_violations{kind="overdueSteps"}')).toBe(3);
    expect(broken.get('cla_escalation_auditor_last_clean_run_timestamp_seconds')).toBe(clock.now().getTime() / 1000);
    expect(broken.get('cla_escalation_auditor_last_run_timestamp_seconds')).toBe(clock.now().getTime() / 1000 + 60);
  });
});
