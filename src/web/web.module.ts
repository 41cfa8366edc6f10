import { Module } from '@nestjs/common';
import { AreasModule } from '../features/areas/areas.module';
import { ContactsModule } from '../features/contacts/contacts.module';
import { StaysModule } from '../features/stays/stays.module';
import { EscalationsModule } from '../features/escalations/escalations.module';
import { InventoryModule } from '../features/inventory/inventory.module';
import { NotificationsModule } from '../features/notifications/notifications.module';
import { PlacementsModule } from '../features/placements/placements.module';
import { ReportsModule } from '../features/reports/reports.module';
import { UsersModule } from '../features/users/users.module';
import { YoungPeopleModule } from '../features/young-people/young-people.module';
import { AlertPage } from './pages/alert.page';
import { BedsPage } from './pages/beds.page';
import { HomePage } from './pages/home.page';
import { MatchPage } from './pages/match.page';
import { NotFoundPage } from './pages/not-found.page';
import { NotificationsPage } from './pages/notifications.page';
import { QueuePageController } from './pages/queue.page';
import { ProvidersPage } from './pages/providers.page';
import { SignInPage } from './pages/sign-in.page';
import { TimelinePage } from './pages/timeline.page';
import { VacanciesPage } from './pages/vacancies.page';
import { YoungPeoplePage } from './pages/young-people.page';
import { YoungPersonPage, YoungPersonReader } from './pages/young-person.page';
import { PlacementRequestPage, RecordContactPage, RecordStayPage } from './pages/young-person-forms.page';
import { EditYoungPersonPage } from './pages/young-person-edit.page';
import { PastStayPage } from './pages/past-stay.page';
import { PageGuard } from './page.guard';
import { AreaChoices } from './area-choices';

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
    NotificationsModule,
    PlacementsModule,
    ReportsModule,
    StaysModule,
    YoungPeopleModule,
    ContactsModule,
  ],
  controllers: [
    SignInPage,
    HomePage,
    AlertPage,
    TimelinePage,
    VacanciesPage,
    QueuePageController,
    ProvidersPage,
    BedsPage,
    YoungPeoplePage,
    NotificationsPage,
    YoungPersonPage,
    RecordContactPage,
    RecordStayPage,
    PlacementRequestPage,
    EditYoungPersonPage,
    PastStayPage,
    MatchPage,
    NotFoundPage,
  ],
  providers: [PageGuard, YoungPersonReader, AreaChoices],
})
export class WebModule {}
