package io.gridpulse.servicekpi;

/**
 * The reads of one meter on one local day: which minutes of the day brought an AMI read (so a
 * duplicate or a re-sent read counts once), how many, and how many were already reported.
 */
public class DayReads {

    public byte[] minutes;
    public int received;
    public int reported;

    /** True once the day ended and its count was reported; later reads are reported one by one. */
    public boolean closed;

    public DayReads() {}

    public DayReads(int minutesInDay) {
        this.minutes = new byte[minutesInDay / 8 + 1];
    }

    /** Marks the minute; false when it already had a read. */
    public boolean mark(int minute) {
        int bit = 1 << (minute & 7);
        if ((minutes[minute >> 3] & bit) != 0) {
            return false;
        }
        minutes[minute >> 3] |= (byte) bit;
        received++;
        return true;
    }
}
