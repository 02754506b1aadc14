package io.gridpulse.simulator;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.SwitchReason;
import java.time.Instant;

/**
 * One scripted disconnection and what the reconnect job should make of it.
 *
 * @param customerId the customer
 * @param meterId the customer's meter
 * @param type how the story goes
 * @param reason why the meter was disconnected: ARREARS, or SAFETY for {@link CaseType#SAFETY_CUT}
 * @param disconnectEventId event id of the disconnect's EXECUTED switch event
 * @param disconnectedAt when the disconnect was executed
 * @param noticeDeliveredAt when the disconnection notice was delivered, null when none was
 * @param noticeRuleBreach whether the cut-off broke the notice rule (arrears cases only)
 * @param clearedBy what cleared the balance, null when nothing did
 * @param clearedAt when the clearing payment or agreement happened, null when nothing did
 * @param reconnectExpected whether GridPulse must issue a reconnect command
 * @param headEndReconnectedAt when the head-end reconnected on its own (staff acting on the old,
 *     manual process), null when it did not within the run
 */
public record ServiceCase(
        String customerId,
        String meterId,
        CaseType type,
        SwitchReason reason,
        String disconnectEventId,
        Instant disconnectedAt,
        Instant noticeDeliveredAt,
        boolean noticeRuleBreach,
        ClearedBy clearedBy,
        Instant clearedAt,
        boolean reconnectExpected,
        Instant headEndReconnectedAt) {}
