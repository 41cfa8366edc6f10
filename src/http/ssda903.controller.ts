import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from './auth/current-user';
import { CAN } from '../kernel/roles';
import { OC3_COLUMNS, WORKING_COLUMNS } from '../kernel/ssda903';
import { Ssda903ExceptionsReport, Ssda903Query } from '../features/reports/ssda903.dto';
import { ACCOM_RULE, IN_TOUCH_RULE } from '../features/reports/ssda903';
import { Ssda903Service } from '../features/reports/ssda903.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/ssda903')
export class Ssda903Controller {
  constructor(private readonly ssda903: Ssda903Service) {}

  @Get('care-leavers.csv')
  @Roles(...CAN.readSsda903)
  @ApiOperation({
    summary: 'SSDA903 care-leaver table (OC3) for a collection year, as the DfE takes it',
    description:
      'Exactly the DfE OC3 table, ready to upload: columns CHILD (our reference), DOB (dd/mm/YYYY), IN_TOUCH, ACTIV, ACCOM and no others; ' +
      'codes only from the DfE lists. One row per young person whose 17th, 18th, 19th, 20th or 21st birthday falls in the collection year ' +
      '(1 April – 31 March) and who is not still looked after (legal status eligible is left out). ' +
      `${IN_TOUCH_RULE} ${ACCOM_RULE} ` +
      'Young people whose row cannot be filled are on GET /reports/ssda903/care-leavers-exceptions with the reason; the working columns are on ' +
      'GET /reports/ssda903/care-leavers-working.csv. RFC 4180: header row, CRLF, fields quoted when needed. Admin and senior managers.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: `text/csv; charset=utf-8, as an attachment. Columns: ${OC3_COLUMNS.join(', ')}`,
    content: {
      'text/csv': {
        schema: { type: 'string', example: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\nCL-1001,15/06/2008,YES,F2,D1\r\n' },
      },
    },
  })
  @ApiBadRequestResponse({ description: 'year missing, not a whole year, or out of range' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  async csv(@Query() q: Ssda903Query): Promise<StreamableFile> {
    return this.file(await this.ssda903.csv(q.year));
  }

  @Get('care-leavers-working.csv')
  @Roles(...CAN.readSsda903)
  @ApiOperation({
    summary: 'The SSDA903 care-leaver rows with the working columns (not for upload)',
    description:
      'The same rows as care-leavers.csv, the DfE columns then BIRTHDAY (which birthday, 17–21), ACCOM_BASIS (on_birthday, nearest_before, ' +
      'nearest_after, or none when ACCOM is 0) and CONTACTED_ON (the day of the contact IN_TOUCH comes from). For checking the return; ' +
      'the DfE refuses a file with these columns. Admin and senior managers.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: `text/csv; charset=utf-8, as an attachment. Columns: ${WORKING_COLUMNS.join(', ')}`,
    content: {
      'text/csv': {
        schema: {
          type: 'string',
          example:
            'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,BIRTHDAY,ACCOM_BASIS,CONTACTED_ON\r\nCL-1001,15/06/2008,YES,F2,D1,17,on_birthday,2025-06-10\r\n',
        },
      },
    },
  })
  @ApiBadRequestResponse({ description: 'year missing, not a whole year, or out of range' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  async working(@Query() q: Ssda903Query): Promise<StreamableFile> {
    return this.file(await this.ssda903.working(q.year));
  }

  private file({ filename, body }: { filename: string; body: string }): StreamableFile {
    return new StreamableFile(Buffer.from(body, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }

  @Get('care-leavers-exceptions')
  @Roles(...CAN.readSsda903)
  @ApiOperation({
    summary: 'What the SSDA903 care-leaver extract could not fill, for a collection year',
    description:
      'Young people in scope left out of the CSV, with the reason: no keeping-in-touch contact in the DfE window, in touch but no activity or no stay ' +
      'recorded, a foyer under 18 or former foster carers at 17 (DfE rules 347 and 3001), or the birthday has not come yet; reference, birthday and why. ' +
      'Also the rows whose suitability digit was corrected and the counts in scope. Admin and senior managers.',
  })
  @ApiOkResponse({ type: Ssda903ExceptionsReport })
  @ApiBadRequestResponse({ description: 'year missing, not a whole year, or out of range' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  exceptions(@Query() q: Ssda903Query): Promise<Ssda903ExceptionsReport> {
    return this.ssda903.exceptions(q.year);
  }
}
