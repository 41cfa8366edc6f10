import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { LoginThrottle } from '../../features/users/login-throttle';

/** Counts every sign-in request (before its body is read) against the client's address. */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  constructor(private readonly throttle: LoginThrottle) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ ip?: string }>();
    this.throttle.hit(req.ip ?? 'unknown');
    return true;
  }
}
