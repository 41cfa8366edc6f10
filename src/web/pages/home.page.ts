import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Pages, type PageRequest } from '../page.guard';

/** Each role's home page. */
@Pages()
export class HomePage {
  @Get()
  home(@Req() req: PageRequest, @Res() res: Response): void {
    res.render('home/home', { pageTitle: 'Home', user: req.user });
  }
}
