import { DEMO_PASSWORD } from './cli/seed/demo-county';
import { DEMO_USERS } from './cli/seed/demo-org';
import { ROLE_NAMES } from './kernel/roles';
import { AppConfig, ConfigError, loadConfig } from './platform/config/config';
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
  console.log(welcome(config));
}

/** What `npm start` ends with: where to open the service and, in development, who to sign in as. */
function welcome(config: AppConfig): string {
  const lines = [
    `Care leaver accommodation is running: open ${config.publicBaseUrl}/ in a browser (API docs at /docs).`,
  ];
  if (config.nodeEnv === 'development') {
    const first = (role: string) => DEMO_USERS.find((u) => u.role === role)?.email;
    lines.push(`Demo sign-ins (the demo county), password ${DEMO_PASSWORD}:`);
    for (const role of [
      'director',
      'head_of_service',
      'service_manager',
      'team_manager',
      'pa',
      'housing_officer',
      'admin',
    ] as const) {
      lines.push(`  ${ROLE_NAMES[role].padEnd(18)} ${first(role)}`);
    }
  }
  return lines.join('\n');
}

bootstrap().catch((e) => {
  console.error('Cannot start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
