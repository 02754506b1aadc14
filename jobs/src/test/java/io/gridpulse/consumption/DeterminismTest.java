package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The same reads give the same rows whatever the partition skew: the meters' streams are
 * interleaved differently, watermarks advance differently (far ahead of some meters), and reads of
 * a meter arrive shuffled within the lateness bound.
 */
class DeterminismTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final int METERS = 12;
    private static final int DAYS = 4;

    /** Per meter: 15-min reads with a gap, a misread, a duplicate and (one meter) a swap. */
    private static List<List<RegisterRead>> city() {
        Random random = new Random(7);
        List<List<RegisterRead>> meters = new ArrayList<>();
        for (int m = 0; m < METERS; m++) {
            String meter = "M-" + m;
            List<RegisterRead> reads = new ArrayList<>();
            long wh = 1_000_000L * (m + 1);
            int gapFrom = 100 + random.nextInt(50);
            for (int i = 0; i < DAYS * 96; i++) {
                wh += random.nextInt(400);
                long at = START.plus(Duration.ofMinutes(15L * i)).toEpochMilli();
                if (i >= gapFrom && i < gapFrom + 12) {
                    continue;
                }
                if (m == 3 && i == 200) {
                    reads.add(new RegisterRead(meter, at, 50, "AMI", true));
                    wh = 50;
                    continue;
                }
                RegisterRead read = new RegisterRead(meter, at, wh, "AMI", false);
                if (i == 50 + m) {
                    read.totalWh = wh / 10; // a digit dropped
                }
                reads.add(read);
                if (i == 70 + m) {
                    reads.add(new RegisterRead(meter, at, wh, "AMI", false));
                }
            }
            meters.add(reads);
        }
        return meters;
    }

    /** Swaps neighbouring reads of a meter (never across a swap or a misread). */
    private static List<RegisterRead> shuffledWithinTheBound(List<RegisterRead> reads, Random r) {
        List<RegisterRead> copy = new ArrayList<>(reads);
        for (int i = 1; i + 1 < copy.size(); i += 2) {
            RegisterRead a = copy.get(i);
            RegisterRead b = copy.get(i + 1);
            long base = 1_000_000L * (Integer.parseInt(a.meterId.substring(2)) + 1);
            boolean plain =
                    !a.meterReplaced
                            && !b.meterReplaced
                            && a.totalWh >= base
                            && b.totalWh >= base
                            && a.totalWh <= b.totalWh
                            && a.readTimeMs != b.readTimeMs
                            && i > 3;
            if (plain && r.nextBoolean()) {
                copy.set(i, b);
                copy.set(i + 1, a);
            }
        }
        return copy;
    }

    private record Outcome(
            List<IntervalConsumption> intervals, List<ConsumptionAnomaly> anomalies) {}

    private static Outcome run(long seed, boolean shuffleMeters) throws Exception {
        Random random = new Random(seed);
        List<List<RegisterRead>> streams = new ArrayList<>();
        for (List<RegisterRead> reads : city()) {
            streams.add(shuffleMeters ? shuffledWithinTheBound(reads, random) : reads);
        }
        int[] next = new int[streams.size()];
        try (ValidatorHarness h = new ValidatorHarness()) {
            long watermark = Long.MIN_VALUE;
            int left = streams.stream().mapToInt(List::size).sum();
            while (left > 0) {
                // a skewed interleaving: one meter runs ahead for a while
                int m = random.nextInt(streams.size());
                int burst = 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
                for (int k = 0; k < burst && next[m] < streams.get(m).size(); k++, left--) {
                    RegisterRead read = streams.get(m).get(next[m]++);
                    h.receive(read);
                    if (random.nextInt(10) == 0 && read.readTimeMs > watermark) {
                        watermark = read.readTimeMs;
                        h.watermark(watermark);
                    }
                }
            }
            h.endOfInput();
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            return new Outcome(h.intervals(), h.anomalies());
        }
    }

    @Test
    void shouldWriteTheSameRowsWhateverThePartitionSkew() throws Exception {
        Outcome first = run(1, false);
        assertThat(first.intervals()).hasSizeGreaterThan(METERS * DAYS * 90);
        assertThat(first.anomalies())
                .extracting(ConsumptionAnomaly::rule)
                .contains("NEGATIVE_DELTA", "DUPLICATE_READ", "MISSING_READS", "METER_SWAP");
        for (long seed = 2; seed <= 4; seed++) {
            Outcome other = run(seed, false);
            assertThat(other.intervals()).isEqualTo(first.intervals());
            assertThat(other.anomalies()).isEqualTo(first.anomalies());
        }
    }

    @Test
    void shouldWriteTheSameRowsWhenAMetersReadsArriveShuffledWithinTheBound() throws Exception {
        Outcome inOrder = run(1, false);
        for (long seed = 5; seed <= 7; seed++) {
            Outcome shuffled = run(seed, true);
            assertThat(shuffled.intervals())
                    .usingElementComparatorIgnoringFields("version")
                    .isEqualTo(inOrder.intervals());
            assertThat(shuffled.anomalies())
                    .usingElementComparatorIgnoringFields("version")
                    .isEqualTo(inOrder.anomalies());
        }
    }

    /**
     * Every meter of the city with a customer record; the records come before the first read, or
     * after {@code readsBefore} reads of the city with no watermark yet (a bounded replay whose
     * customers source starts late: the master data holds event time until it is read).
     */
    private static Outcome runWithOwners(
            int readsBefore, boolean waitForFirstWatermark, boolean restoreWhileWaiting)
            throws Exception {
        List<RegisterRead> all = new ArrayList<>();
        List<List<RegisterRead>> meters = city();
        for (int i = 0; all.size() < meters.stream().mapToInt(List::size).sum(); i++) {
            for (List<RegisterRead> reads : meters) {
                if (i < reads.size()) {
                    all.add(reads.get(i));
                }
            }
        }
        try (ValidatorHarness h =
                new ValidatorHarness(ValidationSettings.defaults(), waitForFirstWatermark)) {
            long watermark = Long.MIN_VALUE;
            for (int i = 0; i < all.size(); i++) {
                if (i == readsBefore) {
                    if (restoreWhileWaiting) {
                        h.snapshotAndRestore();
                    }
                    for (int m = 0; m < METERS; m++) {
                        MeterProfile p = new MeterProfile("M-" + m, "C-" + m, "G-1", "RESIDENT");
                        p.readIntervalMinutes = 15;
                        h.receive(p);
                    }
                }
                RegisterRead read = all.get(i);
                h.receive(read);
                if (i >= readsBefore && i % 10 == 0 && read.readTimeMs > watermark) {
                    watermark = read.readTimeMs;
                    h.watermark(watermark);
                }
            }
            h.endOfInput();
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            return new Outcome(h.intervals(), h.anomalies());
        }
    }

    @Test
    void shouldFileEveryRowUnderItsOwnerWhenTheCustomerRecordsComeDaysAfterTheReads()
            throws Exception {
        Outcome ownersFirst = runWithOwners(0, true, false);
        assertThat(ownersFirst.intervals())
                .hasSizeGreaterThan(METERS * DAYS * 90)
                .extracting(IntervalConsumption::gridId)
                .containsOnly("G-1");
        // three of the four days of reads before the customer records
        int readsBefore = METERS * 96 * 3;
        Outcome ownersLate = runWithOwners(readsBefore, true, false);
        assertThat(ownersLate).isEqualTo(ownersFirst);
        assertThat(runWithOwners(readsBefore, true, true)).isEqualTo(ownersFirst);
        // reads applied as they come (live, long after the first watermark): the rows more than
        // a day older than the records left the window under UNASSIGNED, and are corrected in
        // ClickHouse (OwnerCorrection) to the same owners and energy
        Outcome live = runWithOwners(readsBefore, false, false);
        assertThat(live.intervals())
                .extracting(
                        IntervalConsumption::meterId,
                        IntervalConsumption::intervalEnd,
                        IntervalConsumption::kwh,
                        IntervalConsumption::customerId,
                        IntervalConsumption::gridId)
                .containsExactlyElementsOf(
                        ownersFirst.intervals().stream()
                                .map(
                                        r ->
                                                tuple(
                                                        r.meterId(),
                                                        r.intervalEnd(),
                                                        r.kwh(),
                                                        r.customerId(),
                                                        r.gridId()))
                                .toList());
    }

    /** The budget: at most 2 KB per meter, serialized as in a checkpoint. */
    @Test
    void shouldKeepAFifteenMinuteMetersStateWithinTwoKilobytes() throws Exception {
        TypeSerializer<MeterState> serializer =
                TypeInformation.of(MeterState.class).createSerializer(new SerializerConfigImpl());
        MeterState worst = null;
        int largest = 0;
        ValidationSettings settings = ValidationSettings.defaults();
        MeterLedger ledger =
                new MeterLedger(settings, io.gridpulse.consumption.rules.Rules.all(settings));
        MeterState s = new MeterState();
        s.customerId = "C-0000001";
        s.gridId = "GRID-01";
        s.segment = "RESIDENT";
        s.readIntervalMinutes = 15;
        var sink =
                new MeterLedger.Output() {
                    @Override
                    public void interval(IntervalConsumption row) {}

                    @Override
                    public void anomaly(ConsumptionAnomaly row) {}

                    @Override
                    public void late(RegisterRead read, long newestMs) {}

                    @Override
                    public void ownerFound(OwnerCorrection correction) {}
                };
        ledger.bind("M-0000001", s, sink);
        long wh = 12_345_678;
        for (int i = 0; i < 96 * 30; i++) {
            // a swap on day 15: the profile check's week after it is measured too
            boolean swap = i == 96 * 15;
            wh = swap ? 100 : wh + 50 + (i % 7) * 40;
            RegisterRead r =
                    new RegisterRead(
                            "M-0000001",
                            START.plus(Duration.ofMinutes(15L * i)).toEpochMilli(),
                            wh,
                            "AMI",
                            swap);
            r.peakWh = wh / 3;
            r.flatWh = wh / 3;
            r.valleyWh = wh - 2 * (wh / 3);
            r.reverseWh = 0;
            ledger.onRead(r);
            DataOutputSerializer bytes = new DataOutputSerializer(4096);
            serializer.serialize(s, bytes);
            if (bytes.length() > largest) {
                largest = bytes.length();
                worst = s;
            }
        }
        System.out.printf(
                "MeterState, 15-min meter over 30 days with a swap: at most %d bytes%n", largest);
        assertThat(worst).isNotNull();
        assertThat(largest).isLessThanOrEqualTo(2048);
    }
}
