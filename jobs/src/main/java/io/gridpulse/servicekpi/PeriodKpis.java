package io.gridpulse.servicekpi;

import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.schema.TicketCategory;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the KPI rows of one unit for one period (a local day or a local month) from what the
 * unit holds: its complaints, customer counts, dunning notices, payments and reads.
 */
public final class PeriodKpis implements Serializable {

    private static final long serialVersionUID = 1L;

    static final long REPEAT_WINDOW_MS = 30L * 24 * 3600 * 1000;

    /** Electronic payment channels; counters, agents and cash terminals are not. */
    static final Set<String> ELECTRONIC =
            Set.of(
                    PaymentChannel.APP.name(),
                    PaymentChannel.WECHAT.name(),
                    PaymentChannel.ALIPAY.name(),
                    PaymentChannel.BANK.name());

    /** Remote dunning channels; letters, bulletins and visits are paper or on foot. */
    static final Set<String> REMOTE = Set.of("PHONE", "SMS", "WECHAT", "APP");

    static final Set<String> OFFLINE = Set.of("LETTER", "BULLETIN", "ON_SITE");

    private final CompanyCalendar calendar;
    private final TicketDeadlines deadlines;
    private final double bindingTarget;
    private final int channelsTarget;
    private final int channelsTargetRural;

    public PeriodKpis(
            CompanyCalendar calendar,
            TicketDeadlines deadlines,
            double bindingTarget,
            int channelsTarget,
            int channelsTargetRural) {
        this.calendar = calendar;
        this.deadlines = deadlines;
        this.bindingTarget = bindingTarget;
        this.channelsTarget = channelsTarget;
        this.channelsTargetRural = channelsTargetRural;
    }

    /** What a unit holds, for the period asked. */
    public interface UnitData {
        /** Every complaint of the unit in the horizon (repeats look back across periods). */
        List<KpiFact> complaints();

        /** Customer counts at the end of a day. */
        long[] countsAtEndOf(long day);

        List<KpiFact> notices();

        /** Payments per {@link PaymentChannel} ordinal on a day, or null. */
        long[] paymentsOn(long day);

        long readsOn(long day);
    }

    /**
     * @param firstDay first day of the period (epoch day)
     * @param lastDay last day of the period
     * @param asOf event time the open complaints and expected reads are judged at (the watermark,
     *     or the end of the data at the end of a bounded input)
     */
    public List<KpiRow> rows(
            Level level,
            String unitId,
            long firstDay,
            long lastDay,
            UnitData data,
            long asOf,
            long version) {
        List<KpiRow> rows = new ArrayList<>();
        Rows out =
                new Rows(LocalDate.ofEpochDay(firstDay).toString(), level, unitId, version, rows);

        List<KpiFact> all = data.complaints();
        List<KpiFact> complaints = new ArrayList<>();
        for (KpiFact c : all) {
            long day = calendar.day(c.timeMs);
            if (day >= firstDay && day <= lastDay) {
                complaints.add(c);
            }
        }
        long[] counts = data.countsAtEndOf(lastDay);
        long active = counts[CustomerCounts.ACTIVE];
        long n = complaints.size();
        long verified = complaints.stream().filter(c -> Boolean.TRUE.equals(c.verified)).count();
        long arrears =
                complaints.stream()
                        .filter(c -> TicketCategory.ARREARS_DISCONNECTION.name().equals(c.category))
                        .count();
        long repeats = complaints.stream().filter(c -> isRepeat(c, all)).count();
        long overdue = complaints.stream().filter(c -> isOverdue(c, asOf)).count();
        List<Long> response = new ArrayList<>();
        List<Long> resolution = new ArrayList<>();
        for (KpiFact c : complaints) {
            if (c.firstResponseMs != null) {
                response.add(Math.floorDiv(c.firstResponseMs - c.timeMs, 1000));
            }
            if (c.resolvedMs != null) {
                resolution.add(Math.floorDiv(c.resolvedMs - c.timeMs, 1000));
            }
        }
        out.count(Kpi.COMPLAINTS.id(), Better.LOWER, n);
        out.add(
                Kpi.COMPLAINTS_PER_10K.id(),
                Better.LOWER,
                n,
                active,
                active == 0 ? 0 : n * 10_000.0 / active,
                null);
        out.count(Kpi.COMPLAINTS_VERIFIED.id(), Better.LOWER, verified);
        out.ratio(Kpi.VERIFIED_RATE.id(), Better.LOWER, verified, n, null);
        out.ratio(Kpi.ARREARS_DISCONNECTION_SHARE.id(), Better.LOWER, arrears, n, null);
        out.count(Kpi.REPEAT_COMPLAINTS.id(), Better.LOWER, repeats);
        out.percentile(Kpi.FIRST_RESPONSE_P50_S.id(), response, 50);
        out.percentile(Kpi.FIRST_RESPONSE_P90_S.id(), response, 90);
        out.percentile(Kpi.RESOLUTION_P50_S.id(), resolution, 50);
        out.percentile(Kpi.RESOLUTION_P90_S.id(), resolution, 90);
        out.count(Kpi.OVERDUE_COMPLAINTS.id(), Better.LOWER, overdue);
        for (TicketCategory category : TicketCategory.values()) {
            out.count(
                    Kpi.complaintCategory(category.name()),
                    Better.NONE,
                    complaints.stream().filter(c -> category.name().equals(c.category)).count());
        }

        out.count(Kpi.ACTIVE_CUSTOMERS.id(), Better.NONE, active);
        out.ratio(
                Kpi.CONTACT_VERIFIED_RATE.id(),
                Better.HIGHER,
                counts[CustomerCounts.CONTACT_VERIFIED],
                active,
                bindingTarget);
        out.ratio(
                Kpi.SMS_BINDING_RATE.id(),
                Better.HIGHER,
                counts[CustomerCounts.SMS_BOUND],
                active,
                bindingTarget);
        out.ratio(
                Kpi.WECHAT_BINDING_RATE.id(),
                Better.HIGHER,
                counts[CustomerCounts.WECHAT_BOUND],
                active,
                bindingTarget);

        long dunning = 0;
        long remote = 0;
        long offline = 0;
        Set<String> dunned = new HashSet<>();
        for (KpiFact notice : data.notices()) {
            long day = calendar.day(notice.timeMs);
            if (day < firstDay || day > lastDay || !"DUNNING".equals(notice.kind)) {
                continue;
            }
            dunning++;
            dunned.add(notice.customerId);
            if (REMOTE.contains(notice.channel)) {
                remote++;
            } else if (OFFLINE.contains(notice.channel)) {
                offline++;
            }
        }
        out.count(Kpi.DUNNING_NOTICES.id(), Better.NONE, dunning);
        out.ratio(Kpi.REMOTE_DUNNING_SHARE.id(), Better.HIGHER, remote, remote + offline, null);
        out.ratio(Kpi.NOTICES_PER_ARREARS_CASE.id(), Better.NONE, dunning, dunned.size(), null);

        long[] byChannel = new long[PaymentChannel.values().length];
        long reads = 0;
        long expected = 0;
        long lastJudged = asOf >= calendar.startOfDay(lastDay + 1) ? lastDay : calendar.day(asOf);
        for (long day = firstDay; day <= lastDay; day++) {
            long[] paid = data.paymentsOn(day);
            if (paid != null) {
                CustomerCounts.add(byChannel, paid);
            }
            reads += data.readsOn(day);
            if (day <= lastJudged) {
                expected +=
                        expectedBy(
                                data.countsAtEndOf(day)[CustomerCounts.EXPECTED_READS_PER_DAY],
                                day,
                                asOf);
            }
        }
        long payments = 0;
        long electronic = 0;
        long inUse = 0;
        for (PaymentChannel channel : PaymentChannel.values()) {
            long paid = byChannel[channel.ordinal()];
            payments += paid;
            if (ELECTRONIC.contains(channel.name())) {
                electronic += paid;
            }
            if (paid > 0 && channel != PaymentChannel.UNKNOWN) {
                inUse++;
            }
        }
        out.count(Kpi.PAYMENTS.id(), Better.NONE, payments);
        for (PaymentChannel channel : PaymentChannel.values()) {
            out.count(
                    Kpi.paymentChannel(channel.name()), Better.NONE, byChannel[channel.ordinal()]);
        }
        out.ratio(Kpi.ELECTRONIC_PAYMENT_SHARE.id(), Better.HIGHER, electronic, payments, null);
        boolean rural = counts[CustomerCounts.RURAL] * 2 > active;
        out.add(
                Kpi.PAYMENT_CHANNELS_IN_USE.id(),
                Better.HIGHER,
                inUse,
                0,
                inUse,
                (double) (rural ? channelsTargetRural : channelsTarget));
        out.ratio(Kpi.COLLECTION_SUCCESS_RATE.id(), Better.HIGHER, reads, expected, null);
        return rows;
    }

    /**
     * The reads a day expects by {@code asOf}: all of them once the day is over, the elapsed share
     * while it runs, so today's collection rate is not understated until midnight.
     */
    private long expectedBy(long perDay, long day, long asOf) {
        long start = calendar.startOfDay(day);
        long end = calendar.startOfDay(day + 1);
        if (asOf + 1 >= end) {
            return perDay;
        }
        return Math.multiplyExact(perDay, Math.max(0, asOf + 1 - start)) / (end - start);
    }

    /** Another complaint of the same customer in the unit in the 30 days before this one. */
    static boolean isRepeat(KpiFact c, List<KpiFact> all) {
        if (c.customerId == null) {
            return false;
        }
        for (KpiFact o : all) {
            if (o != c
                    && c.customerId.equals(o.customerId)
                    && (o.timeMs < c.timeMs || (o.timeMs == c.timeMs && o.id.compareTo(c.id) < 0))
                    && c.timeMs - o.timeMs <= REPEAT_WINDOW_MS) {
                return true;
            }
        }
        return false;
    }

    /** Not resolved by its deadline: resolved after it, or still open with the deadline passed. */
    boolean isOverdue(KpiFact c, long asOf) {
        long deadline = deadlineOf(c);
        return c.resolvedMs != null ? c.resolvedMs > deadline : deadline <= asOf;
    }

    long deadlineOf(KpiFact c) {
        return c.timeMs + deadlines.millis(c.category);
    }

    /**
     * The nearest-rank percentile: the value at 1-based rank ceil(p/100 * n) in ascending order.
     */
    static long nearestRank(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (percent * sorted.size() + 99) / 100;
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private record Rows(
            String periodStart, Level level, String unitId, long version, List<KpiRow> rows) {

        void add(String kpi, Better better, long num, long den, double value, Double target) {
            rows.add(
                    new KpiRow(
                            periodStart,
                            level.name(),
                            unitId,
                            kpi,
                            better.name(),
                            num,
                            den,
                            value,
                            target,
                            version));
        }

        void count(String kpi, Better better, long count) {
            add(kpi, better, count, 0, count, null);
        }

        void ratio(String kpi, Better better, long num, long den, Double target) {
            add(kpi, better, num, den, den == 0 ? 0 : (double) num / den, target);
        }

        void percentile(String kpi, List<Long> seconds, int percent) {
            long value = seconds.isEmpty() ? 0 : nearestRank(seconds, percent);
            add(kpi, Better.LOWER, value, seconds.size(), value, null);
        }
    }
}
