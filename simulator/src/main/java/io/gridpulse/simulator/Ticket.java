package io.gridpulse.simulator;

import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.TicketCategory;
import io.gridpulse.schema.TicketChannel;
import io.gridpulse.schema.TicketKind;

/**
 * A 95598 or grid-phone ticket as it moves along: opened, dispatched and answered, resolved,
 * verified (查实), and now and then corrected (moved to another grid, re-categorised). Each change is
 * published as a full snapshot with the next revision number.
 */
final class Ticket {

    private final String ticketId;
    private final String customerId;
    private String gridId;
    private final TicketChannel channel;
    private final TicketKind kind;
    private TicketCategory category;
    private final long openedAt;
    private int revision = -1;
    private boolean dispatched;
    private Long firstResponseAt;
    private Long resolvedAt;
    private Boolean verified;

    /**
     * @param customerId the caller, null when anonymous
     * @param gridId the grid the ticket goes to; hotline tickets reach it only when dispatched
     */
    Ticket(
            String ticketId,
            String customerId,
            String gridId,
            TicketChannel channel,
            TicketKind kind,
            TicketCategory category,
            long openedAt) {
        this.ticketId = ticketId;
        this.customerId = customerId;
        this.gridId = gridId;
        this.channel = channel;
        this.kind = kind;
        this.category = category;
        this.openedAt = openedAt;
        // tickets raised with the grid itself need no dispatch
        this.dispatched = channel != TicketChannel.HOTLINE_95598;
    }

    String id() {
        return ticketId;
    }

    void respond(long at) {
        dispatched = true;
        firstResponseAt = at;
    }

    void resolve(long at) {
        resolvedAt = at;
    }

    void verify(boolean justified) {
        verified = justified;
    }

    /** Re-dispatched to another grid (it was sent to the wrong one). */
    void moveTo(String grid) {
        gridId = grid;
    }

    /** Re-categorised after a closer look. */
    void recategorise(TicketCategory newCategory) {
        category = newCategory;
    }

    /** The next revision of the ticket as of now. */
    ServiceOrder revise(long updatedAt) {
        revision++;
        return ServiceOrder.newBuilder()
                .setTicketId(ticketId)
                .setRevision(revision)
                .setCustomerId(customerId)
                .setGridId(dispatched ? gridId : null)
                .setChannel(channel)
                .setKind(kind)
                .setCategory(category)
                .setOpenedAt(RunWindow.instant(openedAt))
                .setFirstResponseAt(
                        firstResponseAt == null ? null : RunWindow.instant(firstResponseAt))
                .setResolvedAt(resolvedAt == null ? null : RunWindow.instant(resolvedAt))
                .setVerified(verified)
                .setUpdatedAt(RunWindow.instant(updatedAt))
                .build();
    }
}
