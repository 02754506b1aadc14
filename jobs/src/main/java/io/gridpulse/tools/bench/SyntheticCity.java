package io.gridpulse.tools.bench;

import io.gridpulse.schema.AreaType;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.schema.Segment;
import io.gridpulse.schema.SwitchEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A city generated in-process, without Kafka: meter {@code k} of {@code meters} reads every 15
 * minutes, round after round, with a register that grows; each meter has a customer. Used where the
 * figure is about state, not about reading the topic.
 */
final class SyntheticCity {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final long READ_INTERVAL_MS = 15 * 60_000L;

    /**
     * Reads generated so far in this JVM. The benchmark's mini-cluster runs in the same JVM and
     * loads user code from the application class path, so the benchmark can watch it.
     */
    static final AtomicLong READS_EMITTED = new AtomicLong();

    private SyntheticCity() {}

    static String meterId(long k) {
        String digits = Long.toString(k);
        return "BM" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    /** Read {@code index}: round {@code index / meters} of meter {@code index % meters}. */
    static MeterRead read(long index, int meters) {
        READS_EMITTED.incrementAndGet();
        long k = index % meters;
        long round = index / meters;
        // 0.1 to 0.6 kWh per 15 minutes, the same every round for one meter
        long whPerInterval = 100 + (k * 7919) % 500;
        return MeterRead.newBuilder()
                .setMeterId(meterId(k))
                .setReadTime(START.plusMillis(round * READ_INTERVAL_MS))
                .setTotalKwh(
                        BigDecimal.valueOf(1_000_000 + k % 9_000_000 + round * whPerInterval, 3))
                .setSource(ReadSource.AMI)
                .setQualityFlags(List.of())
                .build();
    }

    static Customer customer(long k) {
        return Customer.newBuilder()
                .setCustomerId("BC" + meterId(k).substring(2))
                .setGridId("GRID-" + (k % 200))
                .setStationId("ST-" + (k % 40))
                .setCounty("County " + (k % 8))
                .setTransformerArea("TA-" + (k % 5000))
                .setAreaType(k % 4 == 0 ? AreaType.RURAL : AreaType.URBAN)
                .setSegment(Segment.RESIDENT)
                .setMeterId(meterId(k))
                .setReadIntervalMinutes(15)
                .setUpdatedAt(START.minusSeconds(86_400))
                .build();
    }

    /** The benches feed no switch events: every meter stays connected. */
    static DataStream<SwitchEvent> noSwitchEvents(DataStream<Customer> customers) {
        return customers
                .filter(c -> false)
                .map(c -> new SwitchEvent())
                .returns(TypeInformation.of(SwitchEvent.class))
                .name("no switch events");
    }
}
