package io.gridpulse.reconnect;

/**
 * A reconnect command the job has sent for a case, kept so it is never sent with other content, and
 * so a later record that would have changed the decision marks the case for review.
 */
public class IssuedCommand {

    public String clearedBy;
    public long clearedAtMs;
    public String clearingEvidence;

    /** Wall-clock time the command was emitted (for the waiting time on the board). */
    public long sentAtMs;

    public boolean review;
    public String reviewReason;

    public IssuedCommand() {}

    IssuedCommand(Clearing clearing, long sentAtMs) {
        this.clearedBy = clearing.by().name();
        this.clearedAtMs = clearing.timeMs();
        this.clearingEvidence = clearing.evidence();
        this.sentAtMs = sentAtMs;
    }

    boolean sameAs(Clearing clearing) {
        return clearing != null
                && clearing.by().name().equals(clearedBy)
                && clearing.timeMs() == clearedAtMs
                && clearing.evidence().equals(clearingEvidence);
    }
}
