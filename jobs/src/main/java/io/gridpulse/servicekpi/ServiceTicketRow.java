package io.gridpulse.servicekpi;

import io.gridpulse.schema.ServiceOrder;
import java.time.Instant;

/**
 * A row of {@code service_tickets}: one revision of a ticket. The table keeps the highest revision
 * per ticket ({@code ReplacingMergeTree(revision)}), so every revision can be written as it comes,
 * in any order, and a replay rewrites the same rows.
 */
public record ServiceTicketRow(
        String ticketId,
        int revision,
        String customerId,
        String gridId,
        String channel,
        String kind,
        String category,
        Instant openedAt,
        int resolved,
        Instant updatedAt) {

    public static ServiceTicketRow of(ServiceOrder order) {
        return new ServiceTicketRow(
                order.getTicketId(),
                order.getRevision(),
                order.getCustomerId() == null ? "" : order.getCustomerId(),
                order.getGridId() == null ? KpiFact.UNASSIGNED : order.getGridId(),
                order.getChannel().name(),
                order.getKind().name(),
                order.getCategory().name(),
                order.getOpenedAt(),
                order.getResolvedAt() == null ? 0 : 1,
                order.getUpdatedAt());
    }
}
