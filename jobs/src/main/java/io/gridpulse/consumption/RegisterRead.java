package io.gridpulse.consumption;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A meter read as consumption validation sees it: registers as whole Wh (milli-kWh), so sums are
 * exact and nothing on the hot path allocates decimals. Registers a meter does not have are {@link
 * #NONE}.
 */
public class RegisterRead {

    /** A register the meter does not report. */
    public static final long NONE = -1;

    public String meterId;
    public long readTimeMs;
    public long totalWh;
    public long peakWh = NONE;
    public long flatWh = NONE;
    public long valleyWh = NONE;
    public long reverseWh = NONE;
    public String source;

    /** Head-end quality flags, one bit per {@link QualityFlag} ordinal. */
    public int flags;

    /** The first read of a new meter under the same id: its register starts a new baseline. */
    public boolean meterReplaced;

    public RegisterRead() {}

    public RegisterRead(
            String meterId, long readTimeMs, long totalWh, String source, boolean meterReplaced) {
        this.meterId = meterId;
        this.readTimeMs = readTimeMs;
        this.totalWh = totalWh;
        this.source = source;
        this.meterReplaced = meterReplaced;
        if (meterReplaced) {
            flags |= 1 << QualityFlag.METER_REPLACED.ordinal();
        }
    }

    public static RegisterRead of(MeterRead read) {
        RegisterRead r =
                new RegisterRead(
                        read.getMeterId(),
                        read.getReadTime().toEpochMilli(),
                        toWh(read.getTotalKwh()),
                        read.getSource().name(),
                        read.getQualityFlags().contains(QualityFlag.METER_REPLACED));
        r.peakWh = toWhOrNone(read.getPeakKwh());
        r.flatWh = toWhOrNone(read.getFlatKwh());
        r.valleyWh = toWhOrNone(read.getValleyKwh());
        r.reverseWh = toWhOrNone(read.getReverseKwh());
        for (QualityFlag flag : read.getQualityFlags()) {
            r.flags |= 1 << flag.ordinal();
        }
        return r;
    }

    /** A copy of this read, for a function that keeps it past the call. */
    public RegisterRead copy() {
        RegisterRead r = new RegisterRead();
        r.meterId = meterId;
        r.readTimeMs = readTimeMs;
        r.totalWh = totalWh;
        r.peakWh = peakWh;
        r.flatWh = flatWh;
        r.valleyWh = valleyWh;
        r.reverseWh = reverseWh;
        r.source = source;
        r.flags = flags;
        r.meterReplaced = meterReplaced;
        return r;
    }

    /** The TOU registers of this read, when it has all three. */
    public boolean hasTou() {
        return peakWh != NONE && flatWh != NONE && valleyWh != NONE;
    }

    public boolean hasFlag(QualityFlag flag) {
        return (flags & (1 << flag.ordinal())) != 0;
    }

    public boolean estimated() {
        return "ESTIMATED".equals(source);
    }

    public boolean manual() {
        return "MANUAL".equals(source);
    }

    static long toWh(BigDecimal kwh) {
        return kwh.movePointRight(3).longValueExact();
    }

    private static long toWhOrNone(BigDecimal kwh) {
        return kwh == null ? NONE : toWh(kwh);
    }

    static BigDecimal toKwh(long wh) {
        return BigDecimal.valueOf(wh, 3);
    }

    public Instant readTime() {
        return Instant.ofEpochMilli(readTimeMs);
    }

    public String toJson() {
        StringBuilder json =
                new StringBuilder("{\"meter_id\":\"")
                        .append(JsonStringEncoder.getInstance().quoteAsString(meterId))
                        .append("\",\"read_time\":\"")
                        .append(readTime())
                        .append("\",\"total_kwh\":")
                        .append(toKwh(totalWh).toPlainString());
        if (hasTou()) {
            json.append(",\"peak_kwh\":").append(toKwh(peakWh).toPlainString());
            json.append(",\"flat_kwh\":").append(toKwh(flatWh).toPlainString());
            json.append(",\"valley_kwh\":").append(toKwh(valleyWh).toPlainString());
        }
        if (reverseWh != NONE) {
            json.append(",\"reverse_kwh\":").append(toKwh(reverseWh).toPlainString());
        }
        return json.append(",\"source\":\"")
                .append(source)
                .append("\",\"meter_replaced\":")
                .append(meterReplaced)
                .append("}")
                .toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
