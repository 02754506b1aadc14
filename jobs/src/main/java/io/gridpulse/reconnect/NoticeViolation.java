package io.gridpulse.reconnect;

import java.time.Instant;

/**
 * A row of {@code notice_rule_violations}: a disconnection for arrears, ordered or executed, that
 * broke the notice rule, with the evidence. Versioned per (customer_id, switch_event_id): when a
 * notice that makes it lawful arrives later, a newer version says {@code withdrawn = 1}.
 *
 * @param stage ORDERED (the control room can still stop it) or EXECUTED
 * @param rule NO_NOTICE, NOT_DELIVERED, TOO_SOON or NOTICE_TOO_OLD
 */
public record NoticeViolation(
        String customerId,
        String switchEventId,
        String meterId,
        String stage,
        Instant checkedAt,
        String rule,
        String noticeId,
        Instant noticeSentAt,
        Instant noticeDeliveredAt,
        String evidence,
        int withdrawn,
        long version) {}
