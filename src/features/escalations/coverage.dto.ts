import { ApiProperty } from '@nestjs/swagger';
import { MANAGER_LADDER, type ManagerRole } from '../../kernel/roles';
import { RecipientView } from './escalations.dto';

export class CoverageCellView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'An area on the list; null: young people with no home area',
  })
  area: string | null;
  @ApiProperty({ enum: MANAGER_LADDER }) role: ManagerRole;
  @ApiProperty({
    type: [RecipientView],
    description: 'Who a step would reach (when the PA’s own chain has nobody in the role)',
  })
  recipients: RecipientView[];
  @ApiProperty({ description: 'It would fall back to a more senior role, or reach nobody' }) gap: boolean;
  @ApiProperty({ description: 'Nobody at all: the step would be unrouted' }) unrouted: boolean;
}

export class CoverageGapView {
  @ApiProperty({ type: String, nullable: true }) area: string | null;
  @ApiProperty({ enum: MANAGER_LADDER }) role: ManagerRole;
}

export class IncompleteChainView {
  @ApiProperty({ format: 'uuid' }) paUserId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) managerId: string | null;
  @ApiProperty({ enum: MANAGER_LADDER, isArray: true, description: 'Rungs nobody active holds above this PA' })
  missingInChain: ManagerRole[];
}

export class CoverageView {
  @ApiProperty({ type: [CoverageCellView] }) areas: CoverageCellView[];
  @ApiProperty({ type: [CoverageGapView] }) gaps: CoverageGapView[];
  @ApiProperty({ type: [IncompleteChainView], description: 'Active PAs whose line-management chain is missing a rung' })
  pasWithIncompleteChains: IncompleteChainView[];
}
