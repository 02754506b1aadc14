package io.gridpulse.highbill;

/**
 * The energy a customer's meter recorded on one local day, split by time-of-use period and by
 * quarter of the day (00-06, 06-12, 12-18, 18-24 local), in whole Wh.
 */
public class DailyUse {

    public static final int BLOCKS = 4;

    public String customerId;
    public long epochDay;
    public long peakWh;
    public long flatWh;
    public long valleyWh;
    public long[] blockWh = new long[BLOCKS];

    public DailyUse() {}

    public DailyUse(String customerId, long epochDay) {
        this.customerId = customerId;
        this.epochDay = epochDay;
    }

    public long totalWh() {
        return peakWh + flatWh + valleyWh;
    }

    public Energy energy() {
        return new Energy(peakWh, flatWh, valleyWh);
    }

    @Override
    public String toString() {
        return customerId + "@" + java.time.LocalDate.ofEpochDay(epochDay) + ":" + totalWh() + "Wh";
    }
}
