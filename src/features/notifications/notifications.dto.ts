import { Trim } from '../../platform/http/transforms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../platform/pagination';
import { Present } from '../../platform/http/validation';
import { CHANNELS, DELIVERY_STATUSES, type Channel, type DeliveryStatus } from './notification.entities';

/** Roles a Teams/Slack webhook can be set for: the management ladder and PAs. */
export const WEBHOOK_ROLES = ['team_manager', 'service_manager', 'head_of_service', 'director', 'pa'] as const;
export type WebhookRole = (typeof WEBHOOK_ROLES)[number];

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true = only entries not yet marked read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class InboxItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'escalation' }) kind: string;
  @ApiProperty({ example: 'Escalation step 2 (service manager): CL-1001 A.T. in B&B / hotel for 26 hours' })
  subject: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://care-leavers.example/escalations/…' }) link:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) escalationId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) youngPersonId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) readAt: string | null;
}

export class InboxPage {
  @ApiProperty({ type: [InboxItemView], description: 'Newest first' }) items: InboxItemView[];
  @ApiProperty({ description: 'Entries matching the filter' }) total: number;
  @ApiProperty({ description: 'Unread entries in the whole inbox' }) unread: number;
}

export class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() escalationId?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() recipientUserId?: string;
}

export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) escalationId: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) recipientUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'service_manager' }) recipientRole: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The email address; for a webhook only its origin (the URL is a credential)',
  })
  target: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: 'in_app entries are sent when written' }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) sentAt: string | null;
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView], description: 'Newest first' }) items: DeliveryView[];
  @ApiProperty() total: number;
}

export class PutWebhookDto {
  @ApiProperty({
    maxLength: 500,
    example: 'https://example.webhook.office.com/webhookb2/…',
    description:
      'https URL of a Teams/Slack-style incoming webhook, on the internet: refused if its host is, or resolves to, ' +
      'a loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast or reserved address, or is an ' +
      'internal name (localhost, *.internal, *.local, a single label). Checked again at every delivery. http only ' +
      'where ALLOW_HTTP_WEBHOOKS is set in development.',
  })
  @Trim()
  @IsString()
  @MaxLength(500)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true },
    { message: 'url must be an http(s) URL' },
  )
  url: string;
  @ApiPropertyOptional({ default: true, description: 'false keeps the address but sends nothing' })
  @Present()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class WebhookView {
  @ApiProperty({ enum: WEBHOOK_ROLES }) role: WebhookRole;
  @ApiProperty() url: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) updatedByUserId: string | null;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookView] }) items: WebhookView[];
  @ApiProperty() total: number;
}
