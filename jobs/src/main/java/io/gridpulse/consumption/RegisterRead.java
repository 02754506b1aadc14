package io.gridpulse.consumption;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The part of a meter read that consumption validation keeps in state: registers as whole milli-kWh
 * (Wh), so sums are exact and state is small.
 */
public class RegisterRead {

    public String meterId;
    public long readTimeMs;
    public long totalWh;
    public String source;

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
    }

    public static RegisterRead of(MeterRead read) {
        return new RegisterRead(
                read.getMeterId(),
                read.getReadTime().toEpochMilli(),
                toWh(read.getTotalKwh()),
                read.getSource().name(),
                read.getQualityFlags().contains(QualityFlag.METER_REPLACED));
    }

    static long toWh(BigDecimal kwh) {
        return kwh.movePointRight(3).longValueExact();
    }

    static BigDecimal toKwh(long wh) {
        return BigDecimal.valueOf(wh, 3);
    }

    public Instant readTime() {
        return Instant.ofEpochMilli(readTimeMs);
    }

    public String toJson() {
        return "{\"meter_id\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(meterId))
                + "\",\"read_time\":\""
                + readTime()
                + "\",\"total_kwh\":"
                + toKwh(totalWh).toPlainString()
                + ",\"source\":\""
                + source
                + "\",\"meter_replaced\":"
                + meterReplaced
                + "}";
    }

    @Override
    public String toString() {
        return toJson();
    }
}
