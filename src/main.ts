import { ConfigError, loadConfig } from './platform/config/config';
import { createApp } from './app.factory';

/** How long a graceful shutdown may take before the process gives up on it and exits. */
const SHUTDOWN_GRACE_MS = 15_000;

async function bootstrap() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Cannot start: ${e.problems.join('; ')}`);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp({ config });
  // The shutdown hooks close the app on SIGTERM/SIGINT; if a dependency hangs that (a queue
  // waiting on an unreachable Redis), exit anyway rather than linger until the orchestrator kills us.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        console.error(`Shutdown did not finish within ${SHUTDOWN_GRACE_MS / 1000}s; exiting`);
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
    });
  }
  await app.listen(config.port, '0.0.0.0');
}

bootstrap().catch((e) => {
  console.error('Cannot start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
