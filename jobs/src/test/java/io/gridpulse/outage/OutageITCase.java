package io.gridpulse.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.clickhouse.SqlResources;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted outages through the real stack: Kafka (three partitions), the consumption job on a
 * mini-cluster, ClickHouse 18.16 and the customer-notifications topic. Two transformer areas of six
 * 15-minute meters over two and a half days: area TA-A loses power for two hours on the first day,
 * area TA-B's concentrator loses contact for three hours (power on, registers keep counting).
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Instant POWER_OFF = Instant.parse("2026-03-03T10:05:00Z");
    private static final Instant POWER_ON = Instant.parse("2026-03-03T12:05:00Z");
    private static final Instant CONTACT_LOST = Instant.parse("2026-03-03T14:05:00Z");
    private static final Instant CONTACT_BACK = Instant.parse("2026-03-03T17:05:00Z");
    private static final int QUARTERS = 240; // two and a half days

    @TempDir static Path checkpoints;

    private TestStack stack;
    private List<Map<String, String>> outages;
    private List<CustomerNotification> notifications;
    private List<Map<String, String>> cases;

    @BeforeAll
    void runScriptedOutagesThroughTheJob() throws Exception {
        stack = TestStack.fresh("outage", checkpoints, Map.of());
        var customers = AvroCodec.of(Customer.class);
        var reads = AvroCodec.of(MeterRead.class);
        try (KafkaProducer<byte[], byte[]> producer = stack.producer()) {
            for (String area : List.of("A", "B")) {
                for (int i = 0; i < 6; i++) {
                    Customer c =
                            Events.customer(
                                            "C-" + area + i,
                                            "M-" + area + i,
                                            START.minus(Duration.ofDays(30)))
                                    .setGridId("G-" + area)
                                    .setTransformerArea("TA-" + area)
                                    .setWechatBound(true)
                                    .setOutageNoticeOptOut(area.equals("A") && i == 5)
                                    .build();
                    send(producer, Topics.CUSTOMERS, c.getCustomerId(), customers.encode(c), START);
                }
            }
            long[] wh = new long[12];
            for (int q = 0; q <= QUARTERS; q++) {
                Instant at = START.plus(QUARTER.multipliedBy(q));
                Instant slotStart = at.minus(QUARTER);
                for (int m = 0; m < 12; m++) {
                    boolean areaA = m < 6;
                    boolean powered =
                            !areaA || !(slotStart.isBefore(POWER_ON) && at.isAfter(POWER_OFF));
                    if (q > 0 && powered) {
                        wh[m] += 200 + 7 * m + (q % 4) * 10;
                    }
                    boolean dark = areaA && !at.isBefore(POWER_OFF) && at.isBefore(POWER_ON);
                    boolean unread =
                            !areaA && !at.isBefore(CONTACT_LOST) && at.isBefore(CONTACT_BACK);
                    if (dark || unread) {
                        continue;
                    }
                    String meter = "M-" + (areaA ? "A" : "B") + (m % 6);
                    MeterRead read = Events.read(meter, at, 1_000_000 + wh[m]).build();
                    send(producer, Topics.METER_READS, meter, reads.encode(read), at);
                }
            }
        }
        JobRuns.untilIdle(stack.config(), ConsumptionJob.JOB);
        try (var ch = stack.clickHouse()) {
            outages =
                    ch.rows(
                            "SELECT outage_id, transformer_area, grid_id, status, cause,"
                                    + " reclassified, customers_affected, meters_silent,"
                                    + " toString(opened_at) AS opened, toString(closed_at) AS closed"
                                    + " FROM outages FINAL ORDER BY transformer_area");
            cases =
                    ch.rows(
                            "SELECT meter_id, outage_id, severity FROM consumption_anomalies FINAL"
                                    + " WHERE rule = 'MISSING_READS' ORDER BY meter_id");
        }
        AvroCodec<CustomerNotification> codec = AvroCodec.of(CustomerNotification.class);
        notifications = new ArrayList<>();
        for (var record : stack.readAll(Topics.CUSTOMER_NOTIFICATIONS)) {
            notifications.add(codec.decode(record.value()));
        }
    }

    private void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            String key,
            byte[] value,
            Instant at) {
        producer.send(
                new ProducerRecord<>(
                        stack.topic(topic),
                        null,
                        at.toEpochMilli(),
                        key.getBytes(StandardCharsets.UTF_8),
                        value));
    }

    @Test
    void shouldStoreThePowerOutageAndTheCollectionFailureEachOnce() {
        assertThat(outages).hasSize(2);
        Map<String, String> a = outages.get(0);
        assertThat(a.get("transformer_area")).isEqualTo("TA-A");
        assertThat(a.get("status")).isEqualTo("CLASSIFIED");
        assertThat(a.get("cause")).isEqualTo("POWER_OUTAGE");
        assertThat(a.get("reclassified")).isEqualTo("0");
        assertThat(a.get("customers_affected")).isEqualTo("6");
        assertThat(a.get("meters_silent")).isEqualTo("6");
        assertThat(a.get("opened")).isEqualTo("2026-03-03 10:00:00");
        assertThat(a.get("closed")).isEqualTo("2026-03-03 12:15:00");
        Map<String, String> b = outages.get(1);
        assertThat(b.get("transformer_area")).isEqualTo("TA-B");
        assertThat(b.get("cause")).isEqualTo("COLLECTION_FAILURE");
        assertThat(b.get("reclassified")).isEqualTo("1");
    }

    @Test
    void shouldTellEachCustomerOfThePowerOutageOnceAtItsConfirmationAndAtRestore() {
        String outage = outages.get(0).get("outage_id");
        assertThat(notifications).hasSize(10); // six customers, one opted out, two messages each
        assertThat(notifications).allMatch(n -> n.getOutageId().equals(outage));
        assertThat(notifications).noneMatch(n -> n.getCustomerId().equals("C-A5"));
        assertThat(notifications).noneMatch(n -> n.getCustomerId().startsWith("C-B"));
        assertThat(notifications.stream().map(CustomerNotification::getNotificationId).distinct())
                .hasSize(10);
        assertThat(
                        notifications.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                n -> n.getKind().name(), Collectors.counting())))
                .isEqualTo(Map.of("OUTAGE_STARTED", 5L, "POWER_RESTORED", 5L));
        assertThat(notifications).allMatch(n -> n.getChannel().name().equals("WECHAT"));
    }

    @Test
    void shouldNoteTheOutageOnTheMissingReadsInsideItAndFlagTheOthers() {
        String outage = outages.get(0).get("outage_id");
        Map<String, Map<String, String>> byMeter =
                cases.stream().collect(Collectors.toMap(c -> c.get("meter_id"), c -> c));
        assertThat(byMeter).hasSize(12);
        for (int i = 0; i < 6; i++) {
            assertThat(byMeter.get("M-A" + i).get("outage_id")).isEqualTo(outage);
            assertThat(byMeter.get("M-A" + i).get("severity")).isEqualTo("INFO");
            assertThat(byMeter.get("M-B" + i).get("outage_id")).isEmpty();
            assertThat(byMeter.get("M-B" + i).get("severity")).isEqualTo("WARNING");
        }
    }

    @Test
    void shouldCountOutageMinutesPerGridAndMonthAndListLiveOutages() throws Exception {
        try (var ch = stack.clickHouse()) {
            List<Map<String, String>> kpis = ch.rows(SqlResources.query("grid_outage_kpis_month"));
            assertThat(kpis).hasSize(2);
            Map<String, String> a = kpis.get(0);
            assertThat(a.get("grid")).isEqualTo("G-A");
            assertThat(a.get("month")).isEqualTo("2026-03-01");
            assertThat(a.get("power_outages")).isEqualTo("1");
            assertThat(a.get("outage_minutes")).isEqualTo("135");
            assertThat(a.get("customer_minutes_off")).isEqualTo("810");
            assertThat(kpis.get(1).get("collection_failures")).isEqualTo("1");
            // classified days ago (event time): not live any more
            assertThat(ch.rows(SqlResources.query("outages_live"))).isEmpty();
        }
    }
}
