package io.gridpulse.servicekpi;

import io.gridpulse.schema.ServiceOrder;

/**
 * One input to the KPIs of a unit: a ticket's latest revision, a change in customer counts, a
 * notice, a payment or reads collected. A flat POJO so Flink serializes it without Kryo; which
 * fields are set depends on {@link #type}.
 */
public class KpiFact {

    /** Grid, station and county of what no grid has claimed (yet). */
    public static final String UNASSIGNED = "UNASSIGNED";

    public FactType type;

    /** The unit the fact counts for; set when it is routed to grid, station and county. */
    public Level level;

    public String unitId;

    public String gridId;
    public String stationId;
    public String county;

    /** Ticket, notice or payment id. */
    public String id;

    public String customerId;

    /**
     * When it happened: opened (ticket), sent (notice), paid (payment), or the start of the local
     * day (customers, reads).
     */
    public long timeMs;

    public int revision;
    public String kind;
    public String category;
    public String channel;
    public Long firstResponseMs;
    public Long resolvedMs;
    public Boolean verified;

    /** Change of customer counts, indexed as in {@link CustomerCounts}. */
    public long[] counts;

    /** Change of the number of reads collected. */
    public long received;

    public KpiFact() {}

    /** A ticket revision; a ticket not dispatched to a grid counts under {@code UNASSIGNED}. */
    public static KpiFact ticket(ServiceOrder order) {
        KpiFact f = new KpiFact();
        f.type = FactType.TICKET;
        f.id = order.getTicketId();
        f.revision = order.getRevision();
        f.customerId = order.getCustomerId();
        f.gridId = order.getGridId() == null ? UNASSIGNED : order.getGridId();
        f.kind = order.getKind().name();
        f.category = order.getCategory().name();
        f.channel = order.getChannel().name();
        f.timeMs = order.getOpenedAt().toEpochMilli();
        f.firstResponseMs =
                order.getFirstResponseAt() == null
                        ? null
                        : order.getFirstResponseAt().toEpochMilli();
        f.resolvedMs = order.getResolvedAt() == null ? null : order.getResolvedAt().toEpochMilli();
        f.verified = order.getVerified();
        return f;
    }

    /** Whether the ticket is a complaint or a report (投诉举报): what complaint KPIs count. */
    public boolean isComplaint() {
        return "COMPLAINT".equals(kind) || "REPORT".equals(kind);
    }

    public KpiFact copy() {
        KpiFact c = new KpiFact();
        c.type = type;
        c.level = level;
        c.unitId = unitId;
        c.gridId = gridId;
        c.stationId = stationId;
        c.county = county;
        c.id = id;
        c.customerId = customerId;
        c.timeMs = timeMs;
        c.revision = revision;
        c.kind = kind;
        c.category = category;
        c.channel = channel;
        c.firstResponseMs = firstResponseMs;
        c.resolvedMs = resolvedMs;
        c.verified = verified;
        c.counts = counts == null ? null : counts.clone();
        c.received = received;
        return c;
    }

    /** This fact as counted by one unit. */
    public KpiFact in(Level unitLevel, String unit) {
        KpiFact c = copy();
        c.level = unitLevel;
        c.unitId = unit;
        return c;
    }

    /** Sends the fact to its grid, station and county. */
    public void route(org.apache.flink.util.Collector<KpiFact> out) {
        out.collect(in(Level.GRID, gridId));
        out.collect(in(Level.STATION, stationId));
        out.collect(in(Level.COUNTY, county));
    }

    /** The key of the unit the fact counts for. */
    public String unitKey() {
        return level + ":" + unitId;
    }

    @Override
    public String toString() {
        return type + " " + level + ":" + unitId + " " + (id != null ? id : "") + " @" + timeMs;
    }
}
