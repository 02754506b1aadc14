package io.gridpulse.simulator;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.streams.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumption job's interval rules, applied naively to an emitted stream: an independent way to
 * arrive at the figures the simulator computes from its physical model. Reads behind a watermark of
 * five minutes' out-of-orderness are dropped as late; per meter, reads are taken in read-time
 * order, a repeated read time is ignored, a read below the last accepted register is skipped, a
 * METER_REPLACED read is a new baseline, and every other read closes an interval.
 */
final class ReferenceConsumptionJob {

    static final long OUT_OF_ORDERNESS = 5 * 60_000L;

    /** Consumption and interval count of one meter. */
    record Totals(long milliKwh, int intervals) {}

    private ReferenceConsumptionJob() {}

    static Map<String, Totals> run(List<CollectingRecordSink.Sent> records) {
        Map<String, List<MeterRead>> onTime = new HashMap<>();
        long maxEventTime = Long.MIN_VALUE;
        for (CollectingRecordSink.Sent record : records) {
            boolean late =
                    maxEventTime != Long.MIN_VALUE
                            && record.timestampMillis() < maxEventTime - OUT_OF_ORDERNESS;
            maxEventTime = Math.max(maxEventTime, record.timestampMillis());
            if (!late && record.topic().equals(Topics.METER_READS)) {
                MeterRead read = (MeterRead) record.value();
                if (read.getQualityFlags().contains(QualityFlag.POWER_DOWN)) {
                    continue; // a power-down event (last gasp): no link of the register chain
                }
                onTime.computeIfAbsent(read.getMeterId(), m -> new ArrayList<>()).add(read);
            }
        }
        Map<String, Totals> totals = new HashMap<>();
        onTime.forEach((meter, reads) -> totals.put(meter, intervals(reads)));
        return totals;
    }

    private static Totals intervals(List<MeterRead> reads) {
        List<MeterRead> ordered = new ArrayList<>(reads);
        ordered.sort(Comparator.comparing(MeterRead::getReadTime));
        Set<Long> seen = new HashSet<>();
        Long baseline = null;
        long sum = 0;
        int intervals = 0;
        for (MeterRead read : ordered) {
            if (!seen.add(read.getReadTime().toEpochMilli())) {
                continue;
            }
            long total = milli(read);
            if (read.getQualityFlags().contains(QualityFlag.METER_REPLACED)) {
                baseline = total;
            } else if (baseline == null) {
                baseline = total;
            } else if (total >= baseline) {
                sum += total - baseline;
                intervals++;
                baseline = total;
            }
        }
        return new Totals(sum, intervals);
    }

    static long milli(MeterRead read) {
        return read.getTotalKwh().movePointRight(3).longValueExact();
    }
}
