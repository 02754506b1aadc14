package io.gridpulse.reconnect;

import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.Parsers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Configuration keys of the reconnect job. */
public final class ReconnectKeys {

    public static final ConfigKey<BigDecimal> CLEARING_THRESHOLD =
            ConfigKey.of(
                    "reconnect.clearing.threshold",
                    BigDecimal.ZERO,
                    ReconnectKeys::money,
                    "A disconnected-for-arrears customer whose balance (bills - payments, CNY) falls to this or below is cleared");

    public static final ConfigKey<AgreementPolicy> AGREEMENT_POLICY =
            ConfigKey.of(
                    "reconnect.agreement.policy",
                    AgreementPolicy.ANY,
                    raw -> Parsers.enumValue(AgreementPolicy.class, raw),
                    "Which agreement signed after the cut-off clears it: ANY, PREPAYMENT, AUTO_DEBIT or NONE");

    public static final ConfigKey<Duration> NOTICE_MIN_LEAD =
            ConfigKey.of(
                    "reconnect.notice.min.lead",
                    Duration.ofMinutes(30),
                    Parsers::duration,
                    "A remote cut-off must come at least this long after the disconnection notice was delivered");

    public static final ConfigKey<Duration> NOTICE_MAX_AGE =
            ConfigKey.of(
                    "reconnect.notice.max.age",
                    Duration.ofDays(7),
                    Parsers::duration,
                    "A disconnection notice delivered longer ago than this no longer counts");

    public static final ConfigKey<Duration> RECONNECT_TARGET =
            ConfigKey.of(
                    "reconnect.target",
                    Duration.ofHours(1),
                    Parsers::duration,
                    "A cleared case not reconnected this long after the clearing event is overdue");

    public static final ConfigKey<Duration> CASE_RETENTION =
            ConfigKey.of(
                    "reconnect.case.retention",
                    Duration.ofDays(7),
                    Parsers::duration,
                    "Event time a customer's closed cases, notices and ledger entries stay in state after their last record");

    public static final ConfigKey<Duration> BUFFER_TIMEOUT =
            ConfigKey.of(
                    "reconnect.buffer.timeout",
                    Duration.ZERO,
                    Parsers::durationOrZero,
                    "Flink network buffer timeout of the reconnect job: how long a record may wait in a half-full buffer on a shuffle; 0 sends every record at once, without a flusher thread per task");

    private ReconnectKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(
                CLEARING_THRESHOLD,
                AGREEMENT_POLICY,
                NOTICE_MIN_LEAD,
                NOTICE_MAX_AGE,
                RECONNECT_TARGET,
                CASE_RETENTION,
                BUFFER_TIMEOUT);
    }

    static BigDecimal money(String raw) {
        try {
            return new BigDecimal(raw).setScale(2, java.math.RoundingMode.UNNECESSARY);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "expected an amount in CNY with at most two decimals, got '" + raw + "'");
        }
    }
}
