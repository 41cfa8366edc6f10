import { Module } from '@nestjs/common';
import { AreasModule } from '../features/areas/areas.module';
import { EscalationsModule } from '../features/escalations/escalations.module';
import { InventoryModule } from '../features/inventory/inventory.module';
import { PlacementsModule } from '../features/placements/placements.module';
import { ReportsModule } from '../features/reports/reports.module';
import { UsersModule } from '../features/users/users.module';
import { StaysModule } from '../features/stays/stays.module';
import { YoungPeopleModule } from '../features/young-people/young-people.module';
import { AlertPage } from './pages/alert.page';
import { HomePage } from './pages/home.page';
import { MatchPage } from './pages/match.page';
import { NotFoundPage } from './pages/not-found.page';
import { QueuePageController } from './pages/queue.page';
import { SignInPage } from './pages/sign-in.page';
import { TimelinePage } from './pages/timeline.page';
import { VacanciesPage } from './pages/vacancies.page';
import { PageGuard } from './page.guard';

/**
 * The staff's pages: thin controllers over the same services as the JSON API, presenters shaping
 * what the templates show, Nunjucks views with GOV.UK and MoJ Frontend. `NotFoundPage` stays last:
 * it answers every page address no other page has.
 */
@Module({
  imports: [
    AreasModule,
    UsersModule,
    EscalationsModule,
    InventoryModule,
    PlacementsModule,
    ReportsModule,
    StaysModule,
    YoungPeopleModule,
  ],
  controllers: [
    SignInPage,
    HomePage,
    AlertPage,
    TimelinePage,
    VacanciesPage,
    QueuePageController,
    MatchPage,
    NotFoundPage,
  ],
  providers: [PageGuard],
})
export class WebModule {}
