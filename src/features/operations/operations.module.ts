import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { HttpMetricsMiddleware } from '../../http/http-metrics.middleware';
import { MetricsController, MetricsGuard } from '../../http/metrics.controller';
import { MetricsService } from './metrics.service';
import { METRICS_TOKEN, metricsTokenFrom, OperatorAuth } from '../../http/auth/operator-auth';

/**
 * GET /metrics for Prometheus, request timing for every route, and OperatorAuth (who may operate
 * the service: /metrics and the queue dashboard).
 */
@Module({
  imports: [
    // Verifies the same access tokens as the global guard (same secret and algorithm).
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [MetricsController],
  providers: [
    MetricsService,
    MetricsGuard,
    OperatorAuth,
    { provide: METRICS_TOKEN, inject: [APP_CONFIG], useFactory: (config: AppConfig) => metricsTokenFrom(config) },
  ],
  exports: [MetricsService, OperatorAuth],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
