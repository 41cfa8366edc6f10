import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

/** Keeping-in-touch contacts with care leavers (the SSDA903 IN_TOUCH and ACTIV). */
@Module({
  imports: [AuditModule, YoungPeopleModule],
  providers: [ContactsRepository, ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
