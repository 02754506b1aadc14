package io.gridpulse.reconnect;

import java.time.Instant;

/**
 * A row of {@code reconnect_cases}: one disconnection case, versioned; the highest version per
 * (customer_id, case_id) is current ({@code FINAL}).
 *
 * @param caseId the head-end event id of the executed cut-off
 * @param status DISCONNECTED, WAITING_FOR_POWER (command sent), RECONNECT_FAILED, RECONNECTED
 * @param autoReconnect 1 for an arrears cut-off, which a clearing reconnects; 0 for safety or a
 *     request
 * @param overdue 1 when power was not back within the target after the clearing
 * @param review 1 when a record that arrived after the command would have changed the decision
 */
public record CaseRow(
        String customerId,
        String caseId,
        String meterId,
        String reason,
        int autoReconnect,
        String status,
        Instant disconnectOrderedAt,
        Instant disconnectedAt,
        long disconnectedMs,
        long balanceCents,
        String clearedBy,
        String clearingEvidence,
        Instant clearedAt,
        long clearedMs,
        String commandId,
        Instant commandSentAt,
        long commandSentMs,
        Instant reconnectedAt,
        long reconnectedMs,
        Instant reconnectFailedAt,
        Instant overdueAt,
        int overdue,
        int review,
        String reviewReason,
        long version) {}
