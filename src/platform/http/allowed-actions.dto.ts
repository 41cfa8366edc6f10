import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the caller may do next with a record, and why not (`reason`); decided in kernel/hold-rules.ts (escalation steps: `EscalationsService.acknowledgeDecision`). */
export class AllowedActionView {
  @ApiProperty({ example: 'release' }) action: string;
  @ApiProperty() allowed: boolean;
  @ApiPropertyOptional({ example: 'Held by Sam Patel until 3 Dec 14:00' }) reason?: string;
}
