package io.gridpulse.servicekpi;

import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.streams.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * An independent reference for the service KPIs: every KPI of every grid, station and county for
 * the days and the month of one local calendar month, computed in plain Java from the raw records
 * as they were sent, without any of the job's code. Figures are {@code numerator/denominator}
 * strings keyed by {@code period|level|unit|kpi}, as the tests read them from ClickHouse.
 *
 * <p>Open complaints and expected reads are judged as of {@link #judgedAsOf}: by default event time
 * has passed every deadline and every day of the month.
 */
public final class KpiReference {

    private static final Set<String> REMOTE = Set.of("PHONE", "SMS", "WECHAT", "APP");
    private static final Set<String> PAPER = Set.of("LETTER", "BULLETIN", "ON_SITE");
    private static final Set<String> ELECTRONIC = Set.of("APP", "WECHAT", "ALIPAY", "BANK");
    private static final List<String> CATEGORIES =
            List.of(
                    "UNKNOWN",
                    "BILLING",
                    "ARREARS_DISCONNECTION",
                    "METERING",
                    "OUTAGE",
                    "POWER_QUALITY",
                    "SERVICE_CONDUCT",
                    "NEW_CONNECTION",
                    "PAYMENT_CHANNEL");
    private static final List<String> PAYMENT_CHANNELS =
            List.of("UNKNOWN", "COUNTER", "BANK", "APP", "WECHAT", "ALIPAY", "AGENT", "TERMINAL");
    private static final String NONE = "UNASSIGNED";

    private final ZoneId zone;
    private final Map<String, Duration> deadlines;
    private final Duration otherDeadline;
    private Instant asOf = Instant.MAX;

    private final Map<String, List<Customer>> customerVersions = new HashMap<>();
    private final Map<String, String[]> placeOfGrid = new HashMap<>();
    private final Map<String, ServiceOrder> latestTicket = new HashMap<>();
    private final List<Notice> notices = new ArrayList<>();
    private final List<Payment> payments = new ArrayList<>();

    private final Map<String, String> gridOfMeter = new HashMap<>();

    /** meter -> local day -> AMI minutes of the day. */
    private final Map<String, Map<LocalDate, Set<Long>>> readMinutes = new HashMap<>();

    /** The reference of the job's default settings (company zone, complaint deadlines). */
    public static KpiReference ofDefaults() {
        return new KpiReference(
                KpiTestData.SHANGHAI,
                Map.of(
                        "OUTAGE", Duration.ofDays(1),
                        "ARREARS_DISCONNECTION", Duration.ofDays(1),
                        "POWER_QUALITY", Duration.ofDays(3)),
                Duration.ofDays(5));
    }

    KpiReference(ZoneId zone, Map<String, Duration> deadlines, Duration otherDeadline) {
        this.zone = zone;
        this.deadlines = deadlines;
        this.otherDeadline = otherDeadline;
    }

    /** Judges open complaints and the reads expected as of {@code asOf}, not the end of time. */
    KpiReference judgedAsOf(Instant asOf) {
        this.asOf = asOf;
        return this;
    }

    /** Takes one raw record as the simulator (or a test) sent it. */
    public void accept(String topic, SpecificRecord value) {
        switch (topic) {
            case Topics.CUSTOMERS -> {
                Customer c = (Customer) value;
                customerVersions.computeIfAbsent(c.getCustomerId(), k -> new ArrayList<>()).add(c);
                placeOfGrid.putIfAbsent(
                        c.getGridId(), new String[] {c.getStationId(), c.getCounty()});
            }
            case Topics.SERVICE_ORDERS -> {
                ServiceOrder o = (ServiceOrder) value;
                latestTicket.merge(
                        o.getTicketId(), o, (a, b) -> b.getRevision() > a.getRevision() ? b : a);
            }
            case Topics.NOTICES -> notices.add((Notice) value);
            case Topics.PAYMENTS -> payments.add((Payment) value);
            case Topics.METER_READS -> {
                MeterRead r = (MeterRead) value;
                // a power-down event (last gasp) is no scheduled read
                if (r.getSource() == ReadSource.AMI
                        && !r.getQualityFlags().contains(QualityFlag.POWER_DOWN)) {
                    ZonedDateTime local = r.getReadTime().atZone(zone);
                    long minute =
                            Duration.between(local.toLocalDate().atStartOfDay(zone), local)
                                    .toMinutes();
                    readMinutes
                            .computeIfAbsent(r.getMeterId(), k -> new HashMap<>())
                            .computeIfAbsent(local.toLocalDate(), k -> new HashSet<>())
                            .add(minute);
                }
            }
            default -> {}
        }
    }

    /** Every figure of the month starting on {@code month}: its days and the month itself. */
    public Map<String, String> figures(LocalDate month, boolean withDays) {
        Map<String, String> figures = new TreeMap<>();
        LocalDate end = month.plusMonths(1);
        Map<String, Map<LocalDate, Boolean>> unitDays = unitsWithDataByDay(month, end);
        for (var unit : unitDays.entrySet()) {
            if (withDays) {
                for (LocalDate day : unit.getValue().keySet()) {
                    period(figures, unit.getKey(), day, day.plusDays(1));
                }
            }
            period(figures, unit.getKey(), month, end);
        }
        return figures;
    }

    private String[] unitsOf(String grid) {
        String[] place = NONE.equals(grid) ? new String[] {NONE, NONE} : placeOfGrid.get(grid);
        return new String[] {"GRID:" + grid, "STATION:" + place[0], "COUNTY:" + place[1]};
    }

    private List<String> unitsOfCustomer(Customer c) {
        return List.of(unitsOf(c.getGridId()));
    }

    /** The units that have something on each day: those are the days the job writes. */
    private Map<String, Map<LocalDate, Boolean>> unitsWithDataByDay(LocalDate from, LocalDate to) {
        Map<String, Map<LocalDate, Boolean>> units = new TreeMap<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            LocalDate day = d;
            for (String customer : customerVersions.keySet()) {
                Customer c = versionAtEndOf(customer, day);
                if (c != null && c.getActive()) {
                    for (String u : unitsOfCustomer(c)) {
                        units.computeIfAbsent(u, k -> new TreeMap<>()).put(day, true);
                    }
                }
            }
            for (ServiceOrder t : complaints()) {
                if (localDay(t.getOpenedAt()).equals(day)) {
                    for (String u : unitsOf(gridOf(t))) {
                        units.computeIfAbsent(u, k -> new TreeMap<>()).put(day, true);
                    }
                }
            }
            for (var meter : readMinutes.entrySet()) {
                if (meter.getValue().containsKey(day)) {
                    for (String u : unitsOf(gridOfMeter(meter.getKey()))) {
                        units.computeIfAbsent(u, k -> new TreeMap<>()).put(day, true);
                    }
                }
            }
        }
        return units;
    }

    private void period(Map<String, String> figures, String unit, LocalDate from, LocalDate to) {
        String prefix = from + "|" + unit.replace(':', '|') + "|";
        LocalDate last = to.minusDays(1);

        List<ServiceOrder> all = complaints().stream().filter(t -> inUnit(t, unit)).toList();
        List<ServiceOrder> inPeriod =
                all.stream().filter(t -> within(localDay(t.getOpenedAt()), from, to)).toList();
        long n = inPeriod.size();
        List<Customer> activeAtEnd = activeAtEndOf(unit, last);
        long active = activeAtEnd.size();
        long verified = inPeriod.stream().filter(t -> Boolean.TRUE.equals(t.getVerified())).count();
        put(figures, prefix + "complaints", n, 0);
        put(figures, prefix + "complaints_per_10k", n, active);
        put(figures, prefix + "complaints_verified", verified, 0);
        put(figures, prefix + "verified_rate", verified, n);
        put(
                figures,
                prefix + "arrears_disconnection_share",
                inPeriod.stream()
                        .filter(t -> t.getCategory().name().equals("ARREARS_DISCONNECTION"))
                        .count(),
                n);
        put(
                figures,
                prefix + "repeat_complaints",
                inPeriod.stream().filter(t -> repeats(t, all)).count(),
                0);
        List<Long> response = new ArrayList<>();
        List<Long> resolution = new ArrayList<>();
        for (ServiceOrder t : inPeriod) {
            if (t.getFirstResponseAt() != null) {
                response.add(
                        Math.floorDiv(
                                t.getFirstResponseAt().toEpochMilli()
                                        - t.getOpenedAt().toEpochMilli(),
                                1000L));
            }
            if (t.getResolvedAt() != null) {
                resolution.add(
                        Math.floorDiv(
                                t.getResolvedAt().toEpochMilli() - t.getOpenedAt().toEpochMilli(),
                                1000L));
            }
        }
        put(figures, prefix + "first_response_p50_s", percentile(response, 50), response.size());
        put(figures, prefix + "first_response_p90_s", percentile(response, 90), response.size());
        put(figures, prefix + "resolution_p50_s", percentile(resolution, 50), resolution.size());
        put(figures, prefix + "resolution_p90_s", percentile(resolution, 90), resolution.size());
        put(
                figures,
                prefix + "overdue_complaints",
                inPeriod.stream().filter(this::overdue).count(),
                0);
        for (String category : CATEGORIES) {
            put(
                    figures,
                    prefix + "complaints_" + category.toLowerCase(),
                    inPeriod.stream().filter(t -> t.getCategory().name().equals(category)).count(),
                    0);
        }

        put(figures, prefix + "active_customers", active, 0);
        put(
                figures,
                prefix + "contact_verified_rate",
                activeAtEnd.stream().filter(Customer::getContactVerified).count(),
                active);
        put(
                figures,
                prefix + "sms_binding_rate",
                activeAtEnd.stream().filter(Customer::getSmsBound).count(),
                active);
        put(
                figures,
                prefix + "wechat_binding_rate",
                activeAtEnd.stream().filter(Customer::getWechatBound).count(),
                active);

        List<Notice> dunning =
                notices.stream()
                        .filter(x -> x.getKind().name().equals("DUNNING"))
                        .filter(x -> customerVersions.containsKey(x.getCustomerId()))
                        .filter(x -> within(localDay(x.getSentAt()), from, to))
                        .filter(
                                x ->
                                        unitsOfCustomer(versionAt(x.getCustomerId(), x.getSentAt()))
                                                .contains(unit))
                        .toList();
        long remote = dunning.stream().filter(x -> REMOTE.contains(x.getChannel().name())).count();
        long paper = dunning.stream().filter(x -> PAPER.contains(x.getChannel().name())).count();
        put(figures, prefix + "dunning_notices", dunning.size(), 0);
        put(figures, prefix + "remote_dunning_share", remote, remote + paper);
        put(
                figures,
                prefix + "notices_per_arrears_case",
                dunning.size(),
                dunning.stream().map(Notice::getCustomerId).distinct().count());

        List<Payment> paid =
                payments.stream()
                        .filter(p -> within(localDay(p.getPaidAt()), from, to))
                        .filter(p -> customerVersions.containsKey(p.getCustomerId()))
                        .filter(
                                p ->
                                        unitsOfCustomer(versionAt(p.getCustomerId(), p.getPaidAt()))
                                                .contains(unit))
                        .toList();
        put(figures, prefix + "payments", paid.size(), 0);
        for (String channel : PAYMENT_CHANNELS) {
            put(
                    figures,
                    prefix + "payments_" + channel.toLowerCase(),
                    paid.stream().filter(p -> p.getChannel().name().equals(channel)).count(),
                    0);
        }
        put(
                figures,
                prefix + "electronic_payment_share",
                paid.stream().filter(p -> ELECTRONIC.contains(p.getChannel().name())).count(),
                paid.size());
        put(
                figures,
                prefix + "payment_channels_in_use",
                paid.stream()
                        .map(p -> p.getChannel().name())
                        .filter(c -> !c.equals("UNKNOWN"))
                        .distinct()
                        .count(),
                0);

        long received = 0;
        for (var meter : readMinutes.entrySet()) {
            if (List.of(unitsOf(gridOfMeter(meter.getKey()))).contains(unit)) {
                for (var day : meter.getValue().entrySet()) {
                    if (within(day.getKey(), from, to)) {
                        received += day.getValue().size();
                    }
                }
            }
        }
        long expected = 0;
        LocalDate lastJudged = asOf.equals(Instant.MAX) ? to : localDay(asOf).plusDays(1);
        for (LocalDate d = from; d.isBefore(to) && d.isBefore(lastJudged); d = d.plusDays(1)) {
            long perDay = 0;
            for (Customer c : activeAtEndOf(unit, d)) {
                perDay += 1440 / c.getReadIntervalMinutes();
            }
            expected += expectedBy(perDay, d);
        }
        put(figures, prefix + "collection_success_rate", received, expected);
    }

    /** A day running at {@link #asOf} expects the elapsed share of its reads. */
    private long expectedBy(long perDay, LocalDate day) {
        if (asOf.equals(Instant.MAX)) {
            return perDay;
        }
        long start = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long elapsed = asOf.toEpochMilli() + 1 - start;
        return elapsed >= end - start ? perDay : perDay * Math.max(0, elapsed) / (end - start);
    }

    private static void put(Map<String, String> figures, String key, long num, long den) {
        figures.put(key, num + "/" + den);
    }

    private List<ServiceOrder> complaints() {
        return latestTicket.values().stream()
                .filter(
                        t ->
                                t.getKind().name().equals("COMPLAINT")
                                        || t.getKind().name().equals("REPORT"))
                .toList();
    }

    private static String gridOf(ServiceOrder t) {
        return t.getGridId() == null ? NONE : t.getGridId();
    }

    private boolean inUnit(ServiceOrder t, String unit) {
        return List.of(unitsOf(gridOf(t))).contains(unit);
    }

    /** Another complaint of the customer in the unit in the 30 days before it. */
    private static boolean repeats(ServiceOrder t, List<ServiceOrder> unitComplaints) {
        if (t.getCustomerId() == null) {
            return false;
        }
        Instant opened = t.getOpenedAt();
        return unitComplaints.stream()
                .anyMatch(
                        o ->
                                o != t
                                        && t.getCustomerId().equals(o.getCustomerId())
                                        && (o.getOpenedAt().isBefore(opened)
                                                || (o.getOpenedAt().equals(opened)
                                                        && o.getTicketId()
                                                                        .compareTo(t.getTicketId())
                                                                < 0))
                                        && !o.getOpenedAt()
                                                .plus(Duration.ofDays(30))
                                                .isBefore(opened));
    }

    private boolean overdue(ServiceOrder t) {
        Instant deadline =
                t.getOpenedAt().plus(deadlines.getOrDefault(t.getCategory().name(), otherDeadline));
        return t.getResolvedAt() == null
                ? !deadline.isAfter(asOf)
                : t.getResolvedAt().isAfter(deadline);
    }

    /** Smallest value with at least p % of the values at or below it. */
    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            if ((i + 1) * 100L >= (long) p * sorted.size()) {
                return sorted.get(i);
            }
        }
        throw new IllegalStateException();
    }

    private List<Customer> activeAtEndOf(String unit, LocalDate day) {
        List<Customer> active = new ArrayList<>();
        for (String customer : customerVersions.keySet()) {
            Customer c = versionAtEndOf(customer, day);
            if (c != null && c.getActive() && unitsOfCustomer(c).contains(unit)) {
                active.add(c);
            }
        }
        return active;
    }

    private Customer versionAtEndOf(String customer, LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        return customerVersions.get(customer).stream()
                .filter(c -> c.getUpdatedAt().isBefore(end))
                .max(Comparator.comparing(Customer::getUpdatedAt))
                .orElse(null);
    }

    /** The version valid at an instant, or the earliest when the instant is before all. */
    private Customer versionAt(String customer, Instant at) {
        List<Customer> versions = customerVersions.get(customer);
        return versions.stream()
                .filter(c -> !c.getUpdatedAt().isAfter(at))
                .max(Comparator.comparing(Customer::getUpdatedAt))
                .orElseGet(
                        () ->
                                versions.stream()
                                        .min(Comparator.comparing(Customer::getUpdatedAt))
                                        .orElseThrow());
    }

    private String gridOfMeter(String meter) {
        if (gridOfMeter.isEmpty()) {
            customerVersions.values().stream()
                    .map(v -> v.get(v.size() - 1))
                    .forEach(c -> gridOfMeter.put(c.getMeterId(), c.getGridId()));
        }
        return gridOfMeter.getOrDefault(meter, NONE);
    }

    private LocalDate localDay(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && day.isBefore(to);
    }
}
