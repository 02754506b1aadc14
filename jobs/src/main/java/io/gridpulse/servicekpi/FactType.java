package io.gridpulse.servicekpi;

/** What a {@link KpiFact} says. */
public enum FactType {
    /** The latest revision of a ticket, in the unit it now belongs to. */
    TICKET,
    /** A ticket left the unit (moved to another grid). */
    TICKET_REMOVED,
    /** A change of the unit's customer counts from the end of a day on. */
    CUSTOMERS,
    NOTICE,
    PAYMENT,
    /** A change of the number of reads collected on a day. */
    READS
}
