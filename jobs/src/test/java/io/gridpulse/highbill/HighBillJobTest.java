package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.kafka.NeverHoldsBack;
import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.NotificationKind;
import io.gridpulse.testing.CollectingSink;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.MiniClusters;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole graph of the high-bill job on a mini-cluster, with bounded in-memory inputs and
 * collecting sinks: hourly reads of three customers over forty days go in, alerts come out.
 */
@Timeout(300)
class HighBillJobTest extends HighBillTestBase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final String BOB = "C-BOB";
    private static final String CAROL = "C-CAROL";
    private static final Instant START = at(MARCH_1, LocalTime.MIDNIGHT);

    @Test
    void shouldAlertTheCustomersWhoseUseRoseOncePerPeriodAndNotifyOnlyThoseWhoMayBeTold()
            throws Exception {
        List<MeterRead> reads = new ArrayList<>();
        hourlyReads(reads, ALICE, 10_000, 25_000); // a heater from 10 March
        hourlyReads(reads, BOB, 10_000, 10_000);
        hourlyReads(reads, CAROL, 10_000, 25_000);
        // as a head-end delivers them: in time order, meters interleaved
        reads.sort(Comparator.comparing(MeterRead::getReadTime));
        List<Customer> customers =
                List.of(customer(ALICE, false), customer(BOB, false), customer(CAROL, true));
        List<Bill> bills = new ArrayList<>();
        for (String customer : List.of(ALICE, BOB, CAROL)) {
            bills.add(bill(customer, LAST_YEAR, LocalDate.of(2025, 4, 1)));
            bills.add(bill(customer, "2025-04", LocalDate.of(2025, 5, 1)));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CollectingSink<HighBillAlertRow> alerts = new CollectingSink<>();
        CollectingSink<CustomerNotification> notifications = new CollectingSink<>();
        HighBillJob.build(
                env.fromData(TypeInformation.of(MeterRead.class), reads.toArray(MeterRead[]::new))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<MeterRead>forBoundedOutOfOrderness(
                                                Duration.ofMinutes(10))
                                        .withTimestampAssigner(
                                                (r, t) -> r.getReadTime().toEpochMilli())),
                env.fromData(TypeInformation.of(Customer.class), customers.toArray(Customer[]::new))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Customer>forGenerator(
                                                ctx -> new NeverHoldsBack<>())
                                        .withTimestampAssigner(
                                                (c, t) -> c.getUpdatedAt().toEpochMilli())),
                env.fromData(TypeInformation.of(Bill.class), bills.toArray(Bill[]::new))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Bill>forMonotonousTimestamps()
                                        .withTimestampAssigner(
                                                (b, t) -> b.getIssuedAt().toEpochMilli())),
                SETTINGS,
                new HighBillJob.Sinks(alerts, notifications));
        env.execute("highbill-graph");

        assertThat(alerts.values())
                .extracting(HighBillAlertRow::notificationId, HighBillAlertRow::sent)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("HB-C-ALICE-2026-03", 1),
                        Tuple.tuple("HB-C-CAROL-2026-03", 0),
                        // the heater stays: April is a new period, with an alert of its own
                        Tuple.tuple("HB-C-ALICE-2026-04", 1),
                        Tuple.tuple("HB-C-CAROL-2026-04", 0));
        assertThat(notifications.values())
                .extracting(CustomerNotification::getNotificationId)
                .containsExactlyInAnyOrder("HB-C-ALICE-2026-03", "HB-C-ALICE-2026-04");
        assertThat(notifications.values())
                .filteredOn(n -> n.getPeriod().equals(PERIOD))
                .singleElement()
                .satisfies(
                        n -> {
                            assertThat(n.getNotificationId()).isEqualTo("HB-C-ALICE-2026-03");
                            assertThat(n.getKind()).isEqualTo(NotificationKind.HIGH_BILL);
                            assertThat(n.getPeriod()).isEqualTo(PERIOD);
                            assertThat(n.getBase()).isEqualByComparingTo("184.08");
                            assertThat(n.getCreatedAt())
                                    .isEqualTo(at(LocalDate.of(2026, 3, 12), LocalTime.of(8, 0)));
                        });
    }

    /** Hourly register reads from 1 March for 40 days; the daily use changes on 10 March. */
    private static void hourlyReads(
            List<MeterRead> reads, String customer, long before, long after) {
        long total = 1_000_000;
        Instant heater = at(LocalDate.of(2026, 3, 10), LocalTime.MIDNIGHT);
        for (int h = 0; h <= 40 * 24; h++) {
            Instant t = START.plus(Duration.ofHours(h));
            reads.add(Events.read("M-" + customer, t, total).build());
            total += (t.isBefore(heater) ? before : after) / 24;
        }
    }

    private static Customer customer(String id, boolean optOut) {
        return Events.customer(id, "M-" + id, START)
                .setGridId("G-DC-001")
                .setStationId("SS-DC-01")
                .setCounty("Dongcheng District")
                .setTransformerArea("TA-DC001-001")
                .setReadIntervalMinutes(60)
                .setSmsBound(true)
                .setWechatBound(true)
                .setBillingDay(1)
                .setHighBillOptOut(optOut)
                .build();
    }

    private static Bill bill(String customer, String period, LocalDate issued) {
        return Events.bill(
                        "B-" + customer + "-" + period,
                        customer,
                        period,
                        "184.08",
                        at(issued, LocalTime.of(3, 0)),
                        issued.plusDays(15))
                .setKwh(new BigDecimal("310.000"))
                .build();
    }
}
