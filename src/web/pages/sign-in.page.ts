import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SignInService } from '../../features/users/sign-in.service';
import { WebSessionsService, randomToken, sameToken } from '../../features/users/web-sessions.service';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { clearCookie, readCookie, SESSION_COOKIE, setCookie, SIGN_IN_COOKIE } from '../../platform/http/cookies';
import { Anonymous, csrfRefused, formField, Pages, type PageRequest } from '../page.guard';
import { presentErrors } from '../presenters/errors.presenter';
import { safeReturnTo } from '../return-to';

const FIELDS = { email: 'Email address', password: 'Password' };

/**
 * Signing in and out. The same accounts and sign-in limits as the API (`SignInService`); a
 * session in PostgreSQL (`WebSessionsService`) whose random id is the only thing in the cookie.
 * Before sign-in there is no session to carry a CSRF token, so the form's token is paired with a
 * cookie (double submit).
 */
@Pages()
export class SignInPage {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: WebSessionsService,
  ) {}

  @Get('sign-in')
  @Anonymous()
  show(
    @Req() req: PageRequest,
    @Res() res: Response,
    @Query('returnTo') returnTo?: string,
    @Query('signedOut') signedOut?: string,
  ): void {
    if (req.webSession) return res.redirect(303, safeReturnTo(returnTo));
    this.render(req, res, 200, { returnTo: safeReturnTo(returnTo), signedOut: signedOut === '1' });
  }

  @Post('sign-in')
  @Anonymous()
  async submit(@Req() req: PageRequest, @Res() res: Response): Promise<void> {
    if (!sameToken(formField(req, '_csrf'), readCookie(req, SIGN_IN_COOKIE))) throw csrfRefused();
    const email = formField(req, 'email')?.trim() ?? '';
    const password = formField(req, 'password') ?? '';
    const returnTo = safeReturnTo(formField(req, 'returnTo'));
    const errors: FieldError[] = [];
    if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
    if (!password) errors.push({ field: 'password', message: 'Enter your password' });
    if (email.length > 320 || password.length > 1000)
      errors.push({ field: 'email', message: 'The email address or password is wrong' });
    if (errors.length) return this.render(req, res, 400, { returnTo, email, errors });
    try {
      const user = await this.signIn.authenticate(email, password, req.ip ?? 'unknown', 'web');
      if (req.webSession) await this.sessions.end(req.webSession);
      const session = await this.sessions.start(user);
      setCookie(req, res, SESSION_COOKIE, session.id);
      clearCookie(req, res, SIGN_IN_COOKIE);
      res.redirect(303, returnTo);
    } catch (e) {
      if (isDomainError(e, 'unauthenticated')) {
        const wrong = [
          { field: 'email', message: 'The email address or password is wrong, or the account is not active' },
        ];
        return this.render(req, res, 401, { returnTo, email, errors: wrong });
      }
      if (isDomainError(e, 'rate_limited')) {
        const seconds = Number(e.details.retryAfter) || 60;
        res.setHeader('Retry-After', String(seconds));
        const wait = [
          {
            field: 'email',
            message: `Too many attempts to sign in. Wait ${Math.ceil(seconds / 60)} minutes and try again`,
          },
        ];
        return this.render(req, res, 429, { returnTo, email, errors: wait });
      }
      throw e;
    }
  }

  @Post('sign-out')
  async signOut(@Req() req: PageRequest, @Res() res: Response): Promise<void> {
    if (req.webSession) await this.sessions.end(req.webSession);
    clearCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/sign-in?signedOut=1');
  }

  private render(
    req: PageRequest,
    res: Response,
    status: number,
    view: { returnTo: string; email?: string; errors?: FieldError[]; signedOut?: boolean },
  ): void {
    const token = randomToken();
    setCookie(req, res, SIGN_IN_COOKIE, token);
    res.status(status).render('sign-in', {
      ...view,
      signInToken: token,
      errors: presentErrors(view.errors ?? [], FIELDS),
    });
  }
}
