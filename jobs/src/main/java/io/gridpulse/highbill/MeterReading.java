package io.gridpulse.highbill;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import java.math.BigDecimal;

/** The registers of a meter read the high-bill job needs, in whole Wh. */
public class MeterReading {

    public String meterId;
    public long readTimeMs;
    public long totalWh;

    /** False when the meter has no time-of-use registers; then peak, flat, valley are 0. */
    public boolean timeOfUse;

    public long peakWh;
    public long flatWh;
    public long valleyWh;

    /** The first read of a new meter under the same id: a new baseline, no energy. */
    public boolean meterReplaced;

    public MeterReading() {}

    public MeterReading(
            String meterId,
            long readTimeMs,
            long totalWh,
            boolean timeOfUse,
            long peakWh,
            long flatWh,
            long valleyWh,
            boolean meterReplaced) {
        this.meterId = meterId;
        this.readTimeMs = readTimeMs;
        this.totalWh = totalWh;
        this.timeOfUse = timeOfUse;
        this.peakWh = peakWh;
        this.flatWh = flatWh;
        this.valleyWh = valleyWh;
        this.meterReplaced = meterReplaced;
    }

    public static MeterReading of(MeterRead read) {
        boolean tou =
                read.getPeakKwh() != null
                        && read.getFlatKwh() != null
                        && read.getValleyKwh() != null;
        return new MeterReading(
                read.getMeterId(),
                read.getReadTime().toEpochMilli(),
                wh(read.getTotalKwh()),
                tou,
                tou ? wh(read.getPeakKwh()) : 0,
                tou ? wh(read.getFlatKwh()) : 0,
                tou ? wh(read.getValleyKwh()) : 0,
                read.getQualityFlags().contains(QualityFlag.METER_REPLACED));
    }

    static long wh(BigDecimal kwh) {
        return kwh.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
