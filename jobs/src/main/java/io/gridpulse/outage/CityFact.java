package io.gridpulse.outage;

/**
 * What the area watches tell the city-wide guard: per area and tick, how many watched meters there
 * are and how many fell silent without a power-down event; and each outage row and notice, held by
 * the guard until the whole city's tick is known.
 */
public class CityFact {

    public static final byte TICK = 0;
    public static final byte ROW = 1;
    public static final byte NOTICE = 2;

    public byte kind;

    /** The tick (event time, ms) the fact belongs to. */
    public long tickMs;

    public int watched;

    /** Watched meters silent without having sent a power-down event. */
    public int silent;

    /** 1 when the area alone would open an outage on those silent meters. */
    public int areaSilent;

    public OutageRow row;
    public OutageNotice notice;

    public CityFact() {}

    static CityFact tick(long tickMs, int watched, int silent, boolean areaSilent) {
        CityFact f = new CityFact();
        f.kind = TICK;
        f.tickMs = tickMs;
        f.watched = watched;
        f.silent = silent;
        f.areaSilent = areaSilent ? 1 : 0;
        return f;
    }

    public static CityFact of(OutageRow row) {
        CityFact f = new CityFact();
        f.kind = ROW;
        f.tickMs = row.version();
        f.row = row;
        return f;
    }

    public static CityFact of(OutageNotice notice) {
        CityFact f = new CityFact();
        f.kind = NOTICE;
        f.tickMs = notice.createdAtMs();
        f.notice = notice;
        return f;
    }

    String outageId() {
        return kind == ROW ? row.outageId() : notice.outageId();
    }
}
