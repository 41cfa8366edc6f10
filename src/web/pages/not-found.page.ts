import { All } from '@nestjs/common';
import { notFound } from '../../kernel/errors';
import { Anonymous, Pages } from '../page.guard';

/** Any page address no page answers: the 404 page (signed in or not, so nothing is revealed). */
@Pages()
export class NotFoundPage {
  @All('{*path}')
  @Anonymous()
  missing(): never {
    throw notFound('Page');
  }
}
