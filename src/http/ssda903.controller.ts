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
import { CSV_COLUMNS } from '../kernel/ssda903';
import { Ssda903ExceptionsReport, Ssda903Query } from '../features/reports/ssda903.dto';
import { ACCOM_RULE } from '../features/reports/ssda903';
import { Ssda903Service } from '../features/reports/ssda903.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/ssda903')
export class Ssda903Controller {
  constructor(private readonly ssda903: Ssda903Service) {}

  @Get('care-leavers.csv')
  @Roles(...CAN.readSsda903)
  @ApiOperation({
    summary: 'SSDA903 care-leaver extract (OC3) for a collection year, as CSV',
    description:
      'One row per young person whose 17th, 18th, 19th, 20th or 21st birthday falls in the collection year (1 April – 31 March) and who is ' +
      'not still looked after (legal status eligible is left out). DfE columns CHILD (our reference), DOB (dd/mm/yyyy), IN_TOUCH and ACTIV ' +
      '(not recorded by this service: left blank, see the exceptions report), ACCOM (letter + 1 suitable / 2 unsuitable; never S1 or X1; T, W, V ' +
      `at a 17th birthday are 2); then two added columns to drop before uploading: BIRTHDAY (which birthday, 17–21) and ACCOM_BASIS (on_birthday, nearest_before or nearest_after). ${ACCOM_RULE} ` +
      'RFC 4180: header row, CRLF, fields quoted when needed. Admin and senior managers.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: `text/csv; charset=utf-8, as an attachment. Columns: ${CSV_COLUMNS.join(', ')}`,
    content: {
      'text/csv': {
        schema: {
          type: 'string',
          example: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,BIRTHDAY,ACCOM_BASIS\r\nCL-1001,15/06/2008,,,W2,17,on_birthday\r\n',
        },
      },
    },
  })
  @ApiBadRequestResponse({ description: 'year missing, not a whole year, or out of range' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  async csv(@Query() q: Ssda903Query): Promise<StreamableFile> {
    const { filename, body } = await this.ssda903.csv(q.year);
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
      'Rows left out of the CSV because no stay is recorded around the birthday (or the birthday has not come yet): reference, birthday and why. ' +
      'Also the rows whose suitability digit was corrected, the columns the service does not record, and the counts in scope. Admin and senior managers.',
  })
  @ApiOkResponse({ type: Ssda903ExceptionsReport })
  @ApiBadRequestResponse({ description: 'year missing, not a whole year, or out of range' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  exceptions(@Query() q: Ssda903Query): Promise<Ssda903ExceptionsReport> {
    return this.ssda903.exceptions(q.year);
  }
}
