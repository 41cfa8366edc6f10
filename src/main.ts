import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app.factory';

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
  await app.listen(config.port, '0.0.0.0');
}

bootstrap().catch((e) => {
  console.error('Cannot start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
