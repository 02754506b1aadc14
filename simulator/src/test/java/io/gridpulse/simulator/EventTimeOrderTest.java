package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.streams.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeOrderTest {

    private static final long BOUND = 5 * 60_000L;

    private final SimulatedRuns.Run run = SimulatedRuns.city();

    @Test
    void everyRecordIsAtMostFiveMinutesOlderThanAnyEmittedBeforeItExceptLateResendsAndHistory() {
        long max = run.records().get(0).timestampMillis();
        int outOfOrder = 0;
        for (CollectingRecordSink.Sent record : run.records()) {
            if (isOpeningHistory(record)) {
                continue;
            }
            if (!isLateResend(record) && !isLateManualRead(record)) {
                assertThat(record.timestampMillis())
                        .as("%s", record.value())
                        .isGreaterThan(max - BOUND);
                if (record.timestampMillis() < max) {
                    outOfOrder++;
                }
            }
            max = Math.max(max, record.timestampMillis());
        }
        assertThat(outOfOrder)
                .as("records older than one emitted before them")
                .isGreaterThan(1_000);
    }

    @Test
    void lateResendsArriveAtLeastTwoHoursBehind() {
        long max = run.records().get(0).timestampMillis();
        int late = 0;
        for (CollectingRecordSink.Sent record : run.records()) {
            if (isLateResend(record)) {
                assertThat(max - record.timestampMillis()).isGreaterThanOrEqualTo(2 * 3_600_000L);
                late++;
            }
            max = Math.max(max, record.timestampMillis());
        }
        assertThat(late).isEqualTo(count(AnomalyType.LATE_READ));
    }

    @Test
    void customersComeFirstStampedWithTheStart() {
        int customers = run.truth().config().customers();
        List<CollectingRecordSink.Sent> first = run.records().subList(0, customers);

        assertThat(first)
                .allSatisfy(
                        r -> {
                            assertThat(r.topic()).isEqualTo(Topics.CUSTOMERS);
                            assertThat(r.timestampMillis())
                                    .isEqualTo(run.truth().config().start().toEpochMilli());
                            assertThat(((Customer) r.value()).getCustomerId()).isEqualTo(r.key());
                        });
    }

    /**
     * Last year's bills and their payments come right after the customers, stamped with their own
     * (past) times, before anything of the run.
     */
    @Test
    void openingBillHistoryFollowsTheCustomersBeforeTheRun() {
        int customers = run.truth().config().customers();
        long start = run.truth().config().start().toEpochMilli();
        List<CollectingRecordSink.Sent> history =
                run.records().stream().filter(EventTimeOrderTest::isOpeningHistory).toList();

        assertThat(history).isNotEmpty();
        assertThat(run.records().subList(customers, customers + history.size()))
                .containsExactlyElementsOf(history);
        assertThat(history)
                .allSatisfy(
                        r -> assertThat(r.timestampMillis()).isLessThan(start - 86_400_000L * 180));
    }

    @Test
    void recordTimestampIsTheEventTime() {
        assertThat(run.records())
                .filteredOn(r -> r.topic().equals(Topics.METER_READS))
                .allSatisfy(
                        // a meter's clock may be up to 5 minutes off the head-end's
                        r ->
                                assertThat(((MeterRead) r.value()).getReadTime().toEpochMilli())
                                        .isBetween(
                                                r.timestampMillis() - 5 * 60_000L,
                                                r.timestampMillis() + 5 * 60_000L));
    }

    private static boolean isOpeningHistory(CollectingRecordSink.Sent record) {
        return (record.topic().equals(Topics.BILLS) || record.topic().equals(Topics.PAYMENTS))
                && record.key() != null
                && (record.value() instanceof io.gridpulse.schema.Bill b
                        ? b.getBillId().startsWith("H")
                        : ((io.gridpulse.schema.Payment) record.value())
                                .getPaymentId()
                                .startsWith("Y"));
    }

    private long count(AnomalyType type) {
        return run.truth().anomalies().stream().filter(a -> a.rule() == type).count();
    }

    /** A meter reader's read, delivered days after the visit (a swap's read is on time). */
    private static boolean isLateManualRead(CollectingRecordSink.Sent record) {
        return record.value() instanceof MeterRead read
                && read.getSource() == ReadSource.MANUAL
                && !read.getQualityFlags().contains(QualityFlag.METER_REPLACED);
    }

    private static boolean isLateResend(CollectingRecordSink.Sent record) {
        return record.value() instanceof MeterRead read
                && read.getQualityFlags().contains(QualityFlag.RETRIED);
    }
}
