package io.gridpulse.reconnect;

import io.gridpulse.common.config.GridPulseConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the case function needs from the configuration, in the units it computes with (fen,
 * milliseconds).
 */
public record ReconnectSettings(
        long thresholdCents,
        AgreementPolicy agreementPolicy,
        long noticeMinLeadMs,
        long noticeMaxAgeMs,
        long targetMs,
        long retentionMs)
        implements Serializable {

    public static ReconnectSettings from(GridPulseConfig config) {
        return new ReconnectSettings(
                Money.cents(config.get(ReconnectKeys.CLEARING_THRESHOLD)),
                config.get(ReconnectKeys.AGREEMENT_POLICY),
                config.get(ReconnectKeys.NOTICE_MIN_LEAD).toMillis(),
                config.get(ReconnectKeys.NOTICE_MAX_AGE).toMillis(),
                config.get(ReconnectKeys.RECONNECT_TARGET).toMillis(),
                config.get(ReconnectKeys.CASE_RETENTION).toMillis());
    }

    /** The defaults of {@link ReconnectKeys}. */
    public static ReconnectSettings defaults() {
        return new ReconnectSettings(
                0,
                AgreementPolicy.ANY,
                Duration.ofMinutes(30).toMillis(),
                Duration.ofDays(7).toMillis(),
                Duration.ofHours(1).toMillis(),
                Duration.ofDays(7).toMillis());
    }

    public ReconnectSettings withThresholdCents(long cents) {
        return new ReconnectSettings(
                cents, agreementPolicy, noticeMinLeadMs, noticeMaxAgeMs, targetMs, retentionMs);
    }

    public ReconnectSettings withAgreementPolicy(AgreementPolicy policy) {
        return new ReconnectSettings(
                thresholdCents, policy, noticeMinLeadMs, noticeMaxAgeMs, targetMs, retentionMs);
    }
}
