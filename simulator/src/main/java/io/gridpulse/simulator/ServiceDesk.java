package io.gridpulse.simulator;

import io.gridpulse.schema.TicketCategory;
import io.gridpulse.schema.TicketChannel;
import io.gridpulse.schema.TicketKind;
import io.gridpulse.streams.Topics;
import java.util.SplittableRandom;

/**
 * The 95598 hotline and the grid managers' phones: customers open tickets during the day, the grid
 * answers, resolves and, for complaints and reports, verifies them days later. Better-run grids get
 * fewer tickets, answer sooner and have fewer justified complaints. Complaints get corrected like
 * real ones: some are verified weeks later, re-categorised at verification, first dispatched to the
 * wrong grid and moved, or closed in a later month.
 */
final class ServiceDesk {

    private static final double DAILY_TICKETS_PER_CUSTOMER = 0.004;
    private static final double ANONYMOUS_SHARE = 0.08;
    private static final long OFFICE_OPENS = 7 * RunWindow.HOUR;
    private static final long OFFICE_HOURS = 15 * RunWindow.HOUR;

    /** Shares of complaints and reports corrected after the fact, each drawn independently. */
    private static final double LATE_VERIFICATION_SHARE = 0.15;

    private static final double RECATEGORISED_SHARE = 0.10;
    private static final double MOVED_SHARE = 0.08;
    private static final double LATE_CLOSE_SHARE = 0.06;

    private static final WeightedChoice<TicketKind> KINDS =
            WeightedChoice.<TicketKind>builder()
                    .add(TicketKind.REPAIR, 30)
                    .add(TicketKind.CONSULTATION, 35)
                    .add(TicketKind.COMPLAINT, 15)
                    .add(TicketKind.REPORT, 3)
                    .add(TicketKind.SUGGESTION, 7)
                    .add(TicketKind.PRAISE, 10)
                    .build();
    private static final WeightedChoice<TicketChannel> CHANNELS =
            WeightedChoice.<TicketChannel>builder()
                    .add(TicketChannel.HOTLINE_95598, 55)
                    .add(TicketChannel.GRID_PHONE, 25)
                    .add(TicketChannel.APP, 15)
                    .add(TicketChannel.ON_SITE, 5)
                    .build();
    private static final WeightedChoice<TicketCategory> REPAIRS =
            WeightedChoice.<TicketCategory>builder()
                    .add(TicketCategory.OUTAGE, 60)
                    .add(TicketCategory.POWER_QUALITY, 25)
                    .add(TicketCategory.METERING, 15)
                    .build();
    private static final WeightedChoice<TicketCategory> CONSULTATIONS =
            WeightedChoice.<TicketCategory>builder()
                    .add(TicketCategory.BILLING, 35)
                    .add(TicketCategory.PAYMENT_CHANNEL, 20)
                    .add(TicketCategory.NEW_CONNECTION, 20)
                    .add(TicketCategory.ARREARS_DISCONNECTION, 10)
                    .add(TicketCategory.METERING, 15)
                    .build();
    private static final WeightedChoice<TicketCategory> COMPLAINTS =
            WeightedChoice.<TicketCategory>builder()
                    .add(TicketCategory.BILLING, 25)
                    .add(TicketCategory.SERVICE_CONDUCT, 20)
                    .add(TicketCategory.OUTAGE, 20)
                    .add(TicketCategory.POWER_QUALITY, 10)
                    .add(TicketCategory.METERING, 15)
                    .add(TicketCategory.ARREARS_DISCONNECTION, 5)
                    .add(TicketCategory.PAYMENT_CHANNEL, 5)
                    .build();
    private static final WeightedChoice<TicketCategory> REPORTS =
            WeightedChoice.<TicketCategory>builder()
                    .add(TicketCategory.METERING, 50)
                    .add(TicketCategory.SERVICE_CONDUCT, 50)
                    .build();
    private static final WeightedChoice<TicketCategory> SUGGESTIONS =
            WeightedChoice.<TicketCategory>builder()
                    .add(TicketCategory.PAYMENT_CHANNEL, 50)
                    .add(TicketCategory.SERVICE_CONDUCT, 50)
                    .build();

    private final TickBuffer out;
    private final Agenda agenda;
    private final City city;

    ServiceDesk(TickBuffer out, Agenda agenda, City city) {
        this.out = out;
        this.agenda = agenda;
        this.city = city;
    }

    /** Decides whether the customer calls in today, and about what. */
    void planDay(Household household, long localMidnight, long from, long to) {
        SplittableRandom random = household.random();
        double quality = quality(household);
        if (random.nextDouble() >= DAILY_TICKETS_PER_CUSTOMER / quality) {
            return;
        }
        long at = localMidnight + OFFICE_OPENS + random.nextLong(OFFICE_HOURS);
        if (at < from || at >= to) {
            return;
        }
        TicketKind kind = KINDS.pick(random);
        TicketChannel channel = CHANNELS.pick(random);
        boolean anonymous =
                channel == TicketChannel.HOTLINE_95598 && random.nextDouble() < ANONYMOUS_SHARE;
        open(household, at, kind, categoryOf(kind, random), channel, anonymous, null);
    }

    /**
     * Opens a ticket and schedules its life: first response, resolution and, for complaints and
     * reports, the verification.
     *
     * @param verdict the verification outcome, or null to draw it
     */
    void open(
            Household household,
            long at,
            TicketKind kind,
            TicketCategory category,
            TicketChannel channel,
            boolean anonymous,
            Boolean verdict) {
        SplittableRandom random = household.random();
        double quality = quality(household);
        int grid = city.gridOf(household.index());
        boolean complaint = kind == TicketKind.COMPLAINT || kind == TicketKind.REPORT;
        // a few complaints are first dispatched to the neighbouring grid and moved later
        boolean misrouted = complaint && random.nextDouble() < MOVED_SHARE;
        Ticket ticket =
                new Ticket(
                        household.nextId('T'),
                        anonymous ? null : household.customerId(),
                        city.gridId(misrouted ? (grid + 1) % city.grids() : grid),
                        channel,
                        kind,
                        category,
                        at);
        long respondedAt = at + (long) (responseDelay(kind, random) / quality);
        long resolvedAt = respondedAt + resolutionDelay(kind, random);
        if (complaint && random.nextDouble() < LATE_CLOSE_SHARE) {
            resolvedAt += 20 * RunWindow.DAY + random.nextLong(20 * RunWindow.DAY);
        }
        long resolved = resolvedAt;
        publishAt(ticket, at, () -> {});
        publishAt(
                ticket,
                respondedAt,
                () -> {
                    ticket.respond(respondedAt);
                    if (resolved == respondedAt) {
                        ticket.resolve(resolved);
                    }
                });
        if (misrouted) {
            long movedAt = respondedAt + RunWindow.HOUR + random.nextLong(3 * RunWindow.DAY);
            publishAt(ticket, movedAt, () -> ticket.moveTo(city.gridId(grid)));
        }
        if (resolvedAt != respondedAt) {
            publishAt(ticket, resolvedAt, () -> ticket.resolve(resolved));
        }
        if (complaint) {
            long verifiedAt =
                    resolvedAt
                            + (random.nextDouble() < LATE_VERIFICATION_SHARE
                                    ? 10 * RunWindow.DAY + random.nextLong(30 * RunWindow.DAY)
                                    : 12 * RunWindow.HOUR + random.nextLong(60 * RunWindow.HOUR));
            double justifiedShare = kind == TicketKind.COMPLAINT ? 0.3 / quality : 0.4;
            boolean justified = verdict != null ? verdict : random.nextDouble() < justifiedShare;
            if (random.nextDouble() < RECATEGORISED_SHARE) {
                TicketCategory corrected = categoryOf(kind, random);
                publishAt(
                        ticket,
                        verifiedAt,
                        () -> {
                            ticket.verify(justified);
                            ticket.recategorise(corrected);
                        });
            } else {
                publishAt(ticket, verifiedAt, () -> ticket.verify(justified));
            }
        }
    }

    private void publishAt(Ticket ticket, long at, Runnable change) {
        agenda.at(
                at,
                () -> {
                    change.run();
                    out.emit(Topics.SERVICE_ORDERS, ticket.id(), ticket.revise(at), at);
                });
    }

    private double quality(Household household) {
        return city.serviceQuality(city.gridOf(household.index()));
    }

    private static TicketCategory categoryOf(TicketKind kind, SplittableRandom random) {
        return switch (kind) {
            case REPAIR -> REPAIRS.pick(random);
            case CONSULTATION -> CONSULTATIONS.pick(random);
            case COMPLAINT -> COMPLAINTS.pick(random);
            case REPORT -> REPORTS.pick(random);
            case SUGGESTION -> SUGGESTIONS.pick(random);
            default -> TicketCategory.SERVICE_CONDUCT;
        };
    }

    private static long responseDelay(TicketKind kind, SplittableRandom random) {
        return switch (kind) {
            case COMPLAINT -> 5 * RunWindow.MINUTE + random.nextLong(40 * RunWindow.MINUTE);
            case REPAIR -> 10 * RunWindow.MINUTE + random.nextLong(50 * RunWindow.MINUTE);
            case CONSULTATION -> RunWindow.MINUTE + random.nextLong(19 * RunWindow.MINUTE);
            default -> 30 * RunWindow.MINUTE + random.nextLong(450 * RunWindow.MINUTE);
        };
    }

    /** Time from first response to resolution; zero when answering is resolving. */
    private static long resolutionDelay(TicketKind kind, SplittableRandom random) {
        return switch (kind) {
            case CONSULTATION -> 0;
            case REPAIR -> RunWindow.HOUR + random.nextLong(5 * RunWindow.HOUR);
            case COMPLAINT -> 2 * RunWindow.HOUR + random.nextLong(28 * RunWindow.HOUR);
            case REPORT -> RunWindow.DAY + random.nextLong(4 * RunWindow.DAY);
            default -> RunWindow.DAY + random.nextLong(RunWindow.DAY);
        };
    }
}
