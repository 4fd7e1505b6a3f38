import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DepartmentEventsRelay } from './department-events.relay';
import { DepartmentEventsRepository } from './department-events.repository';
import { EventStreamController } from './event-stream.controller';
import { EventStreamHub } from './event-stream.hub';
import { StreamAccess } from './stream-access';
import { SubscriberIdentities } from './subscriber-identities';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookFanout } from './webhook-fanout';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Departments outside the bus (events.md): every event relayed from JetStream into the gateway's
 * event log and webhook queues, delivered signed to webhooks and streamed as server-sent events,
 * each filtered for its subscriber.
 */
@Module({
  imports: [AuthModule, AuditModule],
  controllers: [WebhooksController, EventStreamController],
  providers: [
    DepartmentEventsRepository,
    WebhooksRepository,
    SubscriberIdentities,
    WebhookFanout,
    DepartmentEventsRelay,
    WebhookDispatcher,
    EventStreamHub,
    StreamAccess,
    WebhooksService,
  ],
})
export class DepartmentEventsModule {}
