import { TimerRegistry } from './timer-registry';

/** A sweeper that runs until released, counting its runs. */
function gatedSweeper() {
  let runs = 0;
  let release: () => void = () => undefined;
  const sweeper = async () => {
    runs++;
    await new Promise<void>((r) => (release = r));
    return { run: runs };
  };
  return { sweeper, runs: () => runs, release: () => release() };
}

describe('TimerRegistry.sweep', () => {
  it('joins a sweep already running in this process instead of running a second one beside it', async () => {
    const registry = new TimerRegistry();
    const gate = gatedSweeper();
    registry.registerSweeper('escalations', gate.sweeper);
    const boot = registry.sweep();
    const scheduled = registry.sweep();
    await Promise.resolve();
    expect(gate.runs()).toBe(1);
    gate.release();
    expect(await boot).toEqual({ escalations: { run: 1 } });
    expect(await scheduled).toEqual({ escalations: { run: 1 } });
  });

  it('runs afresh once the running sweep has ended', async () => {
    const registry = new TimerRegistry();
    const gate = gatedSweeper();
    registry.registerSweeper('escalations', gate.sweeper);
    const first = registry.sweep();
    await Promise.resolve();
    gate.release();
    await first;
    const second = registry.sweep();
    await Promise.resolve();
    expect(gate.runs()).toBe(2);
    gate.release();
    expect(await second).toEqual({ escalations: { run: 2 } });
  });

  it('runs afresh after a sweep whose sweeper threw, and reports the failure without stopping the others', async () => {
    const registry = new TimerRegistry();
    let calls = 0;
    registry.registerSweeper('broken', () => {
      calls++;
      return Promise.reject(new Error('database unreachable'));
    });
    registry.registerSweeper('fine', () => Promise.resolve({ ok: true }));
    expect(await registry.sweep()).toEqual({ broken: { error: 'database unreachable' }, fine: { ok: true } });
    expect(await registry.sweep()).toEqual({ broken: { error: 'database unreachable' }, fine: { ok: true } });
    expect(calls).toBe(2);
  });
});
